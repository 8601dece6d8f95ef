"""The complaint's workflow: a transition table, its guard, and the effects of each step.

Contract: a public ``action_<step>`` checks the caller's groups, record rules and the state
(``_check_transition``) and then calls ``_do_<step>``, which writes what nobody may write
directly (state, dates, routing) as superuser. ``_do_*`` methods are private, so an RPC caller
cannot reach them; an agency addon that runs its own flow checks its own rights and calls them.
"""

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, is_html_empty

from ..tools.working_time import WorkingTime
from .pengaduan_complaint import HANDLER, OFFICE

# step: (states it starts from, groups allowed to do it)
TRANSITIONS = {
    "verify": (("new",), OFFICE),
    "return": (("new", "verified", "in_progress"), OFFICE),
    "resume": (("returned",), OFFICE),
    "start": (("verified",), HANDLER),
    "answer": (("in_progress",), HANDLER),
    "reject": (("new", "verified", "in_progress"), OFFICE),
    "close": (("answered", "rejected"), OFFICE),
    "reopen": (("answered",), OFFICE),
}


class PengaduanComplaintWorkflow(models.Model):
    _inherit = "pengaduan.complaint"

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _transitions(self):
        """The transition table; an agency addon may add steps of its own."""
        return TRANSITIONS

    def _transition_labels(self):
        return {
            "verify": self.env._("verified"), "return": self.env._("returned"), "resume": self.env._("resumed"),
            "start": self.env._("started"), "answer": self.env._("answered"), "reject": self.env._("rejected"),
            "close": self.env._("closed"), "reopen": self.env._("reopened"),
        }

    def _check_transition(self, step):
        """Refuse ``step`` unless the caller's groups, the record rules and each complaint's
        state allow it. The one extension point of the core workflow: an agency flow overrides
        it to keep some steps for itself (and calls ``super()``)."""
        states, groups = self._transitions()[step]
        self._check_groups(*groups.split(","))
        if not self.env.su:
            # the effects are written as superuser: the caller must be allowed to change these
            self.check_access("write")
        self._lock_for_step()
        self._check_state(states, self._transition_labels().get(step, step))

    def _lock_for_step(self):
        """Wait for a step running on these complaints in another transaction, before their
        state is checked. The ORM writes at the end, after side effects (e-mails, survey
        invitations) that a second person's step would duplicate; with the rows locked first,
        the second transaction waits, then fails to serialize, and Odoo retries it, which the
        state check then refuses with a clear message."""
        ids = tuple(id_ for id_ in self.ids if isinstance(id_, int))
        if ids:
            self.env.cr.execute(SQL(
                "SELECT id FROM pengaduan_complaint WHERE id IN %s ORDER BY id FOR NO KEY UPDATE", ids))

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

    def _first_response_vals(self, now):
        """Values to write on the complaints that get their first response now."""
        return {"first_response_date": now, "escalation_level": 0}

    def _apply_with_first_response(self, vals):
        now = fields.Datetime.now()
        first = self.filtered(lambda c: not c.first_response_date)
        (self - first)._transition(vals)
        first._transition(dict(vals, **self._first_response_vals(now)))

    # ------------------------------------------------------------------
    # Steps: public actions (checked) and their effects (private)
    # ------------------------------------------------------------------
    def action_verify(self):
        """Registered and complete: the complaint may be disposed."""
        self._check_transition("verify")
        return self._do_verify()

    def _do_verify(self):
        self._apply_with_first_response({"state": "verified"})
        return True

    def action_return(self):
        """Return an incomplete file to the complainant: the SLA clock stops."""
        self._check_transition("return")
        return self._do_return()

    def _do_return(self):
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
            complaint._notify_return(complaint.return_reason)
        return True

    def _notify_return(self, reason):
        """Tell the complainant what is missing (in their language)."""
        self.ensure_one()
        complaint = self.with_context(lang=self._reporter_lang())
        complaint._notify_reporter(
            complaint.env._("Your complaint %s needs more documents", self.number),
            Markup("<p>%s</p><p>%s</p>") % (complaint.env._("Please complete your complaint file. Missing:"), reason),
        )

    def action_resume(self):
        """The complainant completed the file: the clock restarts and the deadlines move."""
        self._check_transition("resume")
        return self._do_resume()

    def _do_resume(self):
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
        self._check_transition("start")
        return self._do_start()

    def _do_start(self):
        self._transition({"state": "in_progress"})
        self.filtered(lambda c: not c.user_id)._transition({"user_id": self.env.uid})
        return True

    def action_answer(self):
        self._check_transition("answer")
        return self._do_answer()

    def _do_answer(self):
        for complaint in self:
            if is_html_empty(complaint.answer):
                raise UserError(self.env._("Write the answer before answering complaint %s.", complaint.number))
        self._apply_with_first_response({"state": "answered", "resolved_date": fields.Datetime.now()})
        for complaint in self:
            complaint._notify_answer()
        return True

    def action_reject(self):
        """Rejected or not within the office's authority (bukan wewenang)."""
        self._check_transition("reject")
        return self._do_reject()

    def _do_reject(self):
        for complaint in self:
            if not (complaint.rejection_reason or "").strip():
                raise UserError(self.env._("Write the rejection reason before rejecting complaint %s.",
                                           complaint.number))
        self._apply_with_first_response({"state": "rejected", "resolved_date": fields.Datetime.now()})
        for complaint in self:
            localized = complaint.with_context(lang=complaint._reporter_lang())
            localized._notify_reporter(localized.env._("Your complaint %s cannot be processed", complaint.number),
                                       Markup("<p>%s</p>") % complaint.rejection_reason)
        return True

    def action_close(self):
        self._check_transition("close")
        return self._do_close()

    def _do_close(self):
        for complaint in self:
            if is_html_empty(complaint.answer) and not (complaint.rejection_reason or "").strip():
                raise UserError(self.env._("Complaint %s has neither an answer nor a rejection reason.",
                                           complaint.number))
        self._transition({"state": "closed", "date_closed": fields.Datetime.now()})
        return True

    def action_reopen(self):
        """The answer did not solve the problem: back to processing."""
        self._check_transition("reopen")
        return self._do_reopen()

    def _do_reopen(self):
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
