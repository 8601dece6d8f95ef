"""The complainant's identity on a complaint, and anonymity as data.

An anonymous complaint (``anonymity == 'anonim'``) keeps no identity in its own fields: the
complainant takes part under a pseudonym contact ("Pelapor ADU-2026-000123", an address no
server delivers) in ``partner_id``, the followers and the messages, and the real name, e-mail,
phone, NIK and contact are kept in a ``pengaduan.identity`` that only complaint officers can read.
Every generic path (read, search, group, export, related fields, chatter, followers, portal,
reports) therefore finds nothing to leak, whoever calls it. The real address is put in only
when an e-mail leaves (``mail.mail``), and an answer from it is attributed to the pseudonym.
"""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mail import email_normalize

from ..tools.nik import mask_nik
from .pengaduan_complaint import OFFICER
from .pengaduan_identity import PSEUDONYM_DOMAIN

# complaint field -> identity field
IDENTITY_FIELDS = {
    "partner_id": "partner_id", "reporter_name": "name", "reporter_email": "email",
    "reporter_phone": "phone", "nik": "nik",
}
ERASABLE_STATES = ("answered", "closed", "rejected")


class PengaduanComplaintIdentity(models.Model):
    _inherit = "pengaduan.complaint"

    identity_id = fields.Many2one("pengaduan.identity", readonly=True, copy=False,
                                  index="btree_not_null", groups=OFFICER)
    nik_masked = fields.Char(string="NIK (masked)", compute="_compute_nik_masked", compute_sudo=True,
                             help="The NIK as everybody but the complaint officers sees it.")
    personal_data_erased = fields.Datetime(
        string="Personal Data Erased On", readonly=True, copy=False,
        help="When the complainant's personal data were erased (retention period or request).")

    @api.depends("nik")
    def _compute_nik_masked(self):
        for complaint in self:
            complaint.nik_masked = mask_nik(complaint.nik)

    # ------------------------------------------------------------------
    # The complainant's contact, whatever the anonymity (for the office's own code)
    # ------------------------------------------------------------------
    def _complainant_emails(self):
        """Normalized e-mail addresses of the complainant (the real ones)."""
        self.ensure_one()
        complaint = self.sudo()
        if complaint.identity_id:
            values = (complaint.identity_id.email, complaint.identity_id.partner_id.email)
        else:
            values = (complaint.reporter_email, complaint.partner_id.email)
        return {email for value in values if value and (email := email_normalize(value))}

    def _complainant_phones(self):
        self.ensure_one()
        complaint = self.sudo()
        if complaint.identity_id:
            values = (complaint.identity_id.phone, complaint.identity_id.partner_id.phone)
        else:
            values = (complaint.reporter_phone, complaint.partner_id.phone)
        return [value for value in values if value]

    def _complainant_partners(self):
        """The complainant's contacts: the real one and, when anonymous, the pseudonym."""
        complaint = self.sudo()
        return complaint.partner_id | complaint.identity_id.partner_id

    def _complainant_can_be_mailed(self):
        self.ensure_one()
        return bool(self.sudo().partner_id.email) and bool(self._complainant_emails())

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        # a pseudonym without a real address behind it (phone or walk-in complainant) gets no e-mail
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        unreachable = {c.partner_id.id for c in self.sudo() if c.identity_id and not c._complainant_emails()}
        if unreachable:
            recipients = [r for r in recipients if r.get("id") not in unreachable]
        return recipients

    @api.depends("reporter_name", "anonymity")
    @api.depends_context("lang")
    def _compute_reporter_salutation(self):
        for complaint in self:
            complaint.reporter_salutation = (complaint.anonymity != "anonim" and complaint.reporter_name) \
                or self.env._("Complainant")

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # the identity of an anonymous complaint never reaches the complaint's own columns
        identities = []
        for vals in vals_list:
            if not self.env.su:
                self._check_fields_writable(vals)
            identity = None
            if vals.get("anonymity") == "anonim":
                identity = {target: vals.pop(source) for source, target in IDENTITY_FIELDS.items()
                            if vals.get(source)}
                vals["reporter_name"] = self._anonymous_label()
            identities.append(identity)
        complaints = super().create(vals_list)
        pairs = list(zip(complaints, identities, strict=True))
        anonymous = complaints.browse([complaint.id for complaint, identity in pairs if identity is not None])
        if anonymous:
            anonymous._store_identities([identity for identity in identities if identity is not None])
            anonymous._subscribe_complainants()
        return complaints

    def write(self, vals):
        if not self.env.su:
            anonymous = self.filtered(lambda c: c.anonymity == "anonim")
            if anonymous and vals.get("anonymity", "anonim") != "anonim":
                raise UserError(self.env._(
                    "Only a complaint officer lifts the anonymity of a complaint, with a reason "
                    "(button Lift Anonymity)."))
            if anonymous and set(IDENTITY_FIELDS) & set(vals):
                raise UserError(self.env._(
                    "The identity of an anonymous complainant is kept apart: a complaint officer edits it "
                    "from the button Identity."))
        to_hide = self.filtered(lambda c: c.anonymity != "anonim") if vals.get("anonymity") == "anonim" \
            else self.browse()
        result = super().write(vals)
        if to_hide:
            to_hide._make_anonymous()
        return result

    @api.model
    def _anonymous_label(self):
        """'Anonymous' in the office's language, the complainant name shown for an anonymous complaint."""
        return self.with_context(lang=self._default_reporter_lang()).env._("Anonymous")

    # ------------------------------------------------------------------
    # Anonymity
    # ------------------------------------------------------------------
    def _store_identities(self, identities):
        """Keep ``identities`` (values of ``pengaduan.identity``, one per complaint) apart and
        let each complainant take part under a pseudonym."""
        Partner = self.env["res.partner"].sudo().with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        complaints = self.sudo()
        real_partners = self.env["res.partner"].browse([values.get("partner_id") for values in identities]).sudo()
        pseudonyms = Partner.create([{
            "name": self.env._("Pelapor %s", complaint.number),
            "email": f"pelapor.{complaint.id}@{PSEUDONYM_DOMAIN}",
            "lang": (real_partners.browse(values.get("partner_id")).lang if values.get("partner_id") else False)
            or self._default_reporter_lang(),
            "employee": False,
        } for complaint, values in zip(complaints, identities, strict=True)])
        records = self.env["pengaduan.identity"].sudo().create([
            dict(values, complaint_id=complaint.id, pseudonym_partner_id=pseudonym.id)
            for complaint, values, pseudonym in zip(complaints, identities, pseudonyms, strict=True)])
        for complaint, record, pseudonym in zip(complaints, records, pseudonyms, strict=True):
            complaint.write({"identity_id": record.id, "partner_id": pseudonym.id})

    def _make_anonymous(self):
        """The identity of these complaints moves apart, and what their messages, followers,
        notifications, ratings and tracking held of it is rewritten to the pseudonym."""
        complaints = self.sudo()
        identities = [{target: complaint[source].id if source == "partner_id" else complaint[source]
                       for source, target in IDENTITY_FIELDS.items() if complaint[source]}
                      for complaint in complaints]
        complaints.write({"reporter_name": self._anonymous_label(), "reporter_email": False,
                          "reporter_phone": False, "nik": False, "partner_id": False})
        complaints._store_identities(identities)
        complaints._anonymity_sweep()
        self.env["pengaduan.identity.log"]._record(self, "anonymize")
        return True

    def _anonymity_sweep(self):
        """Rewrite to the pseudonym what the side tables of anonymous complaints hold of the
        real complainant: authors and senders of messages, their recipients, notifications,
        followers, ratings, and tracking of identity fields. Run when a complaint becomes
        anonymous and after each e-mail the gateway posts on one."""
        for complaint in self.sudo().filtered("identity_id"):
            identity = complaint.identity_id
            pseudonym = identity.pseudonym_partner_id
            real = identity.partner_id.filtered(lambda p, pseudonym=pseudonym: p != pseudonym)
            emails = complaint._complainant_emails()
            # the names too: Odoo writes the author's name before the alias in reply_to
            names = {name.lower() for name in (identity.name, real.name) if name and len(name) > 2}
            messages = self.env["mail.message"].sudo().search([("model", "=", complaint._name),
                                                               ("res_id", "=", complaint.id)])
            for message in messages:
                values = {}
                if real and message.author_id == real:
                    values["author_id"] = pseudonym.id
                for fname in ("email_from", "reply_to", "incoming_email_to", "incoming_email_cc"):
                    text = message[fname] or ""
                    if fname == "email_from" and any(email in text.lower() for email in emails):
                        values[fname] = pseudonym.email_formatted
                    elif any(needle in text.lower() for needle in emails | names):
                        values[fname] = _replace_emails(_replace_emails(text, emails, pseudonym.email),
                                                        names, pseudonym.name)
                if real and real in message.partner_ids:
                    values["partner_ids"] = [(3, real.id), (4, pseudonym.id)]
                if values:
                    message.write(values)
            tracking = messages.tracking_value_ids.filtered(
                lambda t: t.field_id.name in IDENTITY_FIELDS and t.field_id.model == self._name)
            tracking.unlink()
            if real:
                self.env["mail.notification"].sudo().search([
                    ("mail_message_id", "in", messages.ids), ("res_partner_id", "=", real.id),
                ]).write({"res_partner_id": pseudonym.id})
                complaint.message_unsubscribe(real.ids)
                self.env["rating.rating"].sudo().search([
                    ("res_model", "=", complaint._name), ("res_id", "=", complaint.id), ("partner_id", "=", real.id),
                ]).write({"partner_id": pseudonym.id})
            if pseudonym not in complaint.message_partner_ids:
                complaint.message_subscribe(pseudonym.ids)

    def action_open_identity(self):
        """Officers: the identity of an anonymous complainant (the opening is logged)."""
        self.ensure_one()
        self._check_groups(OFFICER)
        if not self.identity_id:
            raise UserError(self.env._("Complaint %s is not anonymous: its complainant is on the complaint.",
                                       self.number))
        return {
            "type": "ir.actions.act_window",
            "res_model": "pengaduan.identity",
            "res_id": self.identity_id.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Identity of the Complainant"),
        }

    def action_identity_wizard(self):
        """Lift the anonymity or erase the personal data: asks for the reason."""
        self.ensure_one()
        self._check_groups(OFFICER)
        return {
            "type": "ir.actions.act_window",
            "res_model": "pengaduan.identity.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Complainant's Identity"),
            "context": {"default_complaint_id": self.id,
                        "default_action": self.env.context.get("identity_action", "lift")},
        }

    def _lift_anonymity(self, reason):
        """An officer's act, with a reason: the identity comes back on the complaint, the
        complainant takes part under their own name from now on; logged."""
        self._check_groups(OFFICER)
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Write why the anonymity is lifted."))
        self.check_access("write")
        for complaint in self.sudo():
            identity = complaint.identity_id
            if complaint.anonymity != "anonim" or not identity:
                raise UserError(self.env._("Complaint %s is not anonymous.", complaint.number))
            pseudonym = identity.pseudonym_partner_id
            real = identity.partner_id
            complaint.write({
                "anonymity": "none", "identity_id": False, "partner_id": real.id,
                "reporter_name": identity.name or real.name, "reporter_email": identity.email or real.email,
                "reporter_phone": identity.phone or real.phone, "nik": identity.nik,
            })
            complaint.message_unsubscribe(pseudonym.ids)
            if real.active:
                complaint.message_subscribe(real.ids)
            self.env["pengaduan.identity.log"]._record(complaint, "lift", reason)
            identity.unlink()
            pseudonym.active = False
            complaint.message_post(body=Markup("<p>%s</p>") % complaint._office().env._(
                "Anonymity lifted by %(user)s: %(reason)s", user=self.env.user.name, reason=reason),
                subtype_xmlid="mail.mt_note")
        return True

    # ------------------------------------------------------------------
    # Personal data (UU 27/2022): erasure on request and after the retention period
    # ------------------------------------------------------------------
    def _erase_personal_data(self, reason, action="erase"):
        """Erase who the complainant is and what they wrote; the statistics (dates, state,
        channel, category, department, deadlines) and the office's answer stay."""
        if action == "erase":
            self._check_groups(OFFICER)
            self.check_access("write")
            reason = (reason or "").strip()
            if not reason:
                raise UserError(self.env._("Write the reason of the erasure (e.g. the complainant's request)."))
            for complaint in self:
                if complaint.state not in ERASABLE_STATES:
                    raise UserError(self.env._(
                        "Complaint %s is still being handled: answer, close or reject it before erasing "
                        "the complainant's personal data.", complaint.number))
        erased = self.env._("(erased)")
        complaints = self.sudo().filtered(lambda c: not c.personal_data_erased)
        for complaint in complaints:
            partners = complaint._complainant_partners()
            emails = complaint._complainant_emails()
            messages = self.env["mail.message"].sudo().search([("model", "=", complaint._name),
                                                               ("res_id", "=", complaint.id)])
            theirs = messages.filtered(lambda m, partners=partners, emails=emails: m.author_id in partners or (
                email_normalize(m.email_from or "") in emails))
            theirs.attachment_ids.unlink()
            theirs.write({"body": Markup("<p>%s</p>") % erased, "email_from": False, "reply_to": False,
                          "incoming_email_to": False, "incoming_email_cc": False, "author_id": False})
            messages.tracking_value_ids.filtered(lambda t: t.field_id.name in IDENTITY_FIELDS).unlink()
            self.env["mail.notification"].sudo().search([
                ("mail_message_id", "in", messages.ids), ("res_partner_id", "in", partners.ids)]).unlink()
            complaint.message_unsubscribe(partners.ids)
            self.env["rating.rating"].sudo().search([
                ("res_model", "=", complaint._name), ("res_id", "=", complaint.id),
            ]).write({"partner_id": False, "feedback": False})
            self.env["ir.attachment"].sudo().search([("res_model", "=", complaint._name),
                                                     ("res_id", "=", complaint.id)]).unlink()
            # signed letters are the office's record (archived by their own rules): unchanged
            complaint.letter_ids.filtered(lambda letter: letter.state == "draft").write(
                {"addressee": self.env._("Pelapor")})
            identity = complaint.identity_id
            complaint.write({
                "partner_id": False, "reporter_name": erased, "reporter_email": False, "reporter_phone": False,
                "nik": False, "identity_id": False, "description": Markup("<p>%s</p>") % erased,
                "access_token": False, "personal_data_erased": fields.Datetime.now(),
            })
            if identity:
                identity.pseudonym_partner_id.active = False
                identity.unlink()
        self.env["pengaduan.identity.log"]._record(complaints, action, reason)
        for complaint in complaints:
            office = complaint._office().env
            complaint.message_post(body=Markup("<p>%s</p>") % (
                office._("The complainant's personal data were erased at the end of the retention period.")
                if action == "retention" else office._(
                    "The complainant's personal data were erased by %(user)s: %(reason)s",
                    user=self.env.user.name, reason=reason)), subtype_xmlid="mail.mt_note")
        return True

    @api.model
    def _cron_erase_expired_personal_data(self, batch_size=200):
        """Erase the personal data of complaints closed longer ago than their office's
        retention period (none when the period is 0)."""
        now = fields.Datetime.now()
        companies = self.env["res.company"].sudo().search([("pengaduan_retention_days", ">", 0)])
        complaints = self.sudo().with_context(active_test=False)
        for company in companies:
            limit_date = now - timedelta(days=company.pengaduan_retention_days)
            domain = [("company_id", "=", company.id), ("state", "=", "closed"),
                      ("personal_data_erased", "=", False), ("date_closed", "<", limit_date)]

            def erase_batch(limit, domain=domain):  # pylint: disable=dangerous-default-value
                batch = complaints.search(domain, limit=limit, order="id")
                batch._erase_personal_data(None, action="retention")
                return len(batch)

            self._run_in_batches(erase_batch, batch_size)
        return True


def _replace_emails(text, emails, replacement):
    """``text`` with each of ``emails`` (normalized) replaced, whatever their case."""
    result = text
    for email in emails:
        start = result.lower().find(email)
        while start >= 0:
            result = result[:start] + replacement + result[start + len(email):]
            start = result.lower().find(email, start + len(replacement))
    return result
