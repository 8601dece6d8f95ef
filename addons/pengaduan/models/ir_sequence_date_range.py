from odoo import api, models


class IrSequenceDateRange(models.Model):
    _inherit = "ir.sequence.date_range"

    @api.model_create_multi
    def create(self, vals_list):
        date_ranges = super().create(vals_list)
        date_ranges.sequence_id._pengaduan_forget_numbering()
        return date_ranges

    def write(self, vals):
        self.sequence_id._pengaduan_forget_numbering()
        return super().write(vals)

    def unlink(self):
        self.sequence_id._pengaduan_forget_numbering()
        return super().unlink()
