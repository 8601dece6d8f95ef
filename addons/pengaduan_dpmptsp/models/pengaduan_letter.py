from odoo import fields, models

# titles written before a name: not part of the initials of a paraf
NAME_PREFIXES = {"dr", "dra", "drs", "ir", "h", "hj", "prof", "kh"}


def paraf_initials(name):
    """Initials of a paraf: 'Dra. Yusnita Harahap' -> 'YH', 'Budi Hartanto, S.H.' -> 'BH'
    (academic degrees after the comma and titles before the name are left out)."""
    words = (name or "").split(",")[0].replace(".", ". ").split()
    return "".join(word[0] for word in words
                   if word[0].isalpha() and word.rstrip(".").lower() not in NAME_PREFIXES).upper()


class PengaduanLetter(models.Model):
    _inherit = "pengaduan.letter"

    document_type = fields.Selection(
        selection_add=[("berita_acara", "Berita Acara Penyelesaian Pengaduan")],
        ondelete={"berita_acara": "cascade"},
    )

    def _report(self):
        self.ensure_one()
        if self.document_type == "berita_acara":
            return self.env.ref("pengaduan_dpmptsp.action_report_berita_acara")
        return super()._report()

    def _paraf(self, step):
        """(name, initials, date text) of the last paraf ``step`` of the Berita Acara."""
        complaint = self.complaint_id
        user = complaint[f"dpmptsp_{step}_user_id"]
        moment = complaint[f"dpmptsp_{step}_date"]
        if not user:
            return "", "", ""
        date_text = complaint._date_id(moment and complaint._dpmptsp_office_date(moment))
        return user.name, paraf_initials(user.name), date_text

    def _dpmptsp_day(self):
        """Date of the Berita Acara: the signature's, or today's (office time zone) on a draft."""
        self.ensure_one()
        return self.letter_date or self.complaint_id._dpmptsp_office_date(fields.Datetime.now())
