import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.mail import email_normalize
from odoo.tools.misc import format_date

from ..tools.lang import indonesian_or_current
from ..tools.nik import nik_problem

_logger = logging.getLogger(__name__)

STATES = [
    ("new", "Received"),
    ("returned", "Returned"),
    ("verified", "Verified"),
    ("in_progress", "In Progress"),
    ("answered", "Answered"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
]
# states in which the SLA clock runs
OPEN_STATES = ("new", "verified", "in_progress")
# states in which a complaint has not yet reached the Bidang of its department
NOT_REACHED_STATES = ("new", "returned")
HANDLER = "pengaduan.group_handler"
OFFICER = "pengaduan.group_officer"
OFFICE = "pengaduan.group_officer,pengaduan.group_head"
# who may write which field of a complaint (see ``_field_writers``): a handler writes the answer
# (notes and documents go to the chatter); officers and heads the reasons of the steps they take;
# officers register the complaint: content, channel, complainant, office and first routing
FIELD_WRITERS = {
    "answer": HANDLER,
    "return_reason": OFFICE,
    "rejection_reason": OFFICE,
    **dict.fromkeys((
        "name", "description", "channel_id", "category_id", "date_received", "statement_true",
        "lapor_tracking_id", "external_ref", "external_url",
        "partner_id", "reporter_name", "reporter_email", "reporter_phone", "nik", "anonymity",
        "company_id", "department_id", "user_id",
    ), OFFICER),
}


class PengaduanComplaint(models.Model):
    _name = "pengaduan.complaint"
    _description = "Public Complaint"
    _inherit = ["portal.mixin", "rating.mixin", "mail.activity.mixin", "pengaduan.workflow.mixin"]
    _order = "date_received desc, id desc"
    _rec_names_search = ["number", "name"]
    _mail_post_access = "read"
    _primary_email = "reporter_email"
    # the lists' default order across offices (an officer of several offices, an inspectorate);
    # a single office's list walks the statistics index (company_id, date_received)
    _list_order_idx = models.Index("(date_received DESC, id DESC)")
    # the search view's "Complainant E-mail" (ilike); the btree serves the gateway's exact match
    _reporter_email_trgm_idx = models.Index(
        lambda registry: "USING gin (reporter_email gin_trgm_ops)" if registry.has_trigram else "")

    number = fields.Char(
        string="Tracking Number", readonly=True, copy=False, index="trigram", default="/",
        help="Tracking number given to the complainant, unique per company.",
    )
    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Html(string="Complaint", sanitize_style=True)

    # -- reporter ----------------------------------------------------------------
    # never tracked: the chatter outlives a change of anonymity
    partner_id = fields.Many2one("res.partner", string="Complainant", index="btree_not_null")
    reporter_name = fields.Char(string="Complainant Name")
    reporter_email = fields.Char(string="Complainant E-mail", index="btree_not_null")
    reporter_phone = fields.Char(string="Complainant Phone")
    # no ``size``: Odoo would cut a 17-digit value to 16 before the check could refuse it
    # personal data (UU 27/2022): read in full by complaint officers only, the others see nik_masked
    nik = fields.Char(string="NIK", help="Nomor Induk Kependudukan: 16 digits.", groups=OFFICER)
    statement_true = fields.Boolean(
        string="Statement of Truth",
        help="The complainant declared that the complaint is true (Surat Pernyataan Kebenaran Aduan).",
    )
    anonymity = fields.Selection(
        [("none", "Identified"), ("anonim", "Anonymous"), ("rahasia", "Confidential")],
        default="none", required=True,
        help="Anonymous: the complainant's identity is visible only to complaint officers.\n"
        "Confidential: the content is never shown publicly.",
    )

    # -- routing -------------------------------------------------------------------
    channel_id = fields.Many2one(
        "pengaduan.channel", required=True, index=True, tracking=True,
        default=lambda self: self._default_channel_id(), check_company=True,
    )
    category_id = fields.Many2one("pengaduan.category", index=True, tracking=True,
                                  check_company=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.company)
    department_id = fields.Many2one("hr.department", index=True, tracking=True,
                                    check_company=True,
                                    help="Department now responsible for the complaint.")
    # What a Bidang sees a complaint through (record rules): its department once the complaint has
    # reached the Bidang -- verified and forwarded by the officer, or further -- never while it is
    # only received or returned to the complainant. Dispositions reach a Bidang on their own.
    handling_department_id = fields.Many2one(
        "hr.department", compute="_compute_handling_department_id",
        store=True, index=True)
    user_id = fields.Many2one("res.users", string="Handler", index=True, tracking=True,
                              domain="[('share', '=', False)]")
    queue_date = fields.Date(readonly=True, copy=False, help="Day of the queue number (walk-in desk).")
    queue_number = fields.Integer(readonly=True, copy=False, help="Daily queue number of a walk-in complaint.")
    lapor_tracking_id = fields.Char(
        string="SP4N-LAPOR! Tracking ID", copy=False, index="btree_not_null",
        help="Tracking ID of a report forwarded from SP4N-LAPOR!; unique per company.",
    )
    external_ref = fields.Char(
        string="External Reference", copy=False,
        help="Reference on the channel: WhatsApp or SMS number, social media account, box number...",
    )
    external_url = fields.Char(string="Post URL", copy=False, help="Link to the social media post or message.")
    date_received = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, tracking=True,
        help="When the office received the complaint. Officers may backdate a letter received earlier.",
    )

    # -- workflow -------------------------------------------------------------------
    state = fields.Selection(STATES, string="Status", default="new", required=True, index=True,
                             tracking=True, copy=False, group_expand=True)
    state_before_return = fields.Selection(STATES, readonly=True, copy=False)
    return_reason = fields.Text(string="Missing Documents",
                                help="What the complainant must complete before the file can be processed.")
    answer = fields.Html(sanitize_style=True, copy=False)
    rejection_reason = fields.Text(copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    disposition_ids = fields.One2many("pengaduan.disposition", "complaint_id", string="Dispositions")
    disposition_count = fields.Integer(compute="_compute_disposition_count")
    letter_ids = fields.One2many("pengaduan.letter", "complaint_id", string="Letters")
    in_my_departments = fields.Boolean(
        compute="_compute_in_my_departments", search="_search_in_my_departments",
    )

    reporter_salutation = fields.Char(
        compute="_compute_reporter_salutation",
        help="How letters and e-mails address the complainant: the name, or 'Complainant'.",
    )
    # computed before the INSERT: a new complaint has no rating (spares rating.mixin's query
    # and an UPDATE per created complaint)
    rating_last_value = fields.Float(compute="_compute_rating_last_value", store=True, precompute=True)

    _lapor_tracking_company_uniq = models.Constraint(
        "UNIQUE(company_id, lapor_tracking_id)",
        "This SP4N-LAPOR! tracking ID is already registered for this company.",
    )
    _queue_number_uniq = models.Constraint(
        "UNIQUE(company_id, queue_date, queue_number)",
        "This queue number is already taken today.",
    )
    _number_company_uniq = models.Constraint(
        "UNIQUE(company_id, number)",
        "The tracking number must be unique per company.",
    )
    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _default_channel_id(self):
        return self.env["pengaduan.channel"].search(
            [("company_id", "in", [False, self.env.company.id])], limit=1,
        )

    def _prepare_create_values(self, vals_list):
        # the number is taken here, after the ORM checked the fields the caller gave (nobody
        # gives a number) and added the defaults (the company): never in a form's onchange,
        # which would spend a number of the gap-free sequence on every new form
        vals_list = super()._prepare_create_values(vals_list)
        for vals in vals_list:
            if vals.get("number") in (None, False, "", "/"):
                vals["number"] = self._next_number(vals.get("company_id"))
        return vals_list

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/pengaduan/{complaint.id}"

    def _compute_disposition_count(self):
        counts = dict(self.env["pengaduan.disposition"]._read_group(
            [("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"],
        ))
        for complaint in self:
            complaint.disposition_count = counts.get(complaint, 0)

    def _compute_rating_last_value(self):
        saved = self.filtered("id")  # complaints being created (precompute) have no rating
        (self - saved).rating_last_value = 0
        return super(PengaduanComplaint, saved)._compute_rating_last_value() if saved else None

    @api.depends("department_id", "state")
    def _compute_handling_department_id(self):
        for complaint in self:
            complaint.handling_department_id = (
                complaint.department_id if complaint.state not in NOT_REACHED_STATES else False)

    @api.depends_context("uid")
    def _compute_in_my_departments(self):
        departments = self.env.user.pengaduan_department_ids
        for complaint in self:
            complaint.in_my_departments = complaint.department_id in departments

    def _search_in_my_departments(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [("department_id", "in", self.env.user.pengaduan_department_ids.ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("reporter_name")
    @api.depends_context("lang")
    def _compute_reporter_salutation(self):
        for complaint in self:
            complaint.reporter_salutation = complaint.reporter_name or self.env._("Complainant")

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("nik")
    def _check_nik(self):
        for complaint in self:
            if error := complaint._nik_error(complaint.nik):
                raise ValidationError(error)

    @api.model
    def _nik_error(self, nik):
        """Why ``nik`` is not a plausible NIK (a translated message), or None."""
        problem = nik and nik_problem(nik)
        if not problem:
            return None
        reason = {
            "format": self.env._("The NIK must be exactly 16 digits."),
            "province": self.env._("The NIK does not start with a known province code."),
            "region": self.env._("The NIK has an invalid regency or district code."),
            "birth_date": self.env._("The NIK contains an impossible birth date (women: day + 40)."),
            "serial": self.env._("The NIK serial number cannot be 0000."),
        }[problem]
        return self.env._("Invalid NIK %(nik)s: %(reason)s", nik=nik, reason=reason)

    @api.constrains("date_received")
    def _check_date_received(self):
        limit = fields.Datetime.now() + timedelta(minutes=5)
        for complaint in self:
            if complaint.date_received > limit:
                raise ValidationError(self.env._("The reception date cannot be in the future."))

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]  # never change the caller's dicts
        if not self.env.su:
            writers = self._field_writers()
            for vals in vals_list:
                # the form sends the defaults of the workflow fields back: harmless, dropped
                # (any other value of a field nobody may set is refused by _has_field_access)
                for fname in [fname for fname in vals if fname not in writers]:
                    if vals[fname] in (False, None, 0, "", "/", "new"):
                        del vals[fname]
                self._check_fields_writable(vals)
        partners = self.env["res.partner"].browse({vals["partner_id"] for vals in vals_list if vals.get("partner_id")})
        for vals in vals_list:
            if vals.get("nik"):
                vals["nik"] = "".join(vals["nik"].split())
            if vals.get("reporter_email"):
                vals["reporter_email"] = email_normalize(vals["reporter_email"]) or vals["reporter_email"]
            if vals.get("partner_id"):
                partner = partners.browse(vals["partner_id"])
                vals.setdefault("reporter_name", partner.name)
                vals.setdefault("reporter_email", partner.email)
                vals.setdefault("reporter_phone", partner.phone)
            if not vals.get("department_id") and vals.get("category_id"):
                category = self.env["pengaduan.category"].browse(vals["category_id"])
                vals["department_id"] = category.department_id.id
        complaints = super().create(vals_list)
        complaints.filtered(lambda c: c.channel_id.issue_queue_number)._assign_queue_numbers()
        complaints._subscribe_complainants()
        return complaints

    def _subscribe_complainants(self):
        """The complainant follows the file (answers reach them by e-mail). The checks of the
        public message_subscribe are known here: a new record, an active partner we just set.
        A citizen (no internal user) cannot already follow it: no lookup of the followers (only
        the internal creator and the handler were subscribed by mail.thread)."""
        for complaint in self.filtered(lambda c: c.partner_id.active):
            partner = complaint.partner_id
            self.env["mail.followers"]._insert_followers(
                complaint._name, complaint.ids, partner.ids,
                customer_ids=partner.ids if partner.partner_share else [],
                check_existing=not partner.partner_share)

    def write(self, vals):
        if not self.env.su:
            self._check_fields_writable(vals)
            self._check_write_rules(vals)
        if vals.get("nik"):
            vals["nik"] = "".join(vals["nik"].split())
        return super().write(vals)

    # ------------------------------------------------------------------
    # Who may write what
    # ------------------------------------------------------------------
    def _field_writers(self):
        """``{field: groups}``: who may write each field with ``create``/``write``. A field not
        listed (status, numbers, dates, deadlines, SLA, tokens, side tables, stored computed
        fields) is written only by the workflow methods, as superuser, after their checks.
        Agency addons add the fields of their flows."""
        return dict(FIELD_WRITERS)

    def _has_field_access(self, field, operation):
        # Odoo's documented hook for field rights: applies to write, create and fields_get
        # (read-only in the web client), for every caller (ORM, RPC, import)
        if operation == "write" and not self.env.su and field.model_name == self._name:
            groups = self._field_writers().get(field.name)
            if not groups or not self.env.user.has_groups(groups):
                return False
        return super()._has_field_access(field, operation)

    def _check_fields_writable(self, vals):
        """The same check as the ORM's, with a message that says what to do instead."""
        refused = [fname for fname in vals
                   if fname in self._fields and not self._has_field_access(self._fields[fname], "write")]
        if refused:
            names = ", ".join(self._fields[fname]._description_string(self.env) for fname in refused)
            raise AccessError(self.env._(
                "You may not change these fields of a complaint: %(fields)s. The status, numbers, dates "
                "and deadlines change only through the workflow buttons; the complainant, the office and "
                "the routing only by a complaint officer.", fields=names))

    def _check_write_rules(self, vals):
        """What no direct write may do, whoever writes: move a complaint to another office,
        re-route it once it was registered (a disposition does), lift its anonymity (an
        officer's act with a reason)."""
        if "company_id" in vals and any(c.company_id.id != vals["company_id"] for c in self):
            raise UserError(self.env._("A complaint stays with the office that received it."))
        rerouted = [fname for fname in ("department_id", "user_id") if fname in vals]
        if rerouted and any(c.state != "new" and any(c[fname].id != (vals[fname] or False) for fname in rerouted)
                            for c in self):
            raise UserError(self.env._(
                "Once verified, a complaint is routed through a disposition (button Dispose)."))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_new(self):
        if any(complaint.state != "new" for complaint in self):
            raise UserError(self.env._("Only complaints that were just received can be deleted; "
                                       "reject or close the others."))

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.reporter_name = self.partner_id.name
            self.reporter_email = self.partner_id.email
            self.reporter_phone = self.partner_id.phone

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.category_id.department_id and not self.department_id:
            self.department_id = self.category_id.department_id

    def _date_id(self, date, pattern="d MMMM y"):
        """A date in the office's language for letters and sheets: '22 November 2026'."""
        if not date:
            return ""
        lang = indonesian_or_current(self.env)
        return format_date(self.env, date, lang_code=lang, date_format=pattern)

    def _letter_addressee(self):
        """The complainant, or 'Pelapor' when the identity must stay with the officers."""
        self.ensure_one()
        if self.anonymity != "none" or not self.reporter_name:
            return self.env._("Pelapor")
        return self.reporter_name

    def action_new_letter(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "pengaduan.letter",
            "view_mode": "form",
            "context": {"default_complaint_id": self.id},
        }

    def action_view_dispositions(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("pengaduan.pengaduan_disposition_action")
        action["domain"] = [("complaint_id", "in", self.ids)]
        action["context"] = {"default_complaint_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Misc
    # ------------------------------------------------------------------
    @api.depends("number", "name")
    def _compute_display_name(self):
        for complaint in self:
            complaint.display_name = f"[{complaint.number}] {complaint.name}" if complaint.number else complaint.name

    def _get_report_base_filename(self):
        self.ensure_one()
        return f"Pengaduan-{self.number}"

    def _description_text(self):
        return html2plaintext(self.description or "")
