"""The acknowledgement of receipt: e-mailed by a scheduled action to the complainants of the
complaints the intake marked (e-mail and web form), with the tracking number and both deadlines."""

import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.mail import email_normalize, formataddr

_logger = logging.getLogger(__name__)


class PengaduanComplaintAcknowledgement(models.Model):
    _inherit = "pengaduan.complaint"

    acknowledgement_due = fields.Boolean(
        readonly=True, copy=False,
        help="The acknowledgement of receipt is still to be e-mailed (by a scheduled action, every minute).",
    )
    _acknowledgement_due_idx = models.Index("(id) WHERE acknowledgement_due IS TRUE")

    def mail_allowed_qweb_expressions(self):
        # the acknowledgement only needs these: rendered without evaluating code (faster, and
        # safe for template editors who are not administrators)
        return (*super().mail_allowed_qweb_expressions(), "object.number", "object.reporter_salutation",
                "object.company_id.name", "object.response_deadline_text", "object.resolution_deadline_text",
                "object.partner_id.lang")

    @api.model
    def _should_acknowledge(self, msg_dict):
        """No acknowledgement to auto-replies, bounces or mailing lists (``pengaduan_automated``,
        set by the routing; the key only withholds an acknowledgement, it grants nothing). Our own
        addresses never reach ``message_new``: the routing drops them."""
        if self.env.context.get("pengaduan_automated") or msg_dict.get("bounced_email"):
            return False
        return bool(email_normalize(msg_dict.get("email_from") or ""))

    @api.model
    def _cron_send_acknowledgements(self, batch_size=200):
        """E-mail the acknowledgements due (complaints received by e-mail or on the web form).

        The intake only marks the complaint (no query of its own): the template is rendered and
        the e-mails written here, a batch at a time, which also keeps a broken template from
        refusing complaints. The mail queue is woken up to send them at once."""
        complaints = self.sudo().with_context(active_test=False)
        last_id = 0

        def send_batch(limit):
            nonlocal last_id
            # by increasing id: each batch moves on, whatever happened to the previous one
            batch = complaints.search([("acknowledgement_due", "=", True), ("id", ">", last_id)],
                                      limit=limit, order="id")
            if batch:
                batch._send_acknowledgements_safely()
                last_id = batch[-1].id
            return len(batch)

        sent = self._run_in_batches(send_batch, batch_size)
        if sent:
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return sent

    def _send_acknowledgements_safely(self):
        """``_send_acknowledgement`` for the batch; a complaint that fails does not hold back the
        others, nor come back at every run: its officers find a note in the chatter."""
        try:
            with self.env.cr.savepoint():
                self._send_acknowledgement()
            return
        except Exception:  # noqa: BLE001 # pylint: disable=broad-exception-caught
            _logger.warning("Acknowledgements: batch failed, sending one by one", exc_info=True)
        for complaint in self:
            try:
                with self.env.cr.savepoint():
                    complaint._send_acknowledgement()
            except Exception as error:  # noqa: BLE001 # pylint: disable=broad-exception-caught
                _logger.exception("Acknowledgement of complaint %s failed", complaint.number)
                complaint._transition({"acknowledgement_due": False})
                complaint._message_log(body=Markup("<p>%s</p>") % self.env._(
                    "The acknowledgement could not be e-mailed to the complainant: %s", error))

    def _send_acknowledgement(self):
        """E-mail the tracking number and both deadlines to the complainants (a batch).

        The template is rendered in each complainant's language and the e-mails queued. Each
        is written as one ``mail.mail`` with its notification instead of going through
        ``message_post``: the same message in the chatter (with its delivery status) at a
        fraction of the queries.
        """
        template = self.env["mail.template"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id("pengaduan.mail_template_acknowledgement"))
        complaints = self.filtered(lambda complaint: complaint._complainant_emails())
        if template and complaints:
            complaints._queue_acknowledgements(template)
        self.filtered("acknowledgement_due")._transition({"acknowledgement_due": False})

    def _queue_acknowledgements(self, template):
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        author = self.env.user.partner_id
        # the complainant's language (the template's rule), worked out once for both fields
        default_lang = self.env.lang or "en_US"
        langs = {res_id: lang or default_lang for res_id, lang in template._render_lang(self.ids).items()}
        subjects = template._render_field("subject", self.ids, res_ids_lang=langs)
        # no post-processing: the body has no relative link to make absolute
        bodies = template._render_field("body_html", self.ids, res_ids_lang=langs, options={"post_process": False})
        chatter, anonymous, logged = [], [], self.browse()
        for complaint in self:
            company = complaint.company_id
            alias_email = complaint.sudo()._pengaduan_alias_email()
            reply_to = (formataddr((company.name, alias_email)) if alias_email
                        else complaint._notify_get_reply_to(default=False)[complaint.id])
            body = bodies[complaint.id]
            values = {"subject": subjects[complaint.id], "body": body, "body_html": body, "author_id": author.id,
                      "auto_delete": False, "reply_to": reply_to}
            # from the office (its address, else its complaint address), not from whoever runs
            # the scheduled action (OdooBot); unset, Odoo falls back to the author's address
            office_email = company.email or alias_email
            if office_email:
                values["email_from"] = formataddr((company.name, office_email))
            partner = complaint.partner_id
            if partner and complaint.anonymity != "rahasia":
                # an anonymous complainant's partner is the pseudonym: the real address is put
                # in only when the e-mail leaves (mail.mail), the chatter shows the pseudonym
                chatter.append({**values, "model": complaint._name, "res_id": complaint.id,
                                "message_type": "comment", "subtype_id": comment, "recipient_ids": partner.ids})
            else:
                # a confidential complaint's acknowledgement stays out of the chatter, as does one
                # to an address not (yet) confirmed as the one of an account
                anonymous.append({**values, "email_to": min(complaint._complainant_emails()),
                                  "message_type": "email_outgoing"})
                logged |= complaint
        Mail = self.env["mail.mail"].sudo()
        mails = Mail.create(chatter)
        self.env["mail.notification"].sudo().create([{
            "mail_message_id": mail.mail_message_id.id, "mail_mail_id": mail.id, "author_id": author.id,
            "res_partner_id": mail.recipient_ids.id, "notification_type": "email", "notification_status": "ready",
        } for mail in mails])
        if anonymous:
            Mail.create(anonymous)
            logged._message_log_batch(bodies=dict.fromkeys(
                logged.ids, Markup("<p>%s</p>") % self.env._("Acknowledgement sent to the complainant.")))
