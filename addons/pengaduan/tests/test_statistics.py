"""The public statistics (issue 12): the resolution outcome stored at resolution, and the page
``/pengaduan/statistik`` as an anonymous visitor sees it, checked against figures the test
computes itself from the ORM."""

import statistics
from collections import defaultdict
from datetime import datetime, timedelta

from lxml import html as lxml_html
from pytz import timezone, utc

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import float_round

from ..models.pengaduan_complaint_statistics import _median, clear_statistics_cache
from .common import PengaduanCase, wib

SECRET_NAME = "Sutrisno Wiryawan Rahasia"
SECRET_EMAIL = "sutrisno.rahasia@warga.example"
SECRET_PHONE = "081298765432"
SECRET_NIK = "3174055508900123"
DASH = "\u2013"  # the en dash of an empty share or median


@tagged("post_install", "-at_install")
class TestResolutionOutcome(PengaduanCase):
    """Within the standard and working days to complete, set once when the complaint is resolved."""

    def answer(self, complaint, when):
        complaint.sudo().answer = "<p>Sudah selesai.</p>"
        with self.at(when):
            complaint.with_user(self.officer).action_verify()
            complaint.with_user(self.staff_a).action_start()
            complaint.with_user(self.staff_a).action_answer()

    def test_answered_within_and_late(self):
        # 1 working day: received Monday 09:00, due Tuesday 16:00 (closing time)
        on_time = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_working_days.id)
        late = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_working_days.id)
        self.assertFalse(on_time.resolved_within_standard)
        self.assertEqual(on_time.resolution_working_days, 0.0, "nothing before the resolution")
        self.answer(on_time, wib(2026, 11, 24, 15))
        # Monday 09:00-16:00 = 6 h, Tuesday 08:00-15:00 = 6 h: 12 h of a 7-hour day
        self.assertTrue(on_time.resolved_within_standard)
        self.assertEqual(on_time.resolution_working_days, 1.7)
        self.assertEqual(on_time.sla_state, "met")
        # Thursday 10:00: Wednesday 25 is a holiday; 6 + 7 + 0 + 2 = 15 h
        self.answer(late, wib(2026, 11, 26, 10))
        self.assertFalse(late.resolved_within_standard)
        self.assertEqual(late.resolution_working_days, 2.1)
        self.assertEqual(late.sla_state, "failed")

    def test_time_returned_to_the_complainant_not_counted(self):
        complaint = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_working_days.id)
        complaint.sudo().return_reason = "Lampirkan KK."
        with self.at(wib(2026, 11, 23, 10)):
            complaint.with_user(self.officer).action_return()
        with self.at(wib(2026, 11, 24, 10)):
            complaint.with_user(self.officer).action_resume()
        # paused Monday 10:00-16:00 (5 h) and Tuesday 08:00-10:00 (2 h): the deadline (Tuesday
        # 16:00) moves by 7 working hours, over the Wednesday holiday, to Thursday 16:00
        self.assertEqual(complaint.pause_work_hours, 7.0)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 26, 16))
        self.answer(complaint, wib(2026, 11, 27, 9))  # Friday 09:00: late
        self.assertFalse(complaint.resolved_within_standard)
        # Mon 09:00 .. Fri 09:00 = 6 + 7 + 0 + 7 + 1 = 21 h, minus the 7 h paused: 2 days
        self.assertEqual(complaint.resolution_working_days, 2.0)

        again = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_working_days.id)
        again.sudo().return_reason = "Lampirkan KK."
        with self.at(wib(2026, 11, 23, 10)):
            again.with_user(self.officer).action_return()
        with self.at(wib(2026, 11, 24, 10)):
            again.with_user(self.officer).action_resume()
        self.answer(again, wib(2026, 11, 26, 15))  # Thursday 15:00: before the moved deadline
        self.assertTrue(again.resolved_within_standard)
        self.assertEqual(again.resolution_working_days, 1.7)  # 6 + 7 + 0 + 6 = 19 h - 7 h = 12 h

    def test_rejection_completes_and_reopening_measures_again(self):
        rejected = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_hours.id)
        rejected.sudo().rejection_reason = "Bukan kewenangan dinas."
        with self.at(wib(2026, 11, 23, 10)):
            rejected.with_user(self.officer).action_reject()
        self.assertTrue(rejected.resolved_within_standard)
        self.assertEqual(rejected.resolution_working_days, 0.1)  # 1 h of 7

        answered = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_working_days.id)
        self.answer(answered, wib(2026, 11, 23, 11))
        self.assertTrue(answered.resolved_within_standard)
        with self.at(wib(2026, 11, 24, 9)):
            answered.with_user(self.officer).action_reopen()
        self.assertFalse(answered.resolved_date)
        self.assertFalse(answered.resolved_within_standard)
        self.assertEqual(answered.resolution_working_days, 0.0)
        with self.at(wib(2026, 11, 27, 9)):
            answered.with_user(self.staff_a).action_answer()
        self.assertFalse(answered.resolved_within_standard, "measured again at the new resolution")
        self.assertEqual(answered.resolution_working_days, 3.0)  # 6 + 7 + 0 + 7 + 1 = 21 h

    def test_a_later_holiday_leaves_the_outcome_as_it_was(self):
        complaint = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_working_days.id)
        self.answer(complaint, wib(2026, 11, 24, 15))
        self.env["resource.calendar.leaves"].create({
            "name": "Libur susulan", "date_from": wib(2026, 11, 24), "date_to": wib(2026, 11, 24, 23, 59)})
        complaint.invalidate_recordset()
        self.assertEqual(complaint.resolution_working_days, 1.7)
        self.assertTrue(complaint.resolved_within_standard)

    def test_median_of_a_histogram_is_percentile_cont(self):
        for values in ([1.0], [1.0, 2.0], [0.5, 0.5, 3.0, 9.9], [2.0, 2.0, 2.0], [0.1, 0.2, 0.3, 0.4, 7.0]):
            histogram = defaultdict(int)
            for value in values:
                histogram[value] += 1
            self.assertAlmostEqual(_median(histogram), statistics.median(values), msg=values)
        self.assertIsNone(_median({}))


class StatisticsData:
    """Complaints of two offices over the months the page shows, and the figures the page
    should show, computed here from the ORM (mixed into the statistics test cases)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.office = cls.website.company_id
        cls.year = cls.office._pengaduan_local_date().year
        cls.tz = timezone(cls.office._pengaduan_tz())
        cls.other = cls.env["res.company"].create({"name": "Dinas Lain Statistik Uji"})
        cls.other_category = cls.env["pengaduan.category"].create({
            "name": "Kategori Dinas Lain Statistik", "company_id": cls.other.id, "sla_value": 3})
        cls.other_website = cls.env["website"].create({
            "name": "Situs Dinas Lain", "company_id": cls.other.id, "domain": "http://statistik-lain.localhost"})

    def setUp(self):
        super().setUp()
        clear_statistics_cache()
        self.addCleanup(clear_statistics_cache)

    # -- data ------------------------------------------------------------------------------
    def local(self, year, month, day, hour=9, minute=0):
        """Naive UTC of an office-local wall-clock time."""
        moment = self.tz.localize(datetime(year, month, day, hour, minute))
        return moment.astimezone(utc).replace(tzinfo=None)

    def make(self, received, resolved=None, company=None, state="answered", **values):
        company = company or self.office
        vals = {
            "name": "Pengaduan statistik uji", "description": "<p>Isi.</p>", "channel_id": self.channel.id,
            "category_id": self.cat_working_days.id, "company_id": company.id, "date_received": received,
            "reporter_name": "Warga Uji Statistik", "reporter_email": "warga.statistik@warga.example",
        }
        vals.update(values)
        complaint = self.Complaint.sudo().with_company(company).create(vals)
        if resolved:
            complaint._transition({"state": state, "resolved_date": resolved, "first_response_date": received,
                                   "answer": "<p>Selesai.</p>"})
        self.env.flush_all()
        return complaint

    def populate(self):
        """Complaints of both offices over the months shown and around them; the one whose
        complainant must never show on the page is returned."""
        last = self.year - 1
        now = fields.Datetime.now()
        self.make(self.local(last, 3, 10, 9), self.local(last, 3, 10, 15))
        self.make(self.local(last, 3, 12, 9), self.local(last, 4, 20, 10), channel_id=self.channel_quick.id)
        self.make(self.local(last, 3, 13, 10), self.local(last, 3, 16, 11), category_id=self.cat_days.id)
        self.make(self.local(last, 3, 16, 10), self.local(last, 3, 17, 14), category_id=False, state="rejected")
        self.make(self.local(last, 10, 5, 9), category_id=self.cat_days.id)  # still open
        # office-local months: 00:30 on the 1st of January is still December in UTC
        self.make(self.local(last, 1, 1, 0, 30), self.local(last, 1, 5, 10))
        self.make(self.local(last - 1, 12, 30, 10), self.local(last, 1, 2, 10))  # completed, not received, in range
        self.make(self.local(last - 1, 6, 2, 10), self.local(last - 1, 6, 3, 10))  # out of range
        # this year: a few hours ago (whatever today is)
        self.make(now - timedelta(hours=3), now - timedelta(hours=1), channel_id=self.channel_quick.id)
        self.make(now - timedelta(hours=2))
        secret = self.make(self.local(last, 3, 20, 9), self.local(last, 3, 23, 10),
                           reporter_name=SECRET_NAME, reporter_email=SECRET_EMAIL,
                           reporter_phone=SECRET_PHONE, nik=SECRET_NIK, name="Pengaduan subjek rahasia uji")
        # the other office's, in the same months
        self.make(self.local(last, 3, 11, 9), self.local(last, 3, 11, 14), company=self.other,
                  category_id=self.other_category.id, reporter_name="Warga Kantor Lain",
                  name="Pengaduan kantor lain uji")
        return secret

    def expected(self, company):
        """{(year, kind, key): figures} computed from the ORM, as the page should show them."""
        counts = defaultdict(lambda: {"received": 0, "completed": 0, "within": 0, "days": []})
        complaints = self.Complaint.sudo().with_context(active_test=False).search([("company_id", "=", company.id)])
        for complaint in complaints:
            for moment, what in ((complaint.date_received, "received"), (complaint.resolved_date, "completed")):
                if not moment:
                    continue
                local = utc.localize(moment).astimezone(self.tz)
                if local.year not in (self.year - 1, self.year):
                    continue
                category = complaint.category_id.id or "none"
                for kind, key in (("month", local.month), ("year", "total"), ("channel", complaint.channel_id.id),
                                  ("category", category)):
                    figures = counts[local.year, kind, key]
                    figures[what] += 1
                    if what == "completed":
                        figures["within"] += complaint.resolved_within_standard
                        figures["days"].append(complaint.resolution_working_days)
        result = {}
        for key, figures in counts.items():
            completed = figures["completed"]
            result[key] = {
                "received": figures["received"], "completed": completed,
                # to a tenth, half up (float_round: as people round)
                "within_pct": float_round(100.0 * figures["within"] / completed, 1) if completed else None,
                "median_days": float_round(statistics.median(figures["days"]), 1) if completed else None,
            }
        return result



@tagged("post_install", "-at_install")
class TestStatisticsPage(StatisticsData, PengaduanCase, HttpCase):
    """/pengaduan/statistik as an anonymous visitor, figures computed here from the ORM."""

    # -- the page ---------------------------------------------------------------------------
    def page(self, url="/pengaduan/statistik", host=None):
        headers = {"Host": f"{host}:{self.http_port()}"} if host else None
        response = self.url_open(url, headers=headers)
        self.assertEqual(response.status_code, 200)
        return response.text

    def parse(self, text):
        """{(year, kind, key): figures} as shown, the numbers read in the page's language."""
        document = lxml_html.fromstring(text)
        lang_code = document.get("lang", "en-US").replace("-", "_")
        lang = self.env["res.lang"]._lang_get(lang_code)
        thousands, decimal = lang.thousands_sep or "", lang.decimal_point or "."

        def number(cell, kind):
            value = " ".join(cell.text_content().split()).replace("%", "").strip()
            if value == DASH:
                return None
            value = value.replace(thousands, "") if thousands else value
            return int(value) if kind is int else float(value.replace(decimal, "."))

        def figures(row):
            cells = {name: row.xpath(f".//*[contains(@class, 'o_stat_{name}')]")[0]
                     for name in ("received", "completed", "within", "median")}
            return {"received": number(cells["received"], int), "completed": number(cells["completed"], int),
                    "within_pct": number(cells["within"], float), "median_days": number(cells["median"], float)}

        shown = {}
        for section in document.xpath("//section[contains(@class, 'o_pengaduan_stat_year')]"):
            year = int(section.get("data-year"))
            summary = section.xpath(".//*[contains(@class, 'o_pengaduan_stat_summary')]")[0]
            shown[year, "year", "total"] = figures(summary)
            total_row = section.xpath(".//table[contains(@class, 'o_pengaduan_stat_months')]/tfoot/tr")
            if total_row:
                self.assertEqual(figures(total_row[0]), shown[year, "year", "total"], "the total row and the summary")
            for kind, table in (("month", "o_pengaduan_stat_months"), ("channel", "o_pengaduan_stat_channels"),
                                ("category", "o_pengaduan_stat_categories")):
                for row in section.xpath(f".//table[contains(@class, '{table}')]/tbody/tr"):
                    key = row.get("data-key")
                    shown[year, kind, int(key) if key.isdigit() else key] = figures(row)
        return shown

    def assert_figures(self, text, company):
        shown = self.parse(text)
        expected = self.expected(company)
        zero = {"received": 0, "completed": 0, "within_pct": None, "median_days": None}
        self.assertEqual({year for year, _kind, _key in shown}, {self.year, self.year - 1})
        for key, figures in shown.items():
            with self.subTest(figures=key):
                self.assertEqual(figures, expected.get(key, zero))
        for key, figures in expected.items():
            if key[1] != "month" or key[0] < self.year or key[2] <= self.office._pengaduan_local_date().month:
                self.assertIn(key, shown, f"{key}: {figures} not on the page")
        return shown

    def test_figures_equal_the_database(self):
        self.populate()
        text = self.page()
        shown = self.assert_figures(text, self.office)
        last = self.year - 1
        # what the data above makes, whatever the demo data adds: checked against the ORM already;
        # a few spot checks of the test's own expectations
        self.assertGreaterEqual(shown[last, "month", 3]["received"], 5)
        self.assertEqual(shown[last, "channel", self.channel_quick.id]["completed"],
                         self.expected(self.office)[last, "channel", self.channel_quick.id]["completed"])
        self.assertIn((last, "category", "none"), shown, "complaints without a category have their row")
        # every month of last year is listed, the empty ones with 0 and dashes
        months = [key for key in shown if key[:2] == (last, "month")]
        self.assertEqual(len(months), 12)
        empty = [shown[key] for key in months if not shown[key]["received"] and not shown[key]["completed"]]
        self.assertTrue(empty, "a month without complaints")
        for figures in empty:
            self.assertEqual(figures, {"received": 0, "completed": 0, "within_pct": None, "median_days": None})

    def test_no_personal_data_and_no_other_office(self):
        complaint = self.populate()
        text = self.page()
        for secret in (SECRET_NAME, "Sutrisno", SECRET_EMAIL, "sutrisno.rahasia", SECRET_PHONE, "98765432",
                       SECRET_NIK, "3174********0123", complaint.number, "Pengaduan subjek rahasia uji",
                       "Warga Uji Statistik", "warga.statistik@warga.example"):
            self.assertNotIn(secret, text)
        # the other office's complaint, category and name are on its own site only
        for foreign in ("Warga Kantor Lain", "Pengaduan kantor lain uji", self.other_category.name, self.other.name):
            self.assertNotIn(foreign, text)
        other_text = self.page(host="statistik-lain.localhost")
        self.assertIn(self.other.name, other_text)
        shown = self.assert_figures(other_text, self.other)
        self.assertEqual(shown[self.year - 1, "year", "total"]["received"], 1)
        self.assertEqual(shown[self.year - 1, "category", self.other_category.id]["completed"], 1)
        self.assertNotIn("Warga Kantor Lain", other_text)

    def test_an_office_without_complaints_shows_zeros_and_dashes(self):
        text = self.page(host="statistik-lain.localhost")
        shown = self.parse(text)
        zero = {"received": 0, "completed": 0, "within_pct": None, "median_days": None}
        self.assertTrue(shown)
        self.assertEqual(set(map(str, shown.values())), {str(zero)})

    def test_cached_for_a_while(self):
        text = self.page()
        before = self.parse(text)[self.year - 1, "year", "total"]["received"]
        self.make(self.local(self.year - 1, 5, 5, 9))
        cached = self.parse(self.page())[self.year - 1, "year", "total"]["received"]
        self.assertEqual(cached, before, "the figures are cached")
        clear_statistics_cache()
        self.assertEqual(self.parse(self.page())[self.year - 1, "year", "total"]["received"], before + 1)
        self.env["ir.config_parameter"].sudo().set_param("pengaduan.statistics_cache_seconds", "0")
        self.make(self.local(self.year - 1, 5, 6, 9))
        self.assertEqual(self.parse(self.page())[self.year - 1, "year", "total"]["received"], before + 2,
                         "no cache when its time is 0")

    def test_in_indonesian_and_linked_from_the_public_pages(self):
        lang = self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["pengaduan"], ["id_ID"], overwrite=True)
        self.website.language_ids |= lang
        self.opener.cookies.set("frontend_lang", "id_ID")
        url = "/pengaduan/statistik" if self.website.default_lang_id == lang else "/id/pengaduan/statistik"
        text = self.page(url)
        self.assertIn('<html lang="id-ID"', text)
        for term in ("Statistik Pengaduan", "Per bulan", "Menurut saluran", "Menurut kategori", "Diterima",
                     "Diselesaikan", "Sesuai standar", "Median hari kerja", "Saluran dan standar pelayanan",
                     "Jumlah", "hari kerja"):
            self.assertIn(term, text)
        self.assertIn("Januari", text)
        # (the og:title meta tag names the template, as on every page of the site)
        for english in ("<h1>Complaint Statistics</h1>", "Per month", "Within standard", "Median working days"):
            self.assertNotIn(english, text)
        self.assert_figures(text, self.office)
        home = self.page(url.replace("/statistik", "/beranda"))
        self.assertRegex(home, r'o_pengaduan_home_statistics.*\n.*href="(/id)?/pengaduan/statistik"')
        self.assertRegex(self.page(url.replace("/statistik", "/lacak")), r'href="(/id)?/pengaduan/statistik"',
                         "the footer links the statistics")
