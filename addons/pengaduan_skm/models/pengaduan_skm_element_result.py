from odoo import api, fields, models

from ..tools.ikm import CONVERSION
from .pengaduan_skm_period import GRADES
from .survey_question import SKM_ELEMENTS


class PengaduanSkmElementResult(models.Model):
    """One element (unsur) of a period's index: its NRR, interval value and grade."""

    _name = "pengaduan.skm.element.result"
    _description = "SKM Element Result"
    _order = "period_id, element"

    period_id = fields.Many2one("pengaduan.skm.period", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    element = fields.Selection(SKM_ELEMENTS, required=True)
    respondent_count = fields.Integer(string="Respondents")
    score_sum = fields.Float(string="Sum of Scores", digits=(12, 0))
    nrr = fields.Float(string="NRR", digits=(5, 4), aggregator="avg",
                       help="Nilai rata-rata: the sum of the scores divided by the respondents who answered.")
    ikm_value = fields.Float(string="Interval Value", digits=(5, 2), compute="_compute_ikm_value", store=True,
                             aggregator="avg", help="NRR x 25.")
    grade = fields.Selection(GRADES)
    is_lowest = fields.Boolean(string="Lowest", help="Among the lowest elements of the period.")

    _element_unique = models.Constraint("UNIQUE (period_id, element)", "An element has one result per period.")

    @api.depends("nrr")
    def _compute_ikm_value(self):
        for result in self:
            result.ikm_value = round(result.nrr * CONVERSION, 2)
