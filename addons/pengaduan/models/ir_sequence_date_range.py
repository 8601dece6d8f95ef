from odoo import models


class IrSequenceDateRange(models.Model):
    _name = "ir.sequence.date_range"
    _inherit = ["ir.sequence.date_range", "pengaduan.cache.mixin"]

    def _pengaduan_forget(self):
        self.sequence_id._pengaduan_forget()
