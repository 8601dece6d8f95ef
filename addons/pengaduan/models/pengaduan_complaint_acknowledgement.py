"""The acknowledgement of receipt: e-mailed by a scheduled action to the complainants of the
complaints the intake marked (e-mail and web form), with the tracking number and both deadlines."""

import logging
from collections import defaultdict

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

        Odoo's ``mail.template.send_mail_batch`` renders the template in each complainant's
        language and queues the e-mails, to the complaint's default recipient (its contact: the
        template's ``use_default_to``); the ones in the chatter get their delivery status
        (``mail.notification``) from ``mail.mail._get_notification_values``, as Odoo's mass-mail
        composer gives them.
        """
        template = self.env["mail.template"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id("pengaduan.mail_template_acknowledgement"))
        complaints = self.filtered(lambda complaint: complaint._complainant_emails())
        if template and complaints:
            complaints._queue_acknowledgements(template)
        self.filtered("acknowledgement_due")._transition({"acknowledgement_due": False})

    def _acknowledgement_senders(self):
        """``{complaint id: {email_from, reply_to}}``: from the office (its address, else its
        complaint address), not from whoever runs the scheduled action (OdooBot); answers go to
        the complaint address. A value left out leaves the template's (or Odoo's default)."""
        alias_emails = {complaint.id: complaint.sudo()._pengaduan_alias_email() for complaint in self}
        without_alias = self.filtered(lambda complaint: not alias_emails[complaint.id])
        default_reply_to = without_alias._notify_get_reply_to(default=False) if without_alias else {}
        senders = {}
        for complaint in self:
            company, alias_email = complaint.company_id, alias_emails[complaint.id]
            office_email = company.email or alias_email
            values = {
                "email_from": office_email and formataddr((company.name, office_email)),
                "reply_to": formataddr((company.name, alias_email)) if alias_email else default_reply_to[complaint.id],
            }
            senders[complaint.id] = {key: value for key, value in values.items() if value}
        return senders

    def _queue_acknowledgements(self, template):
        template = template.sudo()
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        author = self.env.user.partner_id
        senders = self._acknowledgement_senders()
        # an anonymous complainant's partner is the pseudonym: the real address is put in only
        # when the e-mail leaves (mail.mail), the chatter shows the pseudonym
        in_chatter = self.filtered(lambda complaint: complaint.partner_id and complaint.anonymity != "rahasia")
        groups = defaultdict(list)
        for complaint in in_chatter:
            groups[tuple(sorted(senders[complaint.id].items()))].append(complaint.id)
        mails = self.env["mail.mail"].sudo()
        for sender, res_ids in groups.items():
            mails |= template.send_mail_batch(res_ids, email_values=dict(sender) | {
                "author_id": author.id, "message_type": "comment", "subtype_id": comment,
                "auto_delete": False})
        self.env["mail.notification"].sudo().create([
            values | {"res_partner_id": partner.id}
            for mail, values in zip(mails, mails._get_notification_values(), strict=True)
            for partner in mail.recipient_ids])
        # a confidential complaint's acknowledgement stays out of the chatter, as does one to an
        # address not (yet) confirmed as the one of an account: the address is given here,
        # never rendered from a field the staff can read (one call each: the batch's
        # email_values are shared, and each has its own address; such complaints are few)
        logged = self - in_chatter
        for complaint in logged:
            template.send_mail_batch(complaint.ids, email_values=senders[complaint.id] | {
                "author_id": author.id, "message_type": "email_outgoing", "auto_delete": False,
                "model": False, "res_id": False, "partner_ids": [], "recipient_ids": [],
                "email_to": min(complaint._complainant_emails())})
        if logged:
            logged._message_log_batch(bodies=dict.fromkeys(
                logged.ids, Markup("<p>%s</p>") % self.env._("Acknowledgement sent to the complainant.")))
