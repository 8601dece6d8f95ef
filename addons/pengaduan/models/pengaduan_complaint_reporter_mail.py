"""What the complainant receives: the language of it, the message itself, and the answer.

Contract: every message to a complainant is written in the complainant's language (their
contact's, else the office's), never in the language of the staff member who acted; it goes
through ``_notify_reporter``, which never puts the real address of an anonymous complainant in
the chatter.
"""

from markupsafe import Markup

from odoo import models


class PengaduanComplaintReporterMail(models.Model):
    _inherit = "pengaduan.complaint"

    def _reporter_lang(self):
        """The complainant's language, else the office's (Indonesian)."""
        self.ensure_one()
        return self.sudo().partner_id.lang or self._default_reporter_lang()

    def _notify_reporter(self, subject, body, attachments=None):
        """A message to the complainant, in the chatter and by e-mail. An anonymous complainant
        takes part under a pseudonym (``partner_id``): the e-mail reaches the real address only
        when it leaves (``mail.mail``); the chatter never holds it. ``attachments``: a list of
        ``(file name, content)``."""
        self.ensure_one()
        values = {"body": body, "subject": subject, "message_type": "comment", "subtype_xmlid": "mail.mt_comment"}
        if attachments:
            values["attachments"] = attachments
        if self._complainant_can_be_mailed():
            values["partner_ids"] = self.partner_id.ids
        elif self._reporter_address_only():
            values["outgoing_email_to"] = self.reporter_email  # no contact (yet): the address itself
        else:
            values["subtype_xmlid"] = "mail.mt_note"  # nobody to write to (phone, walk-in): for the office
        self.message_post(**values)

    def _reporter_address_only(self):
        """An e-mail address but no contact (yet): messages go to the address itself."""
        self.ensure_one()
        return self.anonymity != "anonim" and bool(self.reporter_email)

    def _notify_answer(self):
        """The answer as the complainant receives it: addressed to them, with the signed letter
        attached when there is one, and how to follow the complaint and rate its handling."""
        self.ensure_one()
        complaint = self.with_context(lang=self._reporter_lang())
        env = complaint.env
        letters = complaint.sudo().letter_ids.filtered(lambda letter: letter.state == "signed")
        letter = letters.sorted(lambda letter: (letter.date_signed, letter.id))[-1:]
        # wkhtmltopdf fetches the report's assets from this server, which cannot answer while
        # it loads modules (demo data answering complaints): then the letter is not attached
        attachments = [letter.with_context(lang=env.lang)._signed_pdf()] \
            if letter and self.env.registry.ready else None
        paragraph = Markup("<p>%s</p>")
        parts = [paragraph % env._("Dear %s,", complaint.reporter_salutation), complaint.answer or ""]
        if attachments:
            parts.append(paragraph % env._("The signed answer letter %s is attached.", letter.number))
        url = complaint._public_track_url()
        parts.append(Markup('<p>%s <a href="%s">%s</a></p>') % (
            env._("Follow your complaint on our website with its number and your contact:"), url, url))
        if complaint._complainant_can_be_mailed() or complaint._reporter_address_only():
            # the same rating links as the portal page (Odoo's /rate route, one token per complainant)
            rate = f"{complaint.get_base_url()}/rate/{complaint.sudo()._rating_get_access_token()}"
            links = Markup(" · ").join(
                Markup('<a href="%s/%s">%s</a>') % (rate, score, label)
                for score, label in ((5, env._("Satisfied")), (3, env._("Okay")), (1, env._("Dissatisfied"))))
            parts.append(Markup('<p class="o_pengaduan_rating">%s %s</p>') % (
                env._("How satisfied are you with the answer?"), links))
        parts.append(Markup("<p>%s<br/>%s</p>") % (env._("Regards,"), complaint.company_id.name))
        complaint._notify_reporter(env._("Answer to your complaint %s", complaint.number), Markup("").join(parts),
                                   attachments=attachments)
