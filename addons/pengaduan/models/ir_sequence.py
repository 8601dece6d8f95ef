from odoo import models

COMPLAINT_SEQUENCE = "pengaduan.complaint"


class IrSequence(models.Model):
    _name = "ir.sequence"
    _inherit = ["ir.sequence", "pengaduan.cache.mixin"]

    def _pengaduan_forget(self):
        # the complaint numbers remember their sequence's range and format for the day
        # (pengaduan.complaint._pengaduan_number_range)
        if COMPLAINT_SEQUENCE in self.sudo().mapped("code"):
            self.env.registry.clear_cache()
