from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pengaduan_dpmptsp_flow = fields.Boolean(
        string="DPMPTSP Resolution Flow",
        help="New complaints of this office go through the DPMPTSP flow: completeness check at the "
        "front office, verification and study by the analyst, paraf of the Kabid and the Sekretaris, "
        "signature of the Kepala Dinas and the Berita Acara Penyelesaian Pengaduan.",
    )
