"""Complaints from the mail gateway, and the acknowledgements of receipt."""

import logging
import re
from datetime import timedelta
from email.message import EmailMessage

from markupsafe import Markup

from odoo import api, fields, models, modules
from odoo.tools.mail import email_normalize, email_split_and_format, parse_contact_from_email

from ..tools.lang import indonesian_or_current
from ..tools.uploads import filter_uploads

_logger = logging.getLogger(__name__)
# the copy of the raw message the gateway keeps when the incoming mail server saves originals
ORIGINAL_EMAIL_NAME = "original_email.eml"
# a tracking number between brackets in a subject: "Re: [ADU-2026-000123] ..."
SUBJECT_NUMBER_RE = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9/._-]{2,48})\]")


class PengaduanComplaintIntake(models.Model):
    _inherit = "pengaduan.complaint"

    # ------------------------------------------------------------------
    # Mail gateway
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new e-mail to a complaint alias: a new complaint, unless its subject carries
        the tracking number of a complaint of the same sender (mail clients that drop
        the In-Reply-To/References headers)."""
        existing = self._find_complaint_from_subject(msg_dict)
        if existing:
            existing.message_update(msg_dict)
            return existing
        values = dict(custom_values or {})
        email_from = msg_dict.get("email_from") or ""
        name, email = parse_contact_from_email(email_from)
        # Odoo's gateway has looked the author up by address (none: a new sender), and the
        # routing has refused our own addresses (mail.thread._message_route_process)
        normalized = email_normalize(email)  # (parse_contact_from_email keeps what it cannot normalize)
        partner = self.env["res.partner"].browse(msg_dict.get("author_id") or []) \
            or (normalized and self._reporter_partner_create(name, normalized)) or self.env["res.partner"]
        if partner and not msg_dict.get("author_id"):
            # the author of the incoming message: spares the gateway a second lookup by e-mail
            msg_dict["author_id"] = partner.id
        values.setdefault("channel_id", self.env["ir.model.data"]._xmlid_to_res_id("pengaduan.channel_email"))
        values.update({
            "name": (msg_dict.get("subject") or "").strip() or self.env._("(no subject)"),
            "description": msg_dict.get("body"),
            "partner_id": partner.id,
            "reporter_name": name or partner.name or email,
            "reporter_email": email,
        })
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        values["date_received"] = self._mail_received_date(msg_dict.get("date"), company)
        refused = self._filter_mail_attachments(msg_dict)
        # forwarded messages are opened into the body by the filter: the description has them
        values["description"] = msg_dict.get("body")
        values["acknowledgement_due"] = self._should_acknowledge(msg_dict)
        # mail.thread's: the name (set above) and the primary e-mail, the one address read above
        complaint = super().message_new(dict(msg_dict, email_from=email), custom_values=values)
        complaint._log_refused_attachments(refused)
        return complaint

    def message_update(self, msg_dict, update_vals=None):
        """An e-mail on an existing complaint. From the complainant or the office's staff it is
        posted as it came (an anonymous complainant's under their pseudonym); from anybody
        else it becomes an internal note marked as from an unknown sender: not relayed to the
        complainant and without effect on the workflow. Refused attachments are noted."""
        email_from = msg_dict.get("email_from") or ""
        for complaint in self:
            sender = complaint._incoming_sender(msg_dict)
            if sender == "unknown":
                # a note, answering no message: Odoo would ping the author of the message it answers
                msg_dict["is_internal"] = True
                msg_dict["parent_id"] = False
                notice = Markup('<p class="text-danger"><strong>%s</strong></p>') % self.env._(
                    "From an unknown sender (not the complainant): not relayed to the complainant. %s",
                    email_from)
                msg_dict["body"] = notice + Markup(msg_dict.get("body") or "")
            elif sender == "complainant" and complaint.sudo().identity_id:
                pseudonym = complaint.sudo().partner_id
                msg_dict["author_id"] = pseudonym.id
                msg_dict["email_from"] = pseudonym.email_formatted
            if complaint.sudo().identity_id:
                # the complainant among the recipients (To, Cc): the pseudonym, not even their name
                complaint._hide_complainant_recipients(msg_dict)
            complaint._log_refused_attachments(self._filter_mail_attachments(msg_dict))
        return super().message_update(msg_dict, update_vals=update_vals)

    def _hide_complainant_recipients(self, msg_dict):
        self.ensure_one()
        emails = self._complainant_emails()
        pseudonym = self.sudo().partner_id.email_formatted
        for key in ("to_filtered", "cc_filtered"):
            if msg_dict.get(key):
                addresses = [pseudonym if email_normalize(address) in emails else address
                             for address in email_split_and_format(msg_dict[key])]
                msg_dict[key] = ",".join(dict.fromkeys(addresses))

    def _incoming_sender(self, msg_dict):
        """'complainant', 'staff' (an internal user) or 'unknown': who sent an incoming e-mail.
        The address is read as the gateway reads it (the display name is not an address)."""
        self.ensure_one()
        sender = email_normalize(msg_dict.get("email_from") or "")
        author = self.env["res.partner"].sudo().browse(msg_dict.get("author_id") or [])
        if (sender and sender in self._complainant_emails()) or (author and author in self._complainant_partners()):
            return "complainant"
        # an internal user of this office (an employee of another office is nobody here)
        if author and author.user_ids.filtered(
                lambda user: not user.share and self.company_id in user.company_ids):
            return "staff"
        return "unknown"

    @api.model
    def _mail_received_date(self, date, company):
        """When the office received an e-mail: its Date header, unless that is in the future,
        before the office existed or older than the office accepts (then: now)."""
        now = fields.Datetime.now()
        received = date and fields.Datetime.to_datetime(date)
        if not received:
            return now
        oldest = now - timedelta(days=company.pengaduan_mail_max_age_days or 30)
        if company.create_date and oldest < company.create_date <= now:
            oldest = company.create_date
        return received if oldest <= received <= now else now

    @api.model
    def _filter_mail_attachments(self, msg_dict):
        """Keep in ``msg_dict`` the attachments the web form would accept (type, size, count);
        return the refused ones as ``(name, reason)``.

        A forwarded message (a message/rfc822 attachment) is opened: its text is added to the
        body and its own attachments are filtered with the others. The copy of the raw message
        that the gateway keeps when the mail server saves originals is kept as it is (it is not
        a file of the complainant's, and its name cannot be forged: Odoo adds it first, without
        the part information every attachment of the message has)."""
        attachments = list(msg_dict.get("attachments") or [])
        if not attachments:
            return []
        original = []
        if self._is_original_email(attachments[0]):
            original = [attachments.pop(0)]
        attachments = self._open_forwarded_messages(attachments, msg_dict)
        files = [(attachment[0] or "attachment", self._attachment_bytes(attachment)) for attachment in attachments]
        kept, refused = filter_uploads(self.env, files)
        # kept is the files that passed, in their order: matched by position, never by name
        # (two parts may share a name, one refused and one kept)
        remaining, position = [], 0
        for attachment, (_name, data) in zip(attachments, files, strict=True):
            if position < len(kept) and kept[position]["raw"] is data:
                position += 1
                info = attachment[2] if len(attachment) > 2 else {}
                # the bytes that were checked are the ones stored
                remaining.append(self._Attachment(attachment[0], data, info))
        msg_dict["attachments"] = original + remaining
        return refused

    @api.model
    def _is_original_email(self, attachment):
        return len(attachment) > 2 and attachment[0] == ORIGINAL_EMAIL_NAME and attachment[2] == {}

    @api.model
    def _attachment_bytes(self, attachment):
        """The content of a parsed attachment as the bytes message_post would store."""
        content = attachment[1]
        info = (attachment[2] if len(attachment) > 2 else None) or {}
        if isinstance(content, str):
            try:
                return content.encode(info.get("encoding") or "utf-8")
            except (UnicodeEncodeError, LookupError):
                return content.encode("utf-8")
        if isinstance(content, EmailMessage):
            return content.as_bytes()
        return content or b""

    @api.model
    def _open_forwarded_messages(self, attachments, msg_dict):
        """``attachments`` without the forwarded messages (message/rfc822 parts): the parser
        has already taken their text into the body and their files among the attachments (which
        are filtered like the others); who sent them, when and about what is added to the body."""
        result = []
        for attachment in attachments:
            message = attachment[1]
            if not isinstance(message, EmailMessage):
                result.append(attachment)
                continue
            headers = Markup("").join(
                Markup("<br/>%s: %s") % (label, str(message.get(header, "")).replace("\x00", "\ufffd"))
                for header, label in (("From", self.env._("From")), ("Date", self.env._("Date")),
                                      ("Subject", self.env._("Subject"))) if message.get(header))
            msg_dict["body"] = Markup(msg_dict.get("body") or "") + Markup(
                '<p class="o_pengaduan_forwarded">%s%s</p>') % (self.env._("Forwarded message:"), headers)
        return result

    def _log_refused_attachments(self, refused):
        """A note listing the refused files (not naming the sender: the note outlives a change
        of anonymity, the message next to it says who sent it)."""
        if not refused:
            return
        items = Markup("").join(Markup("<li>%s</li>") % reason for _name, reason in refused)
        self.sudo()._message_log(body=Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Attachments of the incoming e-mail that were not kept:"), items))

    def _message_post_after_hook(self, message, msg_vals):
        """The complainant answered a returned file (portal or e-mail): the clock restarts.
        Notes (an e-mail from an unknown sender) and automated messages do not count."""
        res = super()._message_post_after_hook(message, msg_vals)
        # the state first: most messages are on complaints that wait for nobody
        returned = self.filtered(lambda c: c.state == "returned")
        if returned and not self.env.context.get("pengaduan_automated") \
                and message.message_type in ("comment", "email") and not message.subtype_id.internal:
            sender = email_normalize(message.email_from or "")
            returned = returned.filtered(lambda c: (
                (message.author_id and message.author_id in c._complainant_partners())
                or (sender and sender in c._complainant_emails())))
            if returned:
                returned._do_resume()
        return res

    def _notify_get_reply_to_batch(self, defaults=None, author_ids=None):
        """Answers go to the complaint alias of the company, not to the catchall: a reply
        whose mail client dropped the references still reaches ``message_new``, which finds
        the complaint from the tracking number in the subject (the catchall would bounce it)."""
        if not self:
            return super()._notify_get_reply_to_batch(defaults=defaults, author_ids=author_ids)
        reply_to = {}
        for complaint in self.sudo():
            alias_email = complaint._pengaduan_alias_email()
            if alias_email:
                reply_to[complaint.id] = self._notify_get_reply_to_formatted_email(
                    alias_email, author_id=(author_ids or {}).get(complaint.id))
        others = self.filtered(lambda c: c.id not in reply_to)
        if others:
            def subset(values):
                return values and {key: value for key, value in values.items() if key in others.ids}
            reply_to.update(super(PengaduanComplaintIntake, others)._notify_get_reply_to_batch(
                defaults=subset(defaults), author_ids=subset(author_ids)))
        return reply_to

    def _detect_loop_sender_domain(self, email_from_normalized):
        # reporter_email is stored normalized: an exact match uses its index, where Odoo's
        # default ``ilike`` reads every complaint of the last hour for every incoming e-mail.
        # A sender without a readable address is never counted: ``= False`` would count every
        # complaint without an e-mail (walk-in, phone) and drop the message as a loop
        if not email_from_normalized:
            return []
        return [("reporter_email", "=", email_from_normalized)]

    def _pengaduan_alias_email(self):
        """The complaint address of the company (where answers go), when it is set up."""
        alias = self.company_id.pengaduan_alias_id
        return alias.alias_name and alias.alias_domain_id and alias.alias_full_name

    @api.model
    def _find_complaint_from_subject(self, msg_dict):
        numbers = SUBJECT_NUMBER_RE.findall(msg_dict.get("subject") or "")
        sender = email_normalize(msg_dict.get("email_from") or "")
        if not numbers or not sender:
            return self.browse()
        candidates = self.sudo().search([("number", "in", numbers)])
        # only the complainant may continue a complaint by quoting its number
        return candidates.filtered(lambda c: sender in c._complainant_emails())[:1]

    @api.model
    def _reporter_partner(self, name, email):
        """The partner of a complainant: found by e-mail, or created (Indonesian by default)."""
        email = email_normalize(email or "")
        # never a contact for our own aliases (catchall, bounce...): as a follower it would
        # receive every message of the complaint, straight back into the gateway
        if not email or self.env["mail.alias.domain"].sudo()._find_aliases([email]):
            return self.env["res.partner"]
        # Odoo's own lookup of a contact by e-mail
        partner = self.browse()._partner_find_from_emails_single([email], no_create=True)
        return partner or self._reporter_partner_create(name, email)

    @api.model
    def _reporter_partner_create(self, name, email):
        """A new complainant's contact (Indonesian by default), for a normalized ``email`` that
        is none of our own addresses and has no contact yet (the callers have checked both)."""
        # no "contact created" note, no follower for whoever runs the intake (public user,
        # OdooBot); a contact without parent company has no address or commercial fields to
        # synchronise (spares base's second pass over the defaults)
        partner = self.env["res.partner"].sudo().with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True,
            _partners_skip_fields_sync=True,
        ).create({
            "name": name or email, "email": email, "lang": self._default_reporter_lang(),
            # a new contact is nobody's employee yet: spares hr's lookup among the employees
            "employee": False,
        })
        # its computed columns (e-mail, names, share...) in one UPDATE, not one per later flush
        partner.flush_recordset()
        return partner

    @api.model
    def _default_reporter_lang(self):
        return indonesian_or_current(self.env)

    @api.model
    def _is_own_address(self, email, company=None, has_contact=True):
        """Our aliases, catchall, bounce and default-from addresses, or an office's e-mail.
        ``has_contact=False`` tells that no active contact has this address (the gateway looked
        the author up and found none): then it is no office's, whose contact is active."""
        email = email_normalize(email or "")
        if not email:
            return False
        if company and email == email_normalize(company.email or ""):
            return True
        if self.env["mail.alias.domain"].sudo()._find_aliases([email]):
            return True
        return has_contact and bool(self.env["res.company"].sudo().search_count(
            [("partner_id.email_normalized", "=", email)], limit=1))

    @api.model
    def _run_in_batches(self, step, batch_size):
        """Call ``step(batch_size)`` (which handles a batch and returns how many it handled) until
        a batch is short; the scheduled actions commit after each batch and, out of time, leave
        the rest to their next run. Returns how many were handled in all."""
        # Odoo 19 has no ``threading.current_thread().testing``: a test cursor must not commit
        auto_commit = not modules.module.current_test
        total = 0
        while done := step(batch_size):
            total += done
            if auto_commit and not self.env["ir.cron"]._commit_progress(done):
                break
            if done < batch_size:
                break
        return total
