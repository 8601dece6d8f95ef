from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pengaduan_dpmptsp_flow = fields.Boolean(
        string="DPMPTSP Resolution Flow",
        help="New complaints of this office go through the DPMPTSP flow: completeness check at the "
        "front office, verification and study by the analyst, paraf of the Kabid and the Sekretaris, "
        "signature of the Kepala Dinas and the Berita Acara Penyelesaian Pengaduan.",
    )

    def cache_invalidation_fields(self):
        # the flag decides which offices see the DPMPTSP menus (ir.ui.menu)
        return super().cache_invalidation_fields() | {"pengaduan_dpmptsp_flow"}
