from odoo import api, models


class PengaduanCacheMixin(models.AbstractModel):
    """Forget cached answers (gateway memo, working time, numbering) when records of a model change."""

    _name = "pengaduan.cache.mixin"
    _description = "Pengaduan: cache invalidation on change"

    def _pengaduan_forget(self):
        """Forget what a created, written or deleted record of this model may change."""

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._pengaduan_forget()
        return records

    def write(self, vals):
        self._pengaduan_forget()  # what the records were (a sequence losing the complaints' code)
        result = super().write(vals)
        self._pengaduan_forget()  # and what they are now (nothing looked up meanwhile stays)
        return result

    def unlink(self):
        self._pengaduan_forget()
        return super().unlink()
