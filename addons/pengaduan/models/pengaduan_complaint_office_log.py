"""The office's own record of a complaint -- the creation message and the notes of what staff
did -- is written in the office's language (Indonesian when installed), not in the language of
whoever acted: the chatter is one record read by the whole office and kept for years."""

from odoo import models


class PengaduanComplaintOfficeLog(models.Model):
    _inherit = "pengaduan.complaint"

    def _office(self):
        """These complaints (of one office) in the office's language."""
        company = self.company_id[:1] or self.env.company
        return self.with_context(lang=company._pengaduan_letter_lang())

    def _creation_message(self):  # pylint: disable=useless-parent-delegation
        # mail.thread's hook for the "<document> created" note; not useless: another language
        return super(PengaduanComplaintOfficeLog, self._office())._creation_message()
