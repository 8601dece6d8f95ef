from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pengaduan_skm_survey_id = fields.Many2one(related="company_id.pengaduan_skm_survey_id", readonly=False)
