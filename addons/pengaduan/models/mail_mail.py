from odoo import models
from odoo.tools.mail import formataddr

from .pengaduan_identity import is_pseudonym_email


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _prepare_outgoing_list(self, mail_server=False, doc_to_followers=None):
        # Odoo has no seam between "this partner is a recipient" and "this is the address": an
        # anonymous complainant's pseudonym gets its real address here, when the e-mail leaves,
        # so that no table the staff can read ever holds it (only pseudonym contacts are touched)
        emails = super()._prepare_outgoing_list(mail_server=mail_server, doc_to_followers=doc_to_followers)
        pseudonyms = [email["partner_id"] for email in emails
                      if email.get("partner_id") and is_pseudonym_email(email["partner_id"].email)]
        if not pseudonyms:
            return emails
        identities = self.env["pengaduan.identity"].sudo().search(
            [("pseudonym_partner_id", "in", [partner.id for partner in pseudonyms])])
        real = {identity.pseudonym_partner_id.id: identity.email or identity.partner_id.email_normalized
                for identity in identities}
        pseudonym_ids = {partner.id for partner in pseudonyms}
        for email in emails:
            partner = email.get("partner_id")
            if partner and partner.id in pseudonym_ids:
                address = real.get(partner.id)
                # no real address: no recipient (the notification shows the e-mail as missing)
                email["email_to"] = [formataddr((partner.name, address))] if address else []
                email["email_to_normalized"] = [address] if address else []
                email["email_to_raw"] = address or ""
        return emails
