from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pengaduan_calendar_id = fields.Many2one(related="company_id.pengaduan_calendar_id", readonly=False)
    pengaduan_resolution_time = fields.Integer(related="company_id.pengaduan_resolution_time", readonly=False)
    pengaduan_resolution_unit = fields.Selection(related="company_id.pengaduan_resolution_unit", readonly=False)
    pengaduan_risk_ratio = fields.Float(related="company_id.pengaduan_risk_ratio", readonly=False)
    pengaduan_head_user_id = fields.Many2one(related="company_id.pengaduan_head_user_id", readonly=False)
    pengaduan_government_name = fields.Char(related="company_id.pengaduan_government_name", readonly=False)
    pengaduan_alias_name = fields.Char(related="company_id.pengaduan_alias_id.alias_name", readonly=False)
    pengaduan_alias_domain_id = fields.Many2one(related="company_id.alias_domain_id", readonly=False)
    pengaduan_require_statement = fields.Boolean(related="company_id.pengaduan_require_statement", readonly=False)
    pengaduan_retention_days = fields.Integer(related="company_id.pengaduan_retention_days", readonly=False)
    pengaduan_mail_max_age_days = fields.Integer(related="company_id.pengaduan_mail_max_age_days", readonly=False)
