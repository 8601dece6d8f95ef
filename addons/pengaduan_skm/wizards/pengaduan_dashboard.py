from odoo import fields, models

from ..models.pengaduan_skm_period import GRADES


class PengaduanDashboard(models.TransientModel):
    """The dashboard's current satisfaction index: the office's latest period with data."""

    _inherit = "pengaduan.dashboard"

    skm_period_id = fields.Many2one("pengaduan.skm.period", string="SKM Period", compute="_compute_skm")
    skm_ikm = fields.Float(string="IKM", digits=(5, 2), compute="_compute_skm")
    skm_grade = fields.Selection(GRADES, string="IKM Grade", compute="_compute_skm")

    def _compute_skm(self):
        for dashboard in self:
            period = self.env["pengaduan.skm.period"].search(
                [("company_id", "=", dashboard.company_id.id), ("has_data", "=", True)],
                order="date_to desc, id desc", limit=1)
            dashboard.skm_period_id = period
            dashboard.skm_ikm = period.ikm
            dashboard.skm_grade = period.grade
