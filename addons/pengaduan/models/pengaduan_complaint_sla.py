"""Complaint deadlines: the response and resolution targets on the office's working calendar,
the pause while a file is returned, the SLA state and the escalation scheduled action."""

from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.tools.misc import format_datetime

from ..tools.working_time import WorkingTime
from .pengaduan_complaint import OPEN_STATES

ESCALATION_AT_RISK = 1
ESCALATION_OVERDUE = 2


class PengaduanComplaintSla(models.Model):
    _inherit = "pengaduan.complaint"

    # -- SLA -----------------------------------------------------------------------
    response_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, precompute=True, readonly=True,
        help="First response due, from the channel's response time.",
    )
    resolution_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, precompute=True, readonly=True,
        help="Resolution due, from the category's service standard or the company default.",
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
    first_response_date = fields.Datetime(string="First Response On", readonly=True, copy=False)
    resolved_date = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    date_paused = fields.Datetime(string="Paused Since", readonly=True, copy=False,
                                  help="Set while the file is returned to the complainant.")
    pause_work_hours = fields.Float(string="Paused Working Hours", readonly=True, copy=False)
    pause_calendar_hours = fields.Float(string="Paused Hours", readonly=True, copy=False)
    # -- the outcome, set once when the complaint is resolved (the public statistics read them) --
    resolved_within_standard = fields.Boolean(
        string="Completed Within Standard", compute="_compute_resolution_outcome", store=True,
        precompute=True, readonly=True, copy=False,
        help="Set when the complaint is resolved: resolved by its resolution deadline, which the time "
        "the file was returned to the complainant has moved.",
    )
    resolution_working_days = fields.Float(
        string="Working Days to Complete", compute="_compute_resolution_outcome", store=True,
        precompute=True, readonly=True, copy=False,
        help="Set when the complaint is resolved: the working time from receipt to resolution on the "
        "office's calendar, without the time the file was returned to the complainant, in working days "
        "of the calendar's average hours per day, to a tenth of a day.",
    )
    # required (NOT NULL): otherwise the ORM turns ``escalation_level < 2`` into
    # ``(escalation_level < 2 OR escalation_level IS NULL)``, which the partial scan indexes do not match
    escalation_level = fields.Integer(readonly=True, copy=False, default=0, required=True,
                                      help="0: none, 1: at-risk notice sent, 2: overdue escalation sent.")

    _overdue_scan_idx = models.Index(
        "(sla_deadline) WHERE state IN ('new', 'verified', 'in_progress') AND escalation_level < 2"
    )
    _risk_scan_idx = models.Index(
        "(sla_risk_date) WHERE state IN ('new', 'verified', 'in_progress') AND escalation_level < 1"
    )
    # the open desk's counters (kanban columns by state, their SLA progress bars) read
    # this small index only, not the scattered rows of the open complaints among the closed ones
    _open_counters_idx = models.Index(
        "(state, sla_state, company_id) WHERE state IN ('new', 'returned', 'verified', 'in_progress')"
    )
    # the Overdue and At Risk filters and menu of an office: a few per cent of its complaints
    _late_idx = models.Index("(company_id, sla_state) WHERE sla_state IN ('overdue', 'at_risk')")


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

    @api.depends("resolved_date", "resolution_deadline", "date_received", "pause_work_hours")
    def _compute_resolution_outcome(self):
        """Within the standard and working days to complete, from the resolution. Not a
        dependency: the calendar, whose later changes (a new holiday) leave them as they were
        when the complaint was resolved. A reopened complaint is measured again at its new
        resolution."""
        resolved = self.filtered(lambda c: c.resolved_date and c.date_received)
        for complaint in self - resolved:
            complaint.resolved_within_standard = False
            complaint.resolution_working_days = 0.0
        if not resolved:
            return
        working_times = {}
        # in order of receipt: the working-time window of each calendar moves forward only
        for complaint in resolved.sorted(lambda c: c.date_received):
            calendar = (complaint.company_id or self.env.company)._pengaduan_calendar()
            working_time = working_times.get(calendar)
            if working_time is None:
                working_time = working_times[calendar] = WorkingTime(calendar, complaint.date_received)
            hours = working_time.hours_between(complaint.date_received, complaint.resolved_date)
            hours_per_day = calendar.hours_per_day or 8.0
            complaint.resolved_within_standard = not complaint._resolved_late()
            # a tenth of a day (42 minutes of a 7-hour day): what the public page shows, and few
            # enough distinct values for the statistics' histograms
            complaint.resolution_working_days = round(
                max(hours - complaint.pause_work_hours, 0.0) / hours_per_day, 1)

    def _resolved_late(self):
        """Resolved after the resolution deadline (the standard, moved by the pauses)."""
        self.ensure_one()
        return bool(self.resolved_date and self.resolution_deadline
                    and self.resolved_date > self.resolution_deadline)

    @api.depends("response_deadline", "resolution_deadline", "company_id")
    @api.depends_context("lang")
    def _compute_deadline_texts(self):
        for complaint in self:
            for fname in ("response_deadline", "resolution_deadline"):
                complaint[f"{fname}_text"] = complaint._public_datetime(complaint[fname])

    def _public_datetime(self, moment):
        """``moment`` (UTC) as the complainant reads it everywhere -- e-mails, website and portal:
        the office's local time with its zone, '30 November 2026 16:00 WIB'; '' when empty."""
        self.ensure_one()
        if not moment:
            return ""
        tz = timezone(self.company_id._pengaduan_tz())
        local = utc.localize(moment).astimezone(tz)
        date_text = format_datetime(self.env, moment, tz=tz.zone, dt_format="d MMMM yyyy HH:mm")
        return f"{date_text} {local.strftime('%Z')}"

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
            return "failed" if self._resolved_late() else "met"
        if not self.sla_deadline:
            return "on_track"
        if moment >= self.sla_deadline:
            return "overdue"
        if self.sla_risk_date and moment >= self.sla_risk_date:
            return "at_risk"
        return "on_track"

    def action_recompute_deadlines(self):
        """Recompute deadlines after a change of category standards or holidays."""
        self._check_groups("pengaduan.group_manager", "pengaduan.group_head")
        self.env.add_to_compute(self._fields["response_deadline"], self)
        self.env.add_to_compute(self._fields["resolution_deadline"], self)
        self.flush_recordset()
        return True

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
        self = self.with_context(mail_notrack=True, mail_activity_quick_update=True)
        overdue = level == ESCALATION_OVERDUE
        self._transition({"escalation_level": level, "sla_state": "overdue" if overdue else "at_risk"})
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
