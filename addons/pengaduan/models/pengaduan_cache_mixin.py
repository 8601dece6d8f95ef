from odoo import api, models


class PengaduanCacheMixin(models.AbstractModel):
    """Forget cached answers (gateway memo, working time) when records of a model change."""

    _name = "pengaduan.cache.mixin"
    _description = "Pengaduan: cache invalidation on change"

    def _pengaduan_forget(self):
        """Forget what a created, written or deleted record of this model may change."""

    @api.model_create_multi
    def create(self, vals_list):
        self._pengaduan_forget()
        return super().create(vals_list)

    def write(self, vals):
        self._pengaduan_forget()
        return super().write(vals)

    def unlink(self):
        self._pengaduan_forget()
        return super().unlink()
