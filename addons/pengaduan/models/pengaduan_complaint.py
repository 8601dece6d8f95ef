import logging
import re
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from pytz import timezone, utc

from odoo import api, fields, models, modules, tools
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, html2plaintext, is_html_empty
from odoo.tools.mail import email_normalize, formataddr, parse_contact_from_email
from odoo.tools.misc import format_date, format_datetime

from ..tools.nik import nik_problem
from ..tools.working_time import WorkingTime

_logger = logging.getLogger(__name__)
# sequence prefix/suffix placeholders that change within a day (%(h24)s, %(current_min)s...)
TIME_OF_DAY_RE = re.compile(r"%\((?:\w+_)?(?:h24|h12|min|sec)\)")

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
# fields only the workflow methods may write (context key ``pengaduan_transition``)
WORKFLOW_FIELDS = frozenset({
    "number", "state", "state_before_return", "first_response_date", "resolved_date", "date_closed",
    "date_paused", "pause_work_hours", "pause_calendar_hours", "escalation_level", "sla_state",
    "queue_date", "queue_number",
})
# identity fields hidden from non-officers on anonymous complaints
IDENTITY_FIELDS = ("partner_id", "reporter_name", "reporter_email", "reporter_phone", "nik")
ESCALATION_AT_RISK = 1
ESCALATION_OVERDUE = 2
# a tracking number between brackets in a subject: "Re: [ADU-2026-000123] ..."
SUBJECT_NUMBER_RE = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9/._-]{2,48})\]")


class PengaduanComplaint(models.Model):
    _name = "pengaduan.complaint"
    _description = "Public Complaint"
    _inherit = ["portal.mixin", "rating.mixin", "mail.activity.mixin"]
    _order = "date_received desc, id desc"
    _rec_names_search = ["number", "name"]
    _mail_post_access = "read"
    _primary_email = "reporter_email"

    number = fields.Char(
        string="Tracking Number", readonly=True, copy=False, index="trigram", default="/",
        help="Tracking number given to the complainant, unique per company.",
    )
    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Html(string="Complaint", sanitize_style=True)

    # -- reporter ----------------------------------------------------------------
    partner_id = fields.Many2one("res.partner", string="Complainant", index="btree_not_null", tracking=True)
    reporter_name = fields.Char(string="Complainant Name")
    reporter_email = fields.Char(string="Complainant E-mail", index="btree_not_null")
    reporter_phone = fields.Char(string="Complainant Phone")
    # no ``size``: Odoo would cut a 17-digit value to 16 before the check could refuse it
    nik = fields.Char(string="NIK", help="Nomor Induk Kependudukan: 16 digits.")
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

    # -- SLA -----------------------------------------------------------------------
    response_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, precompute=True, readonly=True,
        help="First response due, from the channel's response time.",
    )
    resolution_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, precompute=True, readonly=True,
        help="Resolution due, from the category's service standard or the company default.",
    )
    reporter_salutation = fields.Char(
        compute="_compute_reporter_salutation",
        help="How letters and e-mails address the complainant: the name, or 'Complainant'.",
    )
    response_deadline_text = fields.Char(
        string="First Response Due (text)", compute="_compute_deadline_texts",
        help="The first-response deadline as the complainant reads it: '24 November 2026 16:00 WIB'.",
    )
    resolution_deadline_text = fields.Char(
        string="Resolution Due (text)", compute="_compute_deadline_texts",
        help="The resolution deadline as the complainant reads it: '30 November 2026 16:00 WIB'.",
    )
    sla_deadline = fields.Datetime(
        string="Next Deadline", compute="_compute_sla_deadline", store=True, precompute=True, readonly=True,
        help="The earliest deadline still to meet.",
    )
    sla_risk_date = fields.Datetime(
        string="At Risk From", compute="_compute_sla_deadline", store=True, precompute=True, readonly=True,
    )
    sla_state = fields.Selection(
        [("on_track", "On Track"), ("at_risk", "At Risk"), ("overdue", "Overdue"),
         ("met", "Met"), ("failed", "Failed")],
        string="SLA Status", compute="_compute_sla_state", store=True, precompute=True, readonly=True, index=True,
    )
    acknowledgement_due = fields.Boolean(
        readonly=True, copy=False,
        help="The acknowledgement of receipt is still to be e-mailed (by a scheduled action, every minute).",
    )
    first_response_date = fields.Datetime(string="First Response On", readonly=True, copy=False)
    resolved_date = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    date_paused = fields.Datetime(string="Paused Since", readonly=True, copy=False,
                                  help="Set while the file is returned to the complainant.")
    pause_work_hours = fields.Float(string="Paused Working Hours", readonly=True, copy=False)
    pause_calendar_hours = fields.Float(string="Paused Hours", readonly=True, copy=False)
    # required (NOT NULL): otherwise the ORM turns ``escalation_level < 2`` into
    # ``(escalation_level < 2 OR escalation_level IS NULL)``, which the partial scan indexes do not match
    escalation_level = fields.Integer(readonly=True, copy=False, default=0, required=True,
                                      help="0: none, 1: at-risk notice sent, 2: overdue escalation sent.")

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
    _acknowledgement_due_idx = models.Index("(id) WHERE acknowledgement_due IS TRUE")
    _overdue_scan_idx = models.Index(
        "(sla_deadline) WHERE state IN ('new', 'verified', 'in_progress') AND escalation_level < 2"
    )
    _risk_scan_idx = models.Index(
        "(sla_risk_date) WHERE state IN ('new', 'verified', 'in_progress') AND escalation_level < 1"
    )

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _default_channel_id(self):
        return self.env["pengaduan.channel"].search(
            [("company_id", "in", [False, self.env.company.id])], limit=1,
        )

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

    @api.depends("date_received", "channel_id", "category_id", "company_id",
                 "pause_work_hours", "pause_calendar_hours")
    def _compute_deadlines(self):
        working_times = {}
        for complaint in self:
            if not complaint.date_received:
                complaint.response_deadline = complaint.resolution_deadline = False
                continue
            company = complaint.company_id or self.env.company
            calendar = company._pengaduan_calendar()
            working_time = working_times.get(calendar)
            if working_time is None:
                start = min(self.filtered("date_received").mapped("date_received"))
                working_time = working_times[calendar] = WorkingTime(calendar, start)
            channel = complaint.channel_id
            complaint.response_deadline = channel and complaint._deadline_after(
                working_time, channel.response_time, channel.response_unit)
            if complaint.category_id:
                value, unit = complaint.category_id.sla_value, complaint.category_id.sla_unit
            else:
                value, unit = company.pengaduan_resolution_time, company.pengaduan_resolution_unit
            complaint.resolution_deadline = complaint._deadline_after(working_time, value, unit)

    @api.depends("response_deadline", "resolution_deadline", "company_id")
    @api.depends_context("lang")
    def _compute_deadline_texts(self):
        for complaint in self:
            tz = timezone(complaint.company_id._pengaduan_calendar().tz or "Asia/Jakarta")
            for fname in ("response_deadline", "resolution_deadline"):
                moment = complaint[fname]
                text = ""
                if moment:
                    local = utc.localize(moment).astimezone(tz)
                    date_text = format_datetime(self.env, moment, tz=tz.zone, dt_format="d MMMM yyyy HH:mm")
                    text = f"{date_text} {local.strftime('%Z')}"
                complaint[f"{fname}_text"] = text

    @api.depends("reporter_name")
    @api.depends_context("lang")
    def _compute_reporter_salutation(self):
        for complaint in self:
            complaint.reporter_salutation = complaint.reporter_name or self.env._("Complainant")

    def mail_allowed_qweb_expressions(self):
        # the acknowledgement only needs these: rendered without evaluating code (faster, and
        # safe for template editors who are not administrators)
        return (*super().mail_allowed_qweb_expressions(), "object.number", "object.reporter_salutation",
                "object.company_id.name", "object.response_deadline_text", "object.resolution_deadline_text",
                "object.partner_id.lang")

    def _deadline_after(self, working_time, value, unit):
        """Deadline ``value`` ``unit`` after receipt, moved by the time the file was paused."""
        self.ensure_one()
        start = self.date_received
        if unit == "days":
            return start + timedelta(days=value, hours=self.pause_calendar_hours)
        if unit == "working_days":
            deadline = working_time.add_working_days(start, value)
        else:
            hours = value / 60 if unit == "minutes" else value
            deadline = working_time.add_hours(start, hours)
        return working_time.add_hours(deadline, self.pause_work_hours)

    @api.depends("response_deadline", "resolution_deadline", "first_response_date", "date_received",
                 "company_id.pengaduan_risk_ratio")
    def _compute_sla_deadline(self):
        for complaint in self:
            deadlines = [complaint.resolution_deadline]
            if not complaint.first_response_date:
                deadlines.append(complaint.response_deadline)
            deadlines = [d for d in deadlines if d]
            deadline = min(deadlines) if deadlines else False
            complaint.sla_deadline = deadline
            if deadline and complaint.date_received:
                ratio = complaint.company_id.pengaduan_risk_ratio or 0.25
                complaint.sla_risk_date = deadline - (deadline - complaint.date_received) * ratio
            else:
                complaint.sla_risk_date = False

    @api.depends("state", "sla_deadline", "sla_risk_date", "resolved_date", "resolution_deadline")
    def _compute_sla_state(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.sla_state = complaint._sla_state_at(now)

    def _sla_state_at(self, moment):
        self.ensure_one()
        if self.resolved_date:
            if self.resolution_deadline and self.resolved_date > self.resolution_deadline:
                return "failed"
            return "met"
        if not self.sla_deadline:
            return "on_track"
        if moment >= self.sla_deadline:
            return "overdue"
        if self.sla_risk_date and moment >= self.sla_risk_date:
            return "at_risk"
        return "on_track"

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("nik")
    def _check_nik(self):
        messages = {
            "format": self.env._("The NIK must be exactly 16 digits."),
            "province": self.env._("The NIK does not start with a known province code."),
            "region": self.env._("The NIK has an invalid regency or district code."),
            "birth_date": self.env._("The NIK contains an impossible birth date (women: day + 40)."),
            "serial": self.env._("The NIK serial number cannot be 0000."),
        }
        for complaint in self:
            if complaint.nik and (problem := nik_problem(complaint.nik)):
                raise ValidationError(self.env._("Invalid NIK %(nik)s: %(reason)s",
                                                 nik=complaint.nik, reason=messages[problem]))

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
        if not self.env.context.get("pengaduan_transition") and not self.env.su:
            for vals in vals_list:
                # the form sends the defaults of the workflow fields back: harmless, drop them
                for fname in self._workflow_fields().intersection(vals):
                    if vals[fname] in (False, None, 0, "", "/", "new"):
                        del vals[fname]
                    else:
                        raise UserError(self.env._(
                            "The status, number and dates of a complaint are set by its workflow."))
        partners = self.env["res.partner"].browse({vals["partner_id"] for vals in vals_list if vals.get("partner_id")})
        for vals in vals_list:
            vals["number"] = self._next_number(vals.get("company_id"))
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
        # the complainant follows the file (answers reach them by e-mail); the checks of the
        # public message_subscribe are known here: a new record, an active partner we just set.
        # A citizen (no internal user) cannot already follow it: no lookup of the followers
        # (only the internal creator and the handler were subscribed by mail.thread)
        for complaint in complaints.filtered(lambda c: c.partner_id.active and c.anonymity == "none"):
            partner = complaint.partner_id
            self.env["mail.followers"]._insert_followers(
                complaint._name, complaint.ids, partner.ids,
                customer_ids=partner.ids if partner.partner_share else [],
                check_existing=not partner.partner_share)
        return complaints

    def _workflow_fields(self):
        """Fields written only by the workflow methods; agency addons add those of their flow."""
        return WORKFLOW_FIELDS

    def _assign_queue_numbers(self):
        """Daily queue number per company, restarting every day (office time zone)."""
        for complaint in self:
            today = complaint.company_id._pengaduan_local_date()
            complaint._transition({"queue_date": today,
                                   "queue_number": complaint._next_counter("queue_number", "queue_date", today)})

    def _next_counter(self, fname, scope_fname, scope_value):
        """The next value of the integer column ``fname`` among the complaints of this one's
        company whose ``scope_fname`` is ``scope_value`` (the queue of a day, the register of a
        year). Concurrent desks of the company are serialised by a lock released at commit."""
        self.ensure_one()
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                            [self.company_id.id, f"{fname}:{scope_value}"])
        self.flush_model(["company_id", scope_fname, fname])
        self.env.cr.execute(SQL(
            "SELECT COALESCE(MAX(%s), 0) + 1 FROM %s WHERE company_id = %s AND %s = %s",
            SQL.identifier(fname), SQL.identifier(self._table), self.company_id.id,
            SQL.identifier(scope_fname), scope_value))
        return self.env.cr.fetchone()[0]

    def _next_number(self, company_id=None):
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        # the year of the number is the office's (not UTC's: 1 January 00:30 WIB is still 31
        # December in UTC), and the office time zone spares reading the user's
        tz = company._pengaduan_calendar().tz or "Asia/Jakarta"
        today = company._pengaduan_local_date()
        found = self._pengaduan_number_range(company.id, today)
        if found:
            range_id, date_from, formatted = found
            if formatted:
                # a standard sequence whose prefix and suffix change by the day at most: its
                # PostgreSQL sequence's next value, formatted as ir.sequence does
                sequence_name, prefix, padding, suffix = formatted
                self.env.cr.execute(SQL("SELECT nextval(%s)", sequence_name))
                return f"{prefix}{self.env.cr.fetchone()[0]:0{padding}d}{suffix}"
            # the yearly range found earlier today: straight to its PostgreSQL sequence
            date_range = self.env["ir.sequence.date_range"].sudo().browse(range_id).with_context(
                tz=tz, ir_sequence_date=today, ir_sequence_date_range=date_from)
            try:
                return date_range._next()
            except MissingError:
                self.env.registry.clear_cache()  # the range or its sequence was deleted: look again
        number = self.env["ir.sequence"].with_company(company).with_context(tz=tz).sudo().next_by_code(
            "pengaduan.complaint", sequence_date=today)
        if not number:
            raise UserError(self.env._("No sequence 'pengaduan.complaint' is defined for company %s.",
                                       company.name))
        return number

    @api.model
    @tools.ormcache("company_id", "day")
    def _pengaduan_number_range(self, company_id, day):
        """The yearly range of the complaint sequence of ``company_id`` for ``day`` (created when
        missing, as ``next_by_code`` would): ``(range id, its first day, formatted)``, where
        ``formatted`` is ``(PostgreSQL sequence, prefix, padding, suffix)`` for a standard
        sequence whose prefix and suffix do not show the time of day; None without a yearly
        sequence. Looked up once a day per office instead of five queries per complaint; any
        change to the complaint sequence or its ranges forgets it (``ir.sequence``)."""
        sequence = self.env["ir.sequence"].sudo().search(
            [("code", "=", "pengaduan.complaint"), ("company_id", "in", [company_id, False])],
            order="company_id", limit=1)
        if not sequence.use_date_range:
            return None
        date_range = self.env["ir.sequence.date_range"].sudo().search(
            [("sequence_id", "=", sequence.id), ("date_from", "<=", day), ("date_to", ">=", day)], limit=1)
        date_range = date_range or sequence._create_date_range_seq(day)
        formatted = None
        if sequence.implementation == "standard" and not TIME_OF_DAY_RE.search(
                (sequence.prefix or "") + (sequence.suffix or "")):
            calendar = self.env["res.company"].browse(company_id)._pengaduan_calendar()
            prefix, suffix = sequence.with_context(
                tz=calendar.tz or "Asia/Jakarta", ir_sequence_date=day, ir_sequence_date_range=date_range.date_from,
            )._get_prefix_suffix()
            formatted = (f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}", prefix, sequence.padding, suffix)
        return date_range.id, date_range.date_from, formatted

    def write(self, vals):
        if self._workflow_fields().intersection(vals) and not self.env.context.get("pengaduan_transition") \
                and not self.env.su:
            raise UserError(self.env._(
                "The status, number and dates of a complaint change only through its workflow buttons."))
        if vals.get("nik"):
            vals["nik"] = "".join(vals["nik"].split())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_new(self):
        if any(complaint.state != "new" for complaint in self):
            raise UserError(self.env._("Only complaints that were just received can be deleted; "
                                       "reject or close the others."))

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        hidden = set(IDENTITY_FIELDS).intersection(fnames or [])
        if hidden and not self._can_see_anonymous_identity():
            anonymous = set(self.sudo().filtered(lambda c: c.anonymity == "anonim").ids)
            for values in result:
                if values["id"] in anonymous:
                    for fname in hidden:
                        values[fname] = self.env._("Anonymous") if fname == "reporter_name" else False
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        """Searching on the identity of complainants never matches anonymous complaints for
        those who may not see it: otherwise a handler could guess a name or an e-mail address
        and learn who sent an anonymous complaint from whether it is found."""
        if not self._can_see_anonymous_identity():
            conditions = Domain(domain).iter_conditions()
            if any(condition.field_expr.split(".")[0] in IDENTITY_FIELDS for condition in conditions):
                domain = Domain.AND([domain, [("anonymity", "!=", "anonim")]])
        return super()._search(domain, offset=offset, limit=limit, order=order, **kwargs)

    def _can_see_anonymous_identity(self):
        return self.env.su or self.env.user.has_group("pengaduan.group_officer")

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

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_groups(self, *groups):
        if self.env.su or any(self.env.user.has_group(group) for group in groups):
            return
        raise AccessError(self.env._("You are not allowed to do this on complaints."))

    def _check_state(self, allowed, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for complaint in self:
            if complaint.state not in allowed:
                raise UserError(self.env._(
                    "Complaint %(number)s cannot be %(action)s while it is %(state)s.",
                    number=complaint.number, action=action, state=labels[complaint.state],
                ))

    def _transition(self, vals):
        return self.with_context(pengaduan_transition=True).write(vals)

    def _first_response_vals(self, now):
        """Values to write on the complaints that get their first response now."""
        return {"first_response_date": now, "escalation_level": 0}

    def _apply_with_first_response(self, vals):
        now = fields.Datetime.now()
        first = self.filtered(lambda c: not c.first_response_date)
        (self - first)._transition(vals)
        first._transition(dict(vals, **self._first_response_vals(now)))

    def action_verify(self):
        """Registered and complete: the complaint may be disposed."""
        self._check_groups("pengaduan.group_officer", "pengaduan.group_head")
        self._check_state(("new",), self.env._("verified"))
        self._apply_with_first_response({"state": "verified"})
        return True

    def action_return(self):
        """Return an incomplete file to the complainant: the SLA clock stops."""
        self._check_groups("pengaduan.group_officer", "pengaduan.group_head")
        self._check_state(("new", "verified", "in_progress"), self.env._("returned"))
        for complaint in self:
            if not (complaint.return_reason or "").strip():
                raise UserError(self.env._(
                    "Write what is missing (Missing Documents) before returning complaint %s.", complaint.number))
        now = fields.Datetime.now()
        for state, complaints in self.grouped("state").items():
            complaints._apply_with_first_response({
                "state": "returned", "state_before_return": state, "date_paused": now,
            })
        for complaint in self:
            complaint._notify_reporter(
                self.env._("Your complaint %s needs more documents", complaint.number),
                Markup("<p>%s</p><p>%s</p>") % (
                    self.env._("Please complete your complaint file. Missing:"), complaint.return_reason),
            )
        return True

    def action_resume(self):
        """The complainant completed the file: the clock restarts and the deadlines move."""
        self._check_groups("pengaduan.group_officer", "pengaduan.group_head")
        self._check_state(("returned",), self.env._("resumed"))
        now = fields.Datetime.now()
        working_times = {}
        for complaint in self:
            calendar = complaint.company_id._pengaduan_calendar()
            if calendar not in working_times:
                working_times[calendar] = WorkingTime(calendar, min(self.mapped("date_paused")) or now)
            paused_since = complaint.date_paused or now
            complaint._transition({
                "state": complaint.state_before_return or "new",
                "state_before_return": False,
                "date_paused": False,
                "pause_work_hours": complaint.pause_work_hours
                + working_times[calendar].hours_between(paused_since, now),
                "pause_calendar_hours": complaint.pause_calendar_hours
                + (now - paused_since).total_seconds() / 3600,
                "escalation_level": 0,
            })
        return True

    def action_start(self):
        """Verified complaint taken up directly, without a disposition."""
        self._check_groups("pengaduan.group_handler")
        self._check_state(("verified",), self.env._("started"))
        self._transition({"state": "in_progress"})
        for complaint in self.filtered(lambda c: not c.user_id):
            complaint.user_id = self.env.user
        return True

    def action_answer(self):
        self._check_groups("pengaduan.group_handler")
        self._check_state(("in_progress",), self.env._("answered"))
        for complaint in self:
            if is_html_empty(complaint.answer):
                raise UserError(self.env._("Write the answer before answering complaint %s.", complaint.number))
        self._apply_with_first_response({"state": "answered", "resolved_date": fields.Datetime.now()})
        for complaint in self:
            complaint._notify_reporter(
                self.env._("Answer to your complaint %s", complaint.number), complaint.answer)
        return True

    def action_reject(self):
        """Rejected or not within the office's authority (bukan wewenang)."""
        self._check_groups("pengaduan.group_officer", "pengaduan.group_head")
        self._check_state(("new", "verified", "in_progress"), self.env._("rejected"))
        for complaint in self:
            if not (complaint.rejection_reason or "").strip():
                raise UserError(self.env._("Write the rejection reason before rejecting complaint %s.",
                                           complaint.number))
        self._apply_with_first_response({"state": "rejected", "resolved_date": fields.Datetime.now()})
        for complaint in self:
            complaint._notify_reporter(
                self.env._("Your complaint %s cannot be processed", complaint.number),
                Markup("<p>%s</p>") % complaint.rejection_reason)
        return True

    def action_close(self):
        self._check_groups("pengaduan.group_officer", "pengaduan.group_head")
        self._check_state(("answered", "rejected"), self.env._("closed"))
        for complaint in self:
            if is_html_empty(complaint.answer) and not (complaint.rejection_reason or "").strip():
                raise UserError(self.env._("Complaint %s has neither an answer nor a rejection reason.",
                                           complaint.number))
        self._transition({"state": "closed", "date_closed": fields.Datetime.now()})
        return True

    def action_reopen(self):
        """The answer did not solve the problem: back to processing."""
        self._check_groups("pengaduan.group_officer", "pengaduan.group_head")
        self._check_state(("answered",), self.env._("reopened"))
        self._transition({"state": "in_progress", "resolved_date": False, "escalation_level": 0})
        return True

    def action_dispose(self):
        """Open the disposition wizard for these complaints."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "pengaduan.dispose.wizard",
            "name": self.env._("Dispose"),
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_recompute_deadlines(self):
        """Recompute deadlines after a change of category standards or holidays."""
        self._check_groups("pengaduan.group_manager", "pengaduan.group_head")
        self.env.add_to_compute(self._fields["response_deadline"], self)
        self.env.add_to_compute(self._fields["resolution_deadline"], self)
        self.flush_recordset()
        return True

    def _date_id(self, date, pattern="d MMMM y"):
        """A date in the office's language for letters and sheets: '22 November 2026'."""
        if not date:
            return ""
        lang = "id_ID" if self.env["res.lang"]._lang_get("id_ID") else self.env.lang
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

    def _notify_reporter(self, subject, body):
        """Send a message to the complainant without exposing an anonymous identity in the chatter."""
        self.ensure_one()
        if self.anonymity == "none" and self.partner_id:
            self.message_post(body=body, subject=subject, message_type="comment",
                              subtype_xmlid="mail.mt_comment", partner_ids=self.partner_id.ids)
            return
        self.message_post(body=body, subject=subject, message_type="comment", subtype_xmlid="mail.mt_note")
        if self.reporter_email:
            self.env["mail.mail"].sudo().create({
                "subject": subject,
                "body_html": body,
                "email_to": self.reporter_email,
                "model": self._name,
                "res_id": self.id,
                "auto_delete": True,
            })

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
        partner = self.env["res.partner"].browse(msg_dict.get("author_id") or []) \
            or self._reporter_partner(name, email)
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
        received = msg_dict.get("date") and fields.Datetime.to_datetime(msg_dict["date"])
        values["date_received"] = min(received, fields.Datetime.now()) if received else fields.Datetime.now()
        # mail.thread's message_new only sets the name and the primary e-mail from the message
        # (both set above) before create(): creating directly spares its fields_get() (~6 ms)
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        values["acknowledgement_due"] = self._should_acknowledge(msg_dict, company)
        return self.create(values)

    def _message_post_after_hook(self, message, msg_vals):
        """The complainant answered a returned file (portal or e-mail): the clock restarts."""
        res = super()._message_post_after_hook(message, msg_vals)
        if not self.env.context.get("pengaduan_automated") and message.message_type in ("comment", "email"):
            sender = email_normalize(message.email_from or "")
            returned = self.filtered(lambda c: c.state == "returned" and (
                (message.author_id and message.author_id == c.partner_id)
                or (sender and sender == c.reporter_email)))
            if returned:
                returned.sudo().action_resume()
        return res

    def _message_compute_real_author(self, author_id):
        # mail.thread's, without ``env.ref("base.partner_root")``, which queries the partner
        # each time (three times per incoming e-mail)
        if self.env.user.active or not author_id:
            return super()._message_compute_real_author(author_id)
        author = self.env["res.partner"].browse(author_id)
        root = self.env["ir.model.data"]._xmlid_to_res_id("base.partner_root", raise_if_not_found=False)
        return author if author.active and author.id != root else self.env["res.partner"]

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
            reply_to.update(super(PengaduanComplaint, others)._notify_get_reply_to_batch(
                defaults=subset(defaults), author_ids=subset(author_ids)))
        return reply_to

    def _detect_loop_sender_domain(self, email_from_normalized):
        # reporter_email is stored normalized: an exact match uses its index, where Odoo's
        # default ``ilike`` reads every complaint of the last hour for every incoming e-mail
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
        return candidates.filtered(
            lambda c: sender in (c.reporter_email, email_normalize(c.partner_id.email or ""))
        )[:1]

    @api.model
    def _reporter_partner(self, name, email):
        """The partner of a complainant: found by e-mail, or created (Indonesian by default)."""
        email = email_normalize(email or "")
        # never a contact for our own aliases (catchall, bounce...): as a follower it would
        # receive every message of the complaint, straight back into the gateway
        if not email or self.env["mail.alias.domain"].sudo()._find_aliases([email]):
            return self.env["res.partner"]
        # Odoo's own lookup (the one the gateway has just made for the author: remembered)
        partner = self.browse()._partner_find_from_emails_single([email], no_create=True)
        if not partner:
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
        return "id_ID" if self.env["res.lang"]._lang_get("id_ID") else self.env.lang or "en_US"

    @api.model
    def _should_acknowledge(self, msg_dict, company):
        """No acknowledgement to auto-replies, bounces, mailing lists or our own addresses."""
        if self.env.context.get("pengaduan_automated") or msg_dict.get("bounced_email"):
            return False
        sender = email_normalize(msg_dict.get("email_from") or "")
        return bool(sender) and not self._is_own_address(sender, company)

    @api.model
    def _is_own_address(self, email, company):
        """Our aliases, catchall, bounce and default-from addresses, or the office's e-mail."""
        if email == email_normalize(company.email or ""):
            return True
        return bool(self.env["mail.alias.domain"].sudo()._find_aliases([email]))

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
        complaints = self.filtered("reporter_email")
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
            if complaint.anonymity == "none" and partner:
                chatter.append({**values, "model": complaint._name, "res_id": complaint.id,
                                "message_type": "comment", "subtype_id": comment, "recipient_ids": partner.ids})
            else:
                # not in the chatter: an anonymous identity stays with the officers
                anonymous.append({**values, "email_to": complaint.reporter_email, "message_type": "email_outgoing"})
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

    # ------------------------------------------------------------------
    # SLA escalation (scheduled action)
    # ------------------------------------------------------------------
    @api.model
    def _cron_check_sla(self, batch_size=1000):
        """Mark complaints at risk / overdue and escalate each level once.

        Searches the stored, indexed deadlines only, so a run with nothing to do
        costs two index scans.
        """
        self._run_in_batches(self._escalate_due, batch_size)
        return True

    @api.model
    def _escalate_due(self, limit=None):
        """Escalate one batch; return the number of complaints escalated."""
        now = fields.Datetime.now()
        complaints = self.sudo().with_context(active_test=False)
        overdue = complaints.search([
            ("state", "in", OPEN_STATES), ("escalation_level", "<", ESCALATION_OVERDUE),
            ("sla_deadline", "<=", now),
        ], limit=limit, order="sla_deadline")
        # a full batch of overdue leaves no room: search(limit=0) would mean "no limit"
        remaining = max(limit - len(overdue), 0) if limit else None
        at_risk = complaints.browse() if remaining == 0 else complaints.search([
            ("state", "in", OPEN_STATES), ("escalation_level", "<", ESCALATION_AT_RISK),
            ("sla_risk_date", "<=", now), ("sla_deadline", ">", now),
        ], limit=remaining, order="sla_risk_date")
        if overdue:
            overdue._escalate(ESCALATION_OVERDUE)
        if at_risk:
            at_risk._escalate(ESCALATION_AT_RISK)
        return len(overdue) + len(at_risk)

    def _escalate(self, level):
        """Post, schedule an activity and e-mail the escalation recipient, once for ``level``."""
        self = self.with_context(pengaduan_transition=True, mail_notrack=True, mail_activity_quick_update=True)
        overdue = level == ESCALATION_OVERDUE
        self.write({"escalation_level": level, "sla_state": "overdue" if overdue else "at_risk"})
        if overdue:
            note = self.env._("Overdue: the deadline of %(deadline)s has passed. Escalated to %(recipient)s.")
        else:
            note = self.env._("At risk: the deadline of %(deadline)s is near. %(recipient)s has been notified.")
        recipients = {complaint: complaint._escalation_recipient(level) for complaint in self}
        bodies = {}
        for complaint, recipient in recipients.items():
            bodies[complaint.id] = Markup("<p>%s</p>") % (note % {
                "deadline": fields.Datetime.to_string(complaint.sla_deadline),
                "recipient": recipient.name or self.env._("nobody (no head of office configured)"),
            })
        self._message_log_batch(bodies=bodies)
        # one activity per complaint for its responsible user, created in one batch per user
        responsible = defaultdict(self.browse)
        for complaint, recipient in recipients.items():
            user = complaint.user_id or recipient
            if user:
                responsible[user] |= complaint
        summary = self.env._("Complaint overdue") if overdue else self.env._("Complaint at risk")
        for user, complaints in responsible.items():
            complaints.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=fields.Date.context_today(self),
                summary=summary, user_id=user.id,
            )
        # one digest e-mail per recipient
        per_recipient = defaultdict(self.browse)
        for complaint, recipient in recipients.items():
            if recipient.partner_id.email:
                per_recipient[recipient] |= complaint
        mails = []
        for recipient, complaints in per_recipient.items():
            body = self.env["ir.qweb"]._render("pengaduan.mail_escalation_digest", {
                "complaints": complaints, "overdue": overdue, "recipient": recipient,
            })
            mails.append({
                "subject": self.env._("%(count)s complaint(s) %(what)s", count=len(complaints),
                                      what=self.env._("overdue") if overdue else self.env._("at risk")),
                "body_html": body,
                "recipient_ids": [(4, recipient.partner_id.id)],
                "auto_delete": True,
            })
        if mails:
            self.env["mail.mail"].sudo().create(mails)

    def _escalation_recipient(self, level):
        """At risk: the head of the department; overdue: the head of office."""
        self.ensure_one()
        head_of_office = self.company_id.pengaduan_head_user_id
        if level == ESCALATION_AT_RISK:
            return self.department_id.manager_id.user_id or head_of_office
        return head_of_office or self.department_id.manager_id.user_id

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
