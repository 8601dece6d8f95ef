"""The public side of complaints: the web form's checks and creation, the tracking look-up, and
the confirmation that links a complaint to the account of the e-mail address it gives.

Everything here runs for anonymous visitors (the public user): each method reads and writes
with ``sudo()`` itself, on the records it was given or found, and takes nothing from the
context. The controllers only pass the request's values along and render the answers.
"""

import base64
import re
import secrets
from urllib.parse import urlencode

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import consteq, plaintext2html
from odoo.tools.mail import email_normalize
from odoo.tools.misc import hmac

from ..tools.nik import nik_problem

# the fields a visitor may set on the public form, with the most characters each may hold;
# everything else (handler, department, state, company, deadlines...) is decided by the office
FORM_LIMITS = {
    "reporter_name": 120,
    "reporter_email": 254,  # RFC 5321's longest address
    "reporter_phone": 32,
    "nik": 32,  # a NIK typed with spaces; the NIK check comes after
    "category_id": 9,  # an id, digits only
    "name": 200,
    "description": 20_000,
    "anonymity": 16,
    "statement_true": 16,
}
FORM_FIELDS = tuple(FORM_LIMITS)
ANONYMITIES = ("none", "anonim", "rahasia")
# what the tracking page takes: a tracking number, an e-mail address or a phone number
TRACK_LIMITS = {"number": 64, "contact": 254}
# control characters: PostgreSQL refuses NUL, XML (QWeb pages) all but tab and newlines
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONFIRM_SCOPE = "pengaduan-confirm-reporter"
# the key of one filled-in form (``_public_submission_key``): what ``secrets.token_urlsafe``
# makes; anything else is ignored, never refused (it only makes a resubmission idempotent)
SUBMISSION_KEY_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _digits(value):
    return re.sub(r"\D", "", value or "")


class PengaduanComplaintPublic(models.Model):
    _inherit = "pengaduan.complaint"

    reporter_confirm_url = fields.Char(
        string="Complainant Confirmation Link", compute="_compute_reporter_confirm_url",
        groups="base.group_system",
        help="Link e-mailed to the complainant when the e-mail address given on the web form is the "
        "one of a user: the complaint joins that user's account only once confirmed from that "
        "mailbox. Empty when there is nothing to confirm.",
    )

    public_submission_key = fields.Char(
        string="Web Form Submission Key", copy=False, readonly=True, groups="base.group_system",
        help="The random key of the web form this complaint was sent from: the same form sent "
        "again (a reload of the answer page, a second click, a retry after a lost answer) shows "
        "this complaint instead of making a second one.",
    )
    # one complaint per filled-in form, even for two POSTs at the same moment: the second
    # INSERT waits for the first transaction and fails once it commits
    _public_submission_key_uniq = models.UniqueIndex(
        "(company_id, public_submission_key) WHERE public_submission_key IS NOT NULL")

    reporter_track_link = fields.Html(
        string="Tracking Link", compute="_compute_reporter_track_link", sanitize=False,
        help="The link to the tracking page with the number filled in, as e-mailed to the complainant.",
    )
    reporter_confirm_html = fields.Html(
        string="Complainant Confirmation Paragraph", compute="_compute_reporter_confirm_html",
        sanitize=False, groups="base.group_system",
        help="The paragraph of the acknowledgement with the confirmation link (empty without one).",
    )

    def mail_allowed_qweb_expressions(self):
        # the acknowledgement's links, as fields: a template of allowed expressions only is
        # rendered by substitution, not compiled once per complaint
        return (*super().mail_allowed_qweb_expressions(), "object.reporter_track_link",
                "object.reporter_confirm_html")

    @api.depends("number")
    def _compute_reporter_track_link(self):
        for complaint in self:
            url = complaint.number and complaint._public_track_url()
            complaint.reporter_track_link = url and Markup('<a href="%s">%s</a>') % (url, url)

    @api.depends("partner_id", "reporter_email", "anonymity")
    @api.depends_context("lang")
    def _compute_reporter_confirm_html(self):
        for complaint in self:
            url = complaint.reporter_confirm_url
            complaint.reporter_confirm_html = url and Markup('<p>%s\n    <a href="%s">%s</a>.</p>') % (
                self.env._("To follow this complaint in your account on our website, confirm that it is yours:"),
                url, self.env._("link it to my account"))

    # ------------------------------------------------------------------
    # Confirmation of the complainant's e-mail address
    # ------------------------------------------------------------------
    @api.model
    def _reporter_user_partner(self, email):
        """The partner of the active user (internal or portal) whose e-mail address is
        ``email`` (normalized), else an empty recordset.

        Such an address is never trusted as typed on a public page: whoever types it would
        otherwise put a complaint into that person's portal and make them follow it."""
        if not email:
            return self.env["res.partner"]
        user = self.env["res.users"].sudo().search([("partner_id.email_normalized", "=", email)],
                                                   order="id", limit=1)
        return user.partner_id

    def _reporter_confirm_token(self, email):
        self.ensure_one()
        return hmac(self.env(su=True), CONFIRM_SCOPE, (self.id, email))

    @api.depends("partner_id", "reporter_email", "anonymity")
    def _compute_reporter_confirm_url(self):
        for complaint in self:
            url = False
            email = email_normalize(complaint.reporter_email or "")
            if (complaint.id and email and not complaint.partner_id and complaint.anonymity == "none"
                    and self._reporter_user_partner(email)):
                # absolute: e-mailed (the acknowledgement is rendered without post-processing)
                url = (f"{complaint.get_base_url()}/pengaduan/konfirmasi/{complaint.id}/"
                       f"{complaint._reporter_confirm_token(email)}")
            complaint.reporter_confirm_url = url

    def _public_answer(self):
        """The answer shown on public pages: never the content of a confidential complaint."""
        self.ensure_one()
        if self.anonymity == "rahasia":
            return Markup("<p>%s</p>") % self.env._(
                "This complaint is confidential: the answer was sent to you by e-mail.")
        return self.answer

    def _public_track_url(self):
        """Absolute link to the tracking page with the number filled in (tickets, e-mails): the
        visitor still gives the contact they registered, so the link alone reveals nothing."""
        self.ensure_one()
        return f"{self.get_base_url()}/pengaduan/lacak?{urlencode({'number': self.number})}"

    def _public_track_qr(self):
        """The tracking link as a QR code (PNG, base64) for printed tickets."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode("QR", self._public_track_url(), width=240, height=240)
        return base64.b64encode(png).decode()

    def _public_confirm_state(self, token):
        """Where the confirmation link ``token`` of this complaint stands: ``"pending"`` (valid,
        the complaint waits for it), ``"done"`` (valid, already linked to that account) or
        ``"invalid"`` (wrong token, no such complaint, or nothing to confirm any more). Reads
        only: opening the link (mail scanners prefetch links) changes nothing."""
        complaint = self.sudo().exists()
        if len(complaint) != 1 or not isinstance(token, str):
            return "invalid"
        email = email_normalize(complaint.reporter_email or "")
        # compared as bytes: compare_digest refuses non-ASCII strings
        if not email or not consteq(token.encode(), complaint._reporter_confirm_token(email).encode()):
            return "invalid"
        partner = self._reporter_user_partner(email)
        if not partner or complaint.anonymity != "none":
            return "invalid"
        if complaint.partner_id:
            return "done" if complaint.partner_id == partner else "invalid"
        return "pending"

    def _public_confirm_reporter(self, token):
        """Link the complaint to the account of its e-mail address, which the holder of the
        link ``token`` (sent to that address only) confirms. Returns the state it leaves
        (see ``_public_confirm_state``): ``"done"`` once linked, also when it already was."""
        state = self._public_confirm_state(token)
        if state != "pending":
            return state
        complaint = self.sudo()
        partner = self._reporter_user_partner(email_normalize(complaint.reporter_email))
        complaint.write({"partner_id": partner.id})
        complaint.message_subscribe(partner_ids=partner.ids)
        complaint._message_log(body=self.env._(
            "The complainant confirmed the e-mail address %(email)s: the complaint is linked to %(partner)s.",
            email=complaint.reporter_email, partner=partner.display_name), author_id=partner.id)
        return "done"

    # ------------------------------------------------------------------
    # Public form
    # ------------------------------------------------------------------
    @api.model
    def _public_form_values(self, post):
        """The fields of the public form a visitor may set, from the request's ``post``: strings
        only (files and anything else dropped), stripped, the choice of identity defaulted when
        not given. Any other choice is kept as sent, for ``_public_form_errors`` to refuse: a
        visitor who asked for anonymity is never silently named."""
        values = {key: post[key].strip() for key in FORM_FIELDS if isinstance(post.get(key), str)}
        if not values.get("anonymity"):
            values["anonymity"] = "none"
        return values

    @api.model
    def _public_form_echo(self, values):
        """The values shown back in the form after a refusal: without the control characters
        that a page cannot carry."""
        return {key: CONTROL_RE.sub("", value) for key, value in values.items()}

    @api.model
    def _public_form_field_names(self):
        return {
            "reporter_name": self.env._("The name"),
            "reporter_email": self.env._("The e-mail address"),
            "reporter_phone": self.env._("The phone number"),
            "nik": self.env._("The NIK"),
            "category_id": self.env._("The category"),
            "name": self.env._("The subject"),
            "description": self.env._("The description of your complaint"),
            "anonymity": self.env._("The identity choice"),
            "statement_true": self.env._("The statement of truth"),
        }

    @api.model
    def _public_categories(self):
        """The categories a visitor may choose on the form of the current company."""
        return self.env["pengaduan.category"].sudo().search([
            ("company_id", "in", [False, self.env.company.id]), ("child_ids", "=", False),
        ])

    @api.model
    def _public_channels(self):
        """The channels the office's home page lists (of the current company or shared)."""
        return self.env["pengaduan.channel"].sudo().search([
            ("company_id", "in", [False, self.env.company.id]),
        ])

    @api.model
    def _public_form_errors(self, values):
        """The messages refusing ``values`` (from ``_public_form_values``) on the form of the
        current company; empty when the complaint may be created."""
        names = self._public_form_field_names()
        errors = []
        for key, value in values.items():
            if CONTROL_RE.search(value):
                errors.append(self.env._("%(field)s contains characters that are not allowed (control characters): "
                                "remove them.", field=names[key]))
            elif len(value) > FORM_LIMITS[key]:
                errors.append(self.env._("%(field)s is too long: at most %(max)s characters (now %(length)s).",
                                field=names[key], max=FORM_LIMITS[key], length=len(value)))
        refused = {key for key, value in values.items() if CONTROL_RE.search(value)
                   or len(value) > FORM_LIMITS[key]}
        usable = {key: value for key, value in values.items() if key not in refused}

        if "anonymity" not in refused and values["anonymity"] not in ANONYMITIES:
            errors.append(self.env._("Please choose from the list whether your identity may be known."))
        if not usable.get("name") and "name" not in refused:
            errors.append(self.env._("Please write the subject of your complaint."))
        if not usable.get("description") and "description" not in refused:
            errors.append(self.env._("Please describe your complaint."))
        if values["anonymity"] != "anonim" and not values.get("reporter_name"):
            errors.append(self.env._("Please write your name (or choose to stay anonymous)."))
        if not values.get("reporter_email") and not values.get("reporter_phone"):
            errors.append(self.env._("Please give an e-mail address or a phone number so that we can answer you."))
        if usable.get("reporter_email"):
            email = email_normalize(usable["reporter_email"])
            if not email:
                errors.append(self.env._("The e-mail address is not valid."))
            elif self._is_own_address(email):
                errors.append(self.env._("The e-mail address %s is one of our own addresses: please give your own "
                                "e-mail address.", email))
        if usable.get("reporter_phone") and not 8 <= len(_digits(usable["reporter_phone"])) <= 15:
            errors.append(self.env._("The phone number is not valid."))
        if usable.get("nik") and nik_problem(re.sub(r"\s", "", usable["nik"])):
            errors.append(self.env._("The NIK is not valid: it must be the 16 digits of your KTP."))
        category = usable.get("category_id")
        if category and (not re.fullmatch(r"[0-9]+", category)
                         or int(category) not in self._public_categories().ids):
            errors.append(self.env._("Please choose a category from the list."))
        if self.env.company.pengaduan_require_statement and not values.get("statement_true"):
            errors.append(self.env._("Please declare that your complaint is true."))
        return errors

    @api.model
    def _public_reporter_partner(self, name, email):
        """The partner a web complaint is linked to at once: the visitor's own when logged in
        with that address; none when the address is the one of a user (the link waits for the
        confirmation from that mailbox, see ``reporter_confirm_url``); otherwise the contact of
        that address (found or created, as for e-mails)."""
        if not email:
            return self.env["res.partner"]
        user = self.env.user
        if not user._is_public() and email_normalize(user.email or "") == email:
            return user.partner_id
        if self._reporter_user_partner(email):
            return self.env["res.partner"]
        return self.sudo()._reporter_partner(name, email)

    @api.model
    def _public_submission_key(self, key=None):
        """The key of a form being shown, which comes back with it: ``key`` when well-formed (a
        refused form keeps its key: nothing was made with it), else a new one."""
        if isinstance(key, str) and SUBMISSION_KEY_RE.fullmatch(key):
            return key
        return secrets.token_urlsafe(24)

    @api.model
    def _public_submitted(self, key):
        """The complaint (sudo) of the current company sent with the form key ``key``, else an
        empty recordset (also for a missing or malformed key)."""
        if not isinstance(key, str) or not SUBMISSION_KEY_RE.fullmatch(key):
            return self.sudo().browse()
        return self.sudo().search([("company_id", "=", self.env.company.id),
                                   ("public_submission_key", "=", key)], limit=1)

    @api.model
    def _public_create(self, values, attachments, submission_key=None):
        """Create the complaint of the public form (``values`` accepted by
        ``_public_form_errors``) for the current company, with its ``attachments`` (kept by
        ``tools.uploads.filter_uploads``): both or nothing, in the caller's transaction. A
        well-formed ``submission_key`` is stored: the unique index refuses a second complaint
        with it (``psycopg2.errors.UniqueViolation`` at the flush)."""
        company = self.env.company
        reporter_email = email_normalize(values.get("reporter_email") or "") or False
        vals = {
            "name": values["name"],
            "description": plaintext2html(values["description"]),
            "reporter_name": values.get("reporter_name") or self.env._("Anonymous"),
            "reporter_email": reporter_email,
            "reporter_phone": values.get("reporter_phone") or False,
            "nik": re.sub(r"\s", "", values.get("nik") or "") or False,
            "anonymity": values["anonymity"],
            "statement_true": bool(values.get("statement_true")),
            "category_id": int(values["category_id"]) if values.get("category_id") else False,
            "channel_id": self.env.ref("pengaduan.channel_web").id,
            "company_id": company.id,
            # e-mailed by the scheduled action (every minute)
            "acknowledgement_due": bool(reporter_email),
        }
        if isinstance(submission_key, str) and SUBMISSION_KEY_RE.fullmatch(submission_key):
            vals["public_submission_key"] = submission_key
        if vals["anonymity"] == "none":
            vals["partner_id"] = self._public_reporter_partner(vals["reporter_name"], reporter_email).id
        # the public user (who runs this page) never follows a complaint: only the complainant
        complaint = self.sudo().with_company(company).with_context(mail_create_nosubscribe=True).create(vals)
        if attachments:
            self.env["ir.attachment"].sudo().create([
                dict(attachment, res_model=complaint._name, res_id=complaint.id) for attachment in attachments
            ])
        return complaint

    # ------------------------------------------------------------------
    # Tracking page
    # ------------------------------------------------------------------
    @api.model
    def _public_find(self, number, contact):
        """The complaint (sudo) numbered ``number`` whose complainant has the e-mail address or
        the phone number ``contact``, else an empty recordset: the same for an unknown number
        and for a wrong contact, so that nobody learns which numbers exist. Phones match on
        their last nine digits (0812..., +62 812..., spaces and dashes alike)."""
        number, contact = (number or "").strip(), (contact or "").strip()
        if (not number or not contact or len(number) > TRACK_LIMITS["number"]
                or len(contact) > TRACK_LIMITS["contact"] or CONTROL_RE.search(number + contact)):
            return self.browse()
        email = email_normalize(contact)
        digits = "" if email else _digits(contact)
        if not email and len(digits) < 8:
            return self.browse()
        # numbers are unique per company: one per office may carry it
        for complaint in self.sudo().search([("number", "=", number)]):
            if email and email in complaint._complainant_emails():
                return complaint
            if digits and any(len(_digits(phone)) >= 8 and _digits(phone)[-9:] == digits[-9:]
                              for phone in complaint._complainant_phones()):
                return complaint
        return self.browse()
