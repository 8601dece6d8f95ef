from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.pengaduan_complaint import STATES


class PengaduanRegisterWizard(models.TransientModel):
    """Print the complaint register (Buku Register Pengaduan) and the summary
    (Rekapitulasi) of the complaints received in a period."""

    _name = "pengaduan.register.wizard"
    _description = "Complaint Register and Summary"

    date_from = fields.Date(string="From", required=True,
                            default=lambda self: fields.Date.context_today(self).replace(day=1))
    # "Until", not "To": Odoo's "To" is translated as an addressee (Kepada)
    date_to = fields.Date(string="Until", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one("res.company", string="Office", required=True,
                                 default=lambda self: self.env.company)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The start of the period must come before its end."))

    def action_print_register(self):
        self.ensure_one()
        return self.env.ref("pengaduan.action_report_register").report_action(self)

    def action_print_rekap(self):
        self.ensure_one()
        return self.env.ref("pengaduan.action_report_rekap").report_action(self)

    # ------------------------------------------------------------------
    # Figures (also used by the report templates)
    # ------------------------------------------------------------------
    def _office_tz(self):
        self.ensure_one()
        return self.company_id._pengaduan_tz()

    def _complaints(self):
        """The complaint model in the office's time zone: dates and months fall on the office's days."""
        return self.env["pengaduan.complaint"].with_context(tz=self._office_tz())

    def _period_domain(self):
        """Complaints of the company received from date_from to date_to included (office time)."""
        self.ensure_one()
        tz = pytz.timezone(self._office_tz())

        def utc(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return [
            ("company_id", "=", self.company_id.id),
            ("date_received", ">=", utc(self.date_from)),
            ("date_received", "<", utc(self.date_to + timedelta(days=1))),
        ]

    def _date_label(self, value, pattern="d MMMM y"):
        """A date (or a UTC datetime, shown on the office's day) in Indonesian: '22 November 2026'."""
        return self._complaints()._date_id(value, pattern)

    def _period_label(self):
        self.ensure_one()
        return self.env._("%(date_from)s to %(date_to)s", date_from=self._date_label(self.date_from),
                          date_to=self._date_label(self.date_to))

    def _print_date_label(self):
        return self._date_label(fields.Date.context_today(self.with_context(tz=self._office_tz())))

    def _register_lines(self):
        """One row per complaint of the period, in order of reception."""
        self.ensure_one()
        complaints = self._complaints().search(self._period_domain(), order="date_received, id")
        states = dict(complaints._fields["state"]._description_selection(self.env))
        sla_states = dict(complaints._fields["sla_state"]._description_selection(self.env))
        return [{
            "index": index,
            "number": complaint.number,
            "date_received": self._date_label(complaint.date_received, "dd-MM-y"),
            # an anonymous complainant is "Anonim" on paper, a confidential one "Pelapor"
            "complainant": self.env._("Anonim") if complaint.anonymity == "anonim"
            else complaint._letter_addressee(),
            "channel": complaint.channel_id.name or "",
            "category": complaint.category_id.name or "",
            "subject": complaint.name,
            "department": complaint.department_id.name or "",
            "state": states.get(complaint.state, ""),
            "date_answered": self._date_label(complaint.resolved_date, "dd-MM-y"),
            "sla": sla_states.get(complaint.sla_state, ""),
            "sla_state": complaint.sla_state,
        } for index, complaint in enumerate(complaints, start=1)]

    def _rekap(self):
        """Counts of the period by category, channel and state, and SLA met/failed per month."""
        self.ensure_one()
        Complaint = self._complaints()
        domain = self._period_domain()
        none = self.env._("(none)")
        by_category = [(category.display_name if category else none, count)
                       for category, count in Complaint._read_group(domain, ["category_id"], ["__count"])]
        by_channel = [(channel.display_name if channel else none, count)
                      for channel, count in Complaint._read_group(domain, ["channel_id"], ["__count"])]
        state_counts = dict(Complaint._read_group(domain, ["state"], ["__count"]))
        labels = dict(Complaint._fields["state"]._description_selection(self.env))
        by_state = [(labels[state], state_counts.get(state, 0)) for state, _label in STATES]

        received = {month.date(): count
                    for month, count in Complaint._read_group(domain, ["date_received:month"], ["__count"])}
        sla = {}
        for month, sla_state, count in Complaint._read_group(
                [*domain, ("sla_state", "in", ("met", "failed"))], ["date_received:month", "sla_state"],
                ["__count"]):
            sla[month.date(), sla_state] = count
        by_month = []
        month = self.date_from.replace(day=1)
        while month <= self.date_to:
            met, failed = sla.get((month, "met"), 0), sla.get((month, "failed"), 0)
            by_month.append({
                "month": self._date_label(month, "MMMM y"),
                "received": received.get(month, 0),
                "met": met,
                "failed": failed,
                "rate": f"{100.0 * met / (met + failed):.0f}%" if met + failed else "-",
            })
            month = (month + timedelta(days=32)).replace(day=1)
        total_met = sum(row["met"] for row in by_month)
        total_failed = sum(row["failed"] for row in by_month)
        return {
            "total": sum(state_counts.values()),
            "by_category": by_category,
            "by_channel": by_channel,
            "by_state": by_state,
            "by_month": by_month,
            "total_met": total_met,
            "total_failed": total_failed,
            "total_rate": f"{100.0 * total_met / (total_met + total_failed):.0f}%"
            if total_met + total_failed else "-",
        }
