from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models

# not yet answered, closed or rejected: what the office still owes
PENDING_STATES = ("new", "returned", "verified", "in_progress")


class PengaduanDashboard(models.TransientModel):
    """The head of office's view of the complaints: what is open where, what is late or about
    to be, how much was completed within the standard this month against last month, and the
    channels' volumes. Each figure is one grouped read of the complaints as the user may see
    them (record rules apply), of the current office only; nothing is stored."""

    _name = "pengaduan.dashboard"
    _description = "Complaint Dashboard"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    open_count = fields.Integer(string="Open", compute="_compute_dashboard")
    at_risk_count = fields.Integer(string="At Risk", compute="_compute_dashboard")
    overdue_count = fields.Integer(string="Overdue", compute="_compute_dashboard")
    completed_this_month = fields.Integer(compute="_compute_dashboard")
    completed_last_month = fields.Integer(compute="_compute_dashboard")
    within_standard_this_month = fields.Float(
        string="Within the Standard This Month (%)", compute="_compute_dashboard", digits=(5, 1),
        help="Share of the complaints completed this month whose answer came within the service standard.")
    within_standard_last_month = fields.Float(
        string="Within the Standard Last Month (%)", compute="_compute_dashboard", digits=(5, 1))
    open_by_department = fields.Html(compute="_compute_dashboard", sanitize=False)
    late_by_department = fields.Html(compute="_compute_dashboard", sanitize=False)
    channel_volumes = fields.Html(compute="_compute_dashboard", sanitize=False)

    @api.depends("company_id")
    def _compute_display_name(self):
        for dashboard in self:
            dashboard.display_name = self.env._("Dashboard")

    @api.depends("company_id")
    def _compute_dashboard(self):
        for dashboard in self:
            dashboard.update(dashboard._figures())

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _this_month(self):
        """The first day of the office's current month (its time zone)."""
        return self.company_id._pengaduan_local_date().replace(day=1)

    def _month_bounds(self):
        """``(start of last month, start of this month, start of next month)`` in the office's
        time zone, as naive UTC datetimes (how the complaints' datetimes are stored)."""
        tz = pytz.timezone(self.company_id._pengaduan_tz())
        this_month = self._this_month()
        return tuple(
            tz.localize(datetime.combine(day, time.min)).astimezone(pytz.UTC).replace(tzinfo=None)
            for day in (this_month - relativedelta(months=1), this_month, this_month + relativedelta(months=1)))

    def _figures(self):
        self.ensure_one()
        # grouped by month in the office's time zone, whatever the user's
        Complaint = self.env["pengaduan.complaint"].with_context(tz=self.company_id._pengaduan_tz())
        office = [("company_id", "=", self.company_id.id)]
        last_month, _this_month, next_month = self._month_bounds()

        open_groups = Complaint._read_group(
            [*office, ("state", "in", PENDING_STATES)], ["department_id", "state"], ["__count"])
        late_groups = Complaint._read_group(
            [*office, ("state", "in", PENDING_STATES), ("sla_state", "in", ("at_risk", "overdue"))],
            ["department_id", "sla_state"], ["__count"])
        completed = Complaint._read_group(
            [*office, ("resolved_date", ">=", last_month), ("resolved_date", "<", next_month),
             ("sla_state", "in", ("met", "failed"))],
            ["resolved_date:month", "sla_state"], ["__count"])
        channels = Complaint._read_group(
            [*office, ("date_received", ">=", last_month), ("date_received", "<", next_month)],
            ["channel_id", "date_received:month"], ["__count"])

        this_start = self._this_month()
        by_month = {"this": {}, "last": {}}
        for month, sla_state, count in completed:
            by_month["this" if month.date() == this_start else "last"][sla_state] = count

        def share(counts):
            total = sum(counts.values())
            return round(100.0 * counts.get("met", 0) / total, 1) if total else 0.0

        # (Odoo's term extractor takes the strings that follow a translated one in a call)
        last_label = self.env._("Last Month")
        this_label = self.env._("This Month")
        months = [("last", last_label), ("this", this_label)]
        return {
            "open_count": sum(count for _dept, _state, count in open_groups),
            "at_risk_count": sum(count for _dept, state, count in late_groups if state == "at_risk"),
            "overdue_count": sum(count for _dept, state, count in late_groups if state == "overdue"),
            "completed_this_month": sum(by_month["this"].values()),
            "completed_last_month": sum(by_month["last"].values()),
            "within_standard_this_month": share(by_month["this"]),
            "within_standard_last_month": share(by_month["last"]),
            "open_by_department": self._figures_table(
                open_groups, [(state, label) for state, label in self._labels("state", Complaint)
                              if state in PENDING_STATES]),
            "late_by_department": self._figures_table(
                late_groups, [(state, label) for state, label in self._labels("sla_state", Complaint)
                              if state in ("at_risk", "overdue")]),
            "channel_volumes": self._figures_table(
                [(channel, "this" if month.date() == this_start else "last", count)
                 for channel, month, count in channels],
                months, row_label=self.env._("Channel")),
        }

    @api.model
    def _labels(self, field_name, model):
        return model._fields[field_name]._description_selection(self.env)

    def _figures_table(self, groups, columns, row_label=None):
        """A table of ``groups`` (``(row record, column key, count)``): a row per record (none:
        "Not yet assigned"), a column per ``(key, label)`` and their totals."""
        counts, rows = {}, {}
        for row, column, count in groups:
            rows[row.id] = row
            counts[row.id, column] = counts.get((row.id, column), 0) + count
        if not rows:
            return Markup('<p class="text-muted o_pengaduan_dashboard_empty">%s</p>') % self.env._("None.")
        cell = Markup('<td class="text-end">%s</td>')
        head = Markup("").join(Markup('<th class="text-end">%s</th>') % label for _key, label in columns)
        body = []
        for row_id, row in sorted(rows.items(), key=lambda item: (not item[0], item[1].display_name or "")):
            values = [counts.get((row_id, key), 0) for key, _label in columns]
            body.append(Markup("<tr><td>%s</td>%s%s</tr>") % (
                row.display_name if row_id else self.env._("Not yet assigned"),
                Markup("").join(cell % value for value in values), cell % sum(values)))
        totals = [sum(counts.get((row_id, key), 0) for row_id in rows) for key, _label in columns]
        return Markup(
            '<table class="table table-sm o_pengaduan_dashboard_table"><thead><tr><th>%s</th>%s'
            '<th class="text-end">%s</th></tr></thead><tbody>%s</tbody><tfoot><tr class="fw-bold">'
            "<td>%s</td>%s%s</tr></tfoot></table>") % (
            row_label or self.env._("Department"), head, self.env._("Total"), Markup("").join(body),
            self.env._("Total"), Markup("").join(cell % value for value in totals), cell % sum(totals))

    # ------------------------------------------------------------------
    # Actions: the dashboard itself, and the complaints behind a figure
    # ------------------------------------------------------------------
    @api.model
    def action_open_dashboard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dashboard"),
            "res_model": self._name,
            "res_id": self.create({}).id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _complaints_action(self, name, domain, view_mode="list,form,pivot,graph"):
        action = self.env["ir.actions.act_window"]._for_xml_id("pengaduan.pengaduan_complaint_action_analysis")
        return action | {"name": name, "domain": [("company_id", "=", self.company_id.id), *domain],
                         "view_mode": view_mode, "views": [(False, mode) for mode in view_mode.split(",")],
                         "context": {"group_by": ["department_id"]}}

    def action_open_complaints(self):
        name = self.env._("Open Complaints")
        return self._complaints_action(name, [("state", "in", PENDING_STATES)], "pivot,graph,list,form")

    def action_late_complaints(self):
        name = self.env._("Overdue and At Risk")
        return self._complaints_action(
            name, [("state", "in", PENDING_STATES), ("sla_state", "in", ("at_risk", "overdue"))])

    def action_completed_complaints(self):
        last_month, _this_month, next_month = self._month_bounds()
        name = self.env._("Completed (Last and This Month)")
        return self._complaints_action(
            name, [("resolved_date", ">=", last_month), ("resolved_date", "<", next_month),
             ("sla_state", "in", ("met", "failed"))], "pivot,graph,list,form")
