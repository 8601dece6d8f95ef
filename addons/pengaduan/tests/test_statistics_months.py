"""The kept months of the public statistics (``pengaduan.statistics.month``): a month that is
over is computed once and read back; every change of a complaint that moves a figure of a kept
month forgets that month (and no other), so that the figures always equal the database."""

from datetime import date, timedelta
from unittest.mock import PropertyMock, patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.pengaduan_complaint_statistics import clear_statistics_cache
from ..models.pengaduan_statistics_month import PengaduanStatisticsMonth
from .common import PengaduanCase
from .test_statistics import StatisticsData

PLURAL = {"month": "months", "channel": "channels", "category": "categories"}


@tagged("post_install", "-at_install")
class TestStatisticsMonths(StatisticsData, PengaduanCase):

    def setUp(self):
        super().setUp()
        self.Month = self.env["pengaduan.statistics.month"].sudo()
        self.current = self.office._pengaduan_local_date().replace(day=1)
        self.months = [date(self.year - 1 + index // 12, index % 12 + 1, 1) for index in range(24)]

    def shown(self, company=None):
        """{(year, kind, key): figures} of ``_public_statistics`` computed afresh (the process
        cache cleared), in the shape of ``expected``."""
        clear_statistics_cache()
        statistics = self.Complaint._public_statistics(company or self.office)
        shown = {}
        for year in statistics["years"]:
            rows = [("year", dict(year["total"], key="total"))]
            rows += [(kind, row) for kind in ("month", "channel", "category") for row in year[PLURAL[kind]]]
            for kind, row in rows:
                shown[year["year"], kind, row["key"]] = {
                    name: row[name] for name in ("received", "completed", "within_pct", "median_days")}
        return shown

    def assert_equal_to_the_database(self, company=None):
        company = company or self.office
        shown, expected = self.shown(company), self.expected(company)
        zero = {"received": 0, "completed": 0, "within_pct": None, "median_days": None}
        for key, figures in shown.items():
            with self.subTest(figures=key):
                self.assertEqual(figures, expected.get(key, zero))
        for key in expected:
            if key[1] != "month" or key[0] < self.year or key[2] <= self.current.month:
                self.assertIn(key, shown)
        return shown

    def kept(self, company=None):
        return set(self.Month.search([("company_id", "=", (company or self.office).id)]).mapped("month"))

    # -- kept and read back ---------------------------------------------------------------
    def test_past_months_are_kept_and_read_back(self):
        self.populate()
        self.assertFalse(self.kept())
        first = self.assert_equal_to_the_database()
        past = {month for month in self.months if month < self.current}
        self.assertEqual(self.kept(), past, "every month that is over, empty ones included; not the current one")
        for row in self.Month.search([("company_id", "=", self.office.id)]):
            self.assertEqual(row.tz, self.office._pengaduan_tz())
            self.assertEqual(row.figures, self.Month._compute_figures(self.office, [row.month])[row.month])
        # asked again: only the months that are not over are computed
        computed = []
        original = PengaduanStatisticsMonth._compute_figures

        def spy(model, company, months):
            computed.extend(months)
            return original(model, company, months)

        with patch.object(PengaduanStatisticsMonth, "_compute_figures", spy):
            self.assertEqual(self.shown(), first)
        self.assertEqual(set(computed), {month for month in self.months if month >= self.current})
        self.assertNotIn(self.current, self.kept())
        # the other office's months are its own
        self.assertFalse(self.kept(self.other))
        self.assert_equal_to_the_database(self.other)
        self.assertEqual(self.kept(self.other), past)

    def test_the_current_month_is_computed_at_each_request(self):
        self.populate()
        before = self.assert_equal_to_the_database()
        self.make(fields.Datetime.now() - timedelta(minutes=5))
        after = self.assert_equal_to_the_database()
        self.assertEqual(after[self.year, "year", "total"]["received"],
                         before[self.year, "year", "total"]["received"] + 1)
        self.assertNotIn(self.current, self.kept())

    # -- changes forget the months they move -------------------------------------------------
    def test_each_change_forgets_the_months_it_moves(self):
        self.populate()
        last = self.year - 1
        self.assert_equal_to_the_database()
        everything = self.kept()
        # received in March of last year, resolved in April
        complaint = self.Complaint.sudo().search([
            ("company_id", "=", self.office.id), ("channel_id", "=", self.channel_quick.id),
            ("date_received", ">=", self.local(last, 3, 12, 0)), ("date_received", "<", self.local(last, 3, 13, 0))])
        self.assertEqual(len(complaint), 1)
        march, april = date(last, 3, 1), date(last, 4, 1)
        registered = []

        def delete_registered():
            registered[0].unlink()

        steps = [
            ("another category", lambda: complaint.write({"category_id": self.cat_days.id}), {march, april}),
            ("another channel", lambda: complaint.write({"channel_id": self.channel.id}), {march, april}),
            ("received earlier (a letter backdated)",
             lambda: complaint.write({"date_received": self.local(last, 2, 20, 9)}), {march, april, date(last, 2, 1)}),
            ("reopened", lambda: complaint._transition({"state": "in_progress", "resolved_date": False}), {april}),
            ("resolved again in May", lambda: complaint._transition({
                "state": "answered", "resolved_date": self.local(last, 5, 7, 10)}), {date(last, 5, 1)}),
            ("a backdated complaint", lambda: self.make(self.local(last, 8, 8, 9), self.local(last, 9, 9, 9)),
             {date(last, 8, 1), date(last, 9, 1)}),
            ("a letter of October registered now",
             lambda: registered.append(self.make(self.local(last, 10, 20, 9), state="new")), {date(last, 10, 1)}),
            ("deleted", delete_registered, {date(last, 10, 1)}),
        ]
        for label, change, touched in steps:
            with self.subTest(change=label):
                change()
                self.env.flush_all()
                self.assertEqual(self.kept(), everything - touched, "those months forgotten, and only those")
                self.assert_equal_to_the_database()
                self.assertEqual(self.kept(), everything)

    def test_another_office_moves_the_months_of_both(self):
        self.populate()
        self.assert_equal_to_the_database()
        self.assert_equal_to_the_database(self.other)
        complaint = self.make(self.local(self.year - 1, 6, 3, 9), self.local(self.year - 1, 6, 4, 9))
        self.assert_equal_to_the_database()
        june = date(self.year - 1, 6, 1)
        self.assertIn(june, self.kept())
        complaint.sudo().write({"company_id": self.other.id, "category_id": self.other_category.id})
        self.assertNotIn(june, self.kept())
        self.assertNotIn(june, self.kept(self.other))
        self.assert_equal_to_the_database()
        self.assert_equal_to_the_database(self.other)

    def test_an_unrelated_write_keeps_every_month(self):
        self.populate()
        self.assert_equal_to_the_database()
        everything = self.kept()
        complaints = self.Complaint.sudo().search([("company_id", "=", self.office.id)])
        complaints.write({"name": "Judul baru uji statistik"})
        complaints.write({"description": "<p>Isi baru.</p>"})
        self.assertEqual(self.kept(), everything)

    # -- the time zone, the scheduled action, a read-only cursor ---------------------------
    def test_a_month_cut_in_another_time_zone_is_computed_again(self):
        self.populate()
        expected = self.assert_equal_to_the_database()
        self.env.cr.execute("UPDATE pengaduan_statistics_month SET tz = 'UTC', figures = '{}'::jsonb")
        self.Month.invalidate_model()
        self.assertEqual(self.shown(), expected)
        self.assertEqual(set(self.Month.search([]).mapped("tz")), {self.office._pengaduan_tz()})

    def test_the_scheduled_action_makes_every_past_month_right(self):
        self.populate()
        expected = self.assert_equal_to_the_database()
        # a month kept wrong (a request that computed it while another transaction changed it)
        wrong = {"received": {"channel": {str(self.channel.id): 999}, "category": {"0": 999}, "total": 999},
                 "resolved": {"channel": {}, "category": {}, "total": [0, 0, {}]}}
        self.Month.search([("company_id", "=", self.office.id), ("month", "=", date(self.year - 1, 3, 1))]).write(
            {"figures": wrong})
        self.assertNotEqual(self.shown(), expected)
        cron = self.env.ref("pengaduan.ir_cron_pengaduan_refresh_statistics")
        self.assertEqual((cron.model_id.model, cron.code, cron.interval_type, cron.active),
                         ("pengaduan.statistics.month", "model._cron_refresh()", "days", True))
        # (the scheduled action's own cursor would wait for this test's transaction: called here)
        self.env["pengaduan.statistics.month"]._cron_refresh()
        self.assertEqual(self.shown(), expected)
        self.assertEqual(self.kept(self.other), {month for month in self.months if month < self.current})

    def test_a_read_only_cursor_computes_without_keeping(self):
        self.populate()
        with patch.object(type(self.env.cr), "readonly", new_callable=PropertyMock, return_value=True):
            self.assert_equal_to_the_database()
        self.assertFalse(self.kept())

    def test_nobody_but_the_system_reads_the_kept_months(self):
        self.populate()
        self.assert_equal_to_the_database()
        for user in (self.officer, self.head, self.staff_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["pengaduan.statistics.month"].with_user(user).search([]).read(["figures"])
