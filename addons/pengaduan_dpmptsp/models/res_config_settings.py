from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pengaduan_dpmptsp_flow = fields.Boolean(related="company_id.pengaduan_dpmptsp_flow", readonly=False)
