"""The head of office's dashboard: its figures equal the complaints counted one by one, each
figure one grouped read whatever the number of departments, and only the office's complaints."""

from lxml import html

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PengaduanCase, wib

PENDING = ("new", "returned", "verified", "in_progress")


@tagged("post_install", "-at_install")
class TestDashboard(PengaduanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_office = cls.env["res.company"].create({"name": "Kantor Lain Dasbor"})

    def answer(self, complaint, when):
        with self.at(when):
            complaint.with_user(self.officer).action_verify()
            complaint.with_user(self.staff_a).action_start()
            complaint.with_user(self.staff_a).answer = "<p>Sudah selesai.</p>"
            complaint.with_user(self.staff_a).action_answer()

    def populate(self):
        # last month (October): one answered within its 2 hours, one a week late
        met_october = self.receive(wib(2026, 10, 12, 9), category_id=self.cat_hours.id)
        self.answer(met_october, wib(2026, 10, 12, 10))
        late_october = self.receive(wib(2026, 10, 13, 9), category_id=self.cat_hours.id)
        self.answer(late_october, wib(2026, 10, 20, 10))
        # this month (November): two within the standard, one late
        for day in (16, 17):
            complaint = self.receive(wib(2026, 11, day, 9), category_id=self.cat_hours.id)
            self.answer(complaint, wib(2026, 11, day, 10))
        late = self.receive(wib(2026, 11, 18, 9), category_id=self.cat_hours.id)
        self.answer(late, wib(2026, 11, 24, 10))
        # still open on 27 November: overdue (2 hours long gone), at risk, on track, in dept B
        overdue = self.receive(wib(2026, 11, 26, 9), category_id=self.cat_hours.id)
        at_risk = self.receive(wib(2026, 11, 26, 9), category_id=self.cat_working_days.id)
        self.receive(wib(2026, 11, 27, 9), category_id=self.cat_days.id)
        with self.at(wib(2026, 11, 26, 9, 5)):
            (overdue | at_risk).with_user(self.officer).action_verify()
        # never reached a department
        self.receive(wib(2026, 11, 27, 9), category_id=False)
        # another office's complaint counts nowhere
        self.Complaint.with_company(self.other_office).create({
            "name": "Kantor lain", "channel_id": self.channel.id, "company_id": self.other_office.id})
        self.sla_cron()
        return overdue, at_risk

    def sla_cron(self):
        with self.at(wib(2026, 11, 27, 15, 30)):
            self.Complaint._cron_check_sla()

    def dashboard(self, user=None):
        with self.at(wib(2026, 11, 27, 15, 45)):
            dashboard = self.env["pengaduan.dashboard"].with_user(user or self.head).create({})
            dashboard.read(["open_count"])  # computed now, at the pinned moment
        return dashboard

    def rows(self, table):
        """``{first cell: last cell}`` of an HTML table's body and footer rows."""
        tree = html.fromstring(str(table))
        return {row[0].text_content().strip(): int(row[-1].text_content())
                for row in tree.xpath("//tbody/tr|//tfoot/tr")}

    def test_figures_equal_the_complaints_counted_one_by_one(self):
        # the database may hold other complaints of this office (demo data): what this test adds
        # is compared as a difference, the shares with the complaints counted one by one
        self.sla_cron()
        before = self.dashboard()
        before_rows = {name: self.rows(before[name])
                       for name in ("open_by_department", "late_by_department", "channel_volumes")}
        overdue, at_risk = self.populate()
        dashboard = self.dashboard()
        Complaint = self.Complaint.with_user(self.head)
        office = [("company_id", "=", self.company.id)]
        self.assertEqual(dashboard.open_count, Complaint.search_count([*office, ("state", "in", PENDING)]))
        self.assertEqual(dashboard.open_count - before.open_count, 4)
        self.assertEqual(dashboard.overdue_count, Complaint.search_count(
            [*office, ("state", "in", PENDING), ("sla_state", "=", "overdue")]))
        self.assertEqual(overdue.sla_state, "overdue")
        self.assertEqual(at_risk.sla_state, "at_risk")
        self.assertEqual((dashboard.overdue_count - before.overdue_count,
                          dashboard.at_risk_count - before.at_risk_count), (1, 1))
        self.assertEqual((dashboard.completed_this_month - before.completed_this_month,
                          dashboard.completed_last_month - before.completed_last_month), (3, 2))
        for month_start, month_end, share in (
                (wib(2026, 11, 1), wib(2026, 12, 1), dashboard.within_standard_this_month),
                (wib(2026, 10, 1), wib(2026, 11, 1), dashboard.within_standard_last_month)):
            completed = [*office, ("resolved_date", ">=", month_start), ("resolved_date", "<", month_end)]
            met = Complaint.search_count([*completed, ("sla_state", "=", "met")])
            total = Complaint.search_count([*completed, ("sla_state", "in", ("met", "failed"))])
            self.assertAlmostEqual(share, round(100.0 * met / total, 1))
        # per department, with a total row
        by_department = self.rows(dashboard.open_by_department)
        for department in (self.dept_a, self.dept_b):
            self.assertEqual(by_department[department.display_name], Complaint.search_count(
                [*office, ("state", "in", PENDING), ("department_id", "=", department.id)]))
        self.assertEqual(by_department["Total"] - before_rows["open_by_department"].get("Total", 0), 4)
        late = self.rows(dashboard.late_by_department)
        self.assertEqual(late[self.dept_a.display_name], 2)
        self.assertNotIn(self.dept_b.display_name, late)
        channels = self.rows(dashboard.channel_volumes)
        self.assertEqual(channels[self.channel.display_name], Complaint.search_count(
            [*office, ("date_received", ">=", wib(2026, 10, 1)), ("date_received", "<", wib(2026, 12, 1)),
             ("channel_id", "=", self.channel.id)]))
        self.assertEqual(channels["Total"] - before_rows["channel_volumes"].get("Total", 0), 9)
        # the other office's complaint is nowhere, even for a user of both offices
        self.manager.company_ids |= self.other_office
        both = self.env["pengaduan.dashboard"].with_user(self.manager).with_context(
            allowed_company_ids=[self.company.id, self.other_office.id]).create({})
        with self.at(wib(2026, 11, 27, 15, 45)):
            self.assertEqual(both.open_count, dashboard.open_count)

    def test_one_grouped_read_per_figure_whatever_the_departments(self):
        self.populate()
        queries = []
        for extra in range(2):
            if extra:
                for number in range(5):
                    department = self.env["hr.department"].create({"name": f"Bidang Tambahan {number}"})
                    self.receive(wib(2026, 11, 27, 9), department_id=department.id)
            self.env.invalidate_all()
            dashboard = self.env["pengaduan.dashboard"].with_user(self.head).create({})
            counts = []
            for _run in range(2):  # the first fills the registry's caches (record rules)
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                dashboard._figures()
                counts.append(self.env.cr.sql_log_count - before)
            queries.append(counts[-1])
        self.assertEqual(queries[0], queries[1], "the same queries with five departments more")

    def test_an_office_without_complaints(self):
        with self.at(wib(2026, 11, 27, 15, 45)):
            dashboard = self.env["pengaduan.dashboard"].create({"company_id": self.other_office.id})
            self.assertEqual((dashboard.open_count, dashboard.completed_this_month), (0, 0))
            self.assertEqual(dashboard.within_standard_this_month, 0.0)
            self.assertIn("o_pengaduan_dashboard_empty", str(dashboard.open_by_department))

    def test_who_opens_it(self):
        self.dashboard(self.officer)
        self.dashboard(self.manager)
        with self.assertRaises(AccessError):
            self.dashboard(self.staff_a)
        action = self.env["pengaduan.dashboard"].with_user(self.head).action_open_dashboard()
        self.assertEqual(action["res_model"], "pengaduan.dashboard")
        drill = self.env["pengaduan.dashboard"].browse(action["res_id"]).with_user(self.head).action_late_complaints()
        self.assertIn(("company_id", "=", self.company.id), drill["domain"])
