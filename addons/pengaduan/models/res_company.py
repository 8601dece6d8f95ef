from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .pengaduan_channel import SLA_UNITS


class ResCompany(models.Model):
    _inherit = "res.company"

    pengaduan_calendar_id = fields.Many2one(
        "resource.calendar", string="Complaint Service Hours",
        help="Working calendar used for complaint deadlines. Public holidays and cuti bersama "
        "are global leaves of the calendars. Defaults to the company's working hours.",
    )
    pengaduan_resolution_time = fields.Integer(
        string="Default Resolution Time", default=5,
        help="Resolution standard for complaints without a category.",
    )
    pengaduan_resolution_unit = fields.Selection(
        SLA_UNITS, string="Default Resolution Time Unit", default="working_days",
    )
    pengaduan_risk_ratio = fields.Float(
        string="At-Risk Threshold", default=0.25,
        help="A complaint is at risk when less than this share of its time is left (0.25 = 25 %).",
    )
    pengaduan_head_user_id = fields.Many2one(
        "res.users", string="Head of Office",
        help="Kepala Dinas: receives the escalation of overdue complaints.",
    )
    pengaduan_require_statement = fields.Boolean(
        string="Require Statement of Truth",
        help="Complainants must declare that their complaint is true (Surat Pernyataan Kebenaran Aduan).",
    )

    @api.constrains("pengaduan_resolution_time", "pengaduan_risk_ratio")
    def _check_pengaduan_sla(self):
        for company in self:
            if company.pengaduan_resolution_time <= 0:
                raise ValidationError(self.env._("The default resolution time must be greater than zero."))
            if not 0 < company.pengaduan_risk_ratio < 1:
                raise ValidationError(self.env._("The at-risk threshold must be between 0 and 1 (e.g. 0.25)."))

    def _pengaduan_calendar(self):
        self.ensure_one()
        return (
            self.pengaduan_calendar_id
            or self.resource_calendar_id
            or self.env.ref("pengaduan.resource_calendar_office", raise_if_not_found=False)
        )
