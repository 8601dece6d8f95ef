from odoo import fields, models


class PengaduanLetterNumbering(models.Model):
    _inherit = "pengaduan.letter.numbering"

    document_type = fields.Selection(
        selection_add=[("berita_acara", "Berita Acara Penyelesaian Pengaduan")],
        ondelete={"berita_acara": "cascade"},
    )
