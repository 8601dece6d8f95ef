from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dukcapil_region_code = fields.Char(related="company_id.dukcapil_region_code", readonly=False)
    pengaduan_complaint_unit_id = fields.Many2one(related="company_id.pengaduan_complaint_unit_id",
                                                  readonly=False)
