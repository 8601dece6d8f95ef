from odoo import api, models

COMPLAINT_SEQUENCE = "pengaduan.complaint"


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model_create_multi
    def create(self, vals_list):
        sequences = super().create(vals_list)
        sequences._pengaduan_forget_numbering()
        return sequences

    def write(self, vals):
        self._pengaduan_forget_numbering()
        result = super().write(vals)
        self._pengaduan_forget_numbering()  # (its code may just have become the complaints')
        return result

    def unlink(self):
        self._pengaduan_forget_numbering()
        return super().unlink()

    def _pengaduan_forget_numbering(self):
        """The complaint numbers remember their sequence's range and format for the day
        (``pengaduan.complaint._pengaduan_number_range``): forget them when it changes."""
        if COMPLAINT_SEQUENCE in self.sudo().mapped("code"):
            self.env.registry.clear_cache()
