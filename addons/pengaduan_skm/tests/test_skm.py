"""The SKM index (PermenPANRB 14/2017) against a worked data set, and who may do what."""

import math
from datetime import date, datetime
from xmlrpc.client import Fault

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from ..tools import ikm as ikm_tools

ELEMENTS = ikm_tools.ELEMENTS


class SkmCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("pengaduan_skm.survey_skm")
        cls.questions = {q.pengaduan_skm_element: q for q in cls.survey.question_ids if q.pengaduan_skm_element}
        cls.company = cls.env.company
        cls.company.pengaduan_calendar_id = cls.env.ref("pengaduan.resource_calendar_office")
        cls.company_2 = cls.env["res.company"].create({"name": "Dinas Uji SKM Lain"})
        cls.officer = mail_new_test_user(
            cls.env, login="skm_officer", name="Petugas SKM", company_id=cls.company.id,
            groups="base.group_user,pengaduan.group_officer")
        cls.manager = mail_new_test_user(
            cls.env, login="skm_manager", name="Kepala Bidang SKM", company_id=cls.company.id,
            groups="base.group_user,pengaduan.group_manager")
        cls.Period = cls.env["pengaduan.skm.period"]

    @classmethod
    def respond(cls, scores, end, state="done", test_entry=False, skipped=()):
        """A response: ``scores`` {element: 1..4} (the others unanswered), completed at ``end`` (UTC)."""
        user_input = cls.env["survey.user_input"].create({
            "survey_id": cls.survey.id, "state": state, "test_entry": test_entry,
            "start_datetime": end, "end_datetime": end if state == "done" else False,
        })
        lines = []
        for element, score in scores.items():
            question = cls.questions[element]
            answer = question.suggested_answer_ids.filtered(lambda a, s=score: a.answer_score == s)
            lines.append({"user_input_id": user_input.id, "question_id": question.id,
                          "answer_type": "suggestion", "suggested_answer_id": answer.id})
        for element in skipped:
            lines.append({"user_input_id": user_input.id, "question_id": cls.questions[element].id,
                          "skipped": True})
        cls.env["survey.user_input.line"].create(lines)
        return user_input

    @staticmethod
    def same(score, u9=None):
        scores = dict.fromkeys(ELEMENTS[:8], score)
        if u9:
            scores["u9"] = u9
        return scores


@tagged("post_install", "-at_install")
class TestSkmIndex(SkmCase):
    """March 2025 at an office in Western Indonesia (UTC+7), six responses that count:

    ======  =============  ==========================================
    resp.   U1..U8 / U9    completed (local time)
    ======  =============  ==========================================
    R1      4 / 4          1 March 00:30 (28 February in UTC)
    R2      4 / 4          10 March
    R3      3 / 3          15 March
    R4      3 / 1          20 March
    R5      2 / 1          31 March 23:30
    R6      4 / skipped    25 March
    ======  =============  ==========================================

    U1..U8: 20 / 6 = 3.3333 (B); U9: 13 / 5 = 2.60 (C: its lowest bound); IKM = 25 x 29.2667 / 9 =
    81.30 (B; the rounded weight 0.111 would give 81.21). Not counted: one in progress, one
    test entry, one completed on 1 April 00:30 local (still 31 March in UTC), one on 28 February
    23:30 local."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        respond = cls.respond
        respond(cls.same(4, 4), datetime(2025, 2, 28, 17, 30))
        respond(cls.same(4, 4), datetime(2025, 3, 10, 3, 0))
        respond(cls.same(3, 3), datetime(2025, 3, 15, 3, 0))
        respond(cls.same(3, 1), datetime(2025, 3, 20, 3, 0))
        respond(cls.same(2, 1), datetime(2025, 3, 31, 16, 30))
        respond(cls.same(4), datetime(2025, 3, 25, 3, 0), skipped=["u9"])
        respond(cls.same(1, 1), datetime(2025, 3, 12, 3, 0), state="in_progress")
        respond(cls.same(1, 1), datetime(2025, 3, 12, 3, 0), test_entry=True)
        respond(cls.same(1, 1), datetime(2025, 3, 31, 17, 30))
        respond(cls.same(1, 1), datetime(2025, 2, 28, 16, 30))
        cls.period = cls.Period.create({
            "name": "SKM Maret 2025", "company_id": cls.company.id, "survey_id": cls.survey.id,
            "date_from": date(2025, 3, 1), "date_to": date(2025, 3, 31), "population": 100,
        })

    def test_worked_data_set(self):
        self.period.with_user(self.officer).action_compute()
        period = self.period
        self.assertEqual(period.respondent_count, 6)
        self.assertTrue(period.has_data)
        results = {r.element: r for r in period.element_ids}
        self.assertEqual(sorted(results), list(ELEMENTS))
        for element in ELEMENTS[:8]:
            self.assertEqual(results[element].respondent_count, 6)
            self.assertEqual(results[element].score_sum, 20)
            self.assertAlmostEqual(results[element].nrr, 3.3333, places=4)
            self.assertAlmostEqual(results[element].ikm_value, 83.33, places=2)
            self.assertEqual(results[element].grade, "B")
            self.assertFalse(results[element].is_lowest)
        u9 = results["u9"]
        self.assertEqual((u9.respondent_count, u9.score_sum), (5, 13))
        self.assertAlmostEqual(u9.nrr, 2.60, places=4)
        self.assertAlmostEqual(u9.ikm_value, 65.00, places=2)
        self.assertEqual(u9.grade, "C", "2.60 is the lowest NRR of grade C")
        self.assertTrue(u9.is_lowest)
        self.assertEqual(period._lowest_elements(), u9)
        self.assertAlmostEqual(period.ikm, 81.30, places=2)
        self.assertEqual(period.grade, "B")
        # the exact weight: the regulation's rounded 0.111 would give another index
        self.assertNotAlmostEqual(round(sum(r.nrr for r in period.element_ids) * 0.111 * 25, 2), 81.30, places=2)

    def test_recomputing_replaces_the_figures(self):
        self.period.action_compute()
        first = self.period.element_ids
        self.respond(self.same(4, 4), datetime(2025, 3, 5, 3, 0))
        self.period.action_compute()
        self.assertFalse(first.exists())
        self.assertEqual(len(self.period.element_ids), 9)
        self.assertEqual(self.period.respondent_count, 7)
        self.assertAlmostEqual(self.period.element_ids.filtered(lambda r: r.element == "u1").nrr, 24 / 7, places=4)

    def test_grade_boundaries(self):
        for value, grade in ((100, "A"), (88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"),
                             (65.00, "C"), (64.99, "D"), (25.00, "D")):
            self.assertEqual(ikm_tools.ikm_grade(value), grade, value)
        for value, grade in ((4.0, "A"), (3.5324, "A"), (3.532, "B"), (3.0644, "B"), (3.064, "C"),
                             (2.60, "C"), (2.5996, "D"), (1.0, "D")):
            self.assertEqual(ikm_tools.nrr_grade(value), grade, value)
        self.assertFalse(ikm_tools.ikm_grade(None))
        self.assertIsNone(ikm_tools.ikm(dict.fromkeys(ELEMENTS[:8], 3.0)), "an element without answers: no index")

    def test_minimum_sample(self):
        # the table is Krejcie & Morgan's formula (chi-square 3.841, P 0.5, error 0.05), rounded
        for population, sample in ikm_tools.KREJCIE_MORGAN:
            formula = 3.841 * population * 0.25 / (0.0025 * (population - 1) + 3.841 * 0.25)
            self.assertEqual(sample, round(formula), population)
        for population, sample in ((0, 0), (7, 7), (10, 10), (100, 80), (101, 86), (1000, 278),
                                   (2_000_000, 384)):
            self.assertEqual(ikm_tools.minimum_sample(population), sample, population)
        self.period.action_compute()
        self.assertEqual(self.period.minimum_sample, 80)
        self.assertTrue(self.period.sample_below_minimum)
        self.period.population = 6
        self.assertEqual(self.period.minimum_sample, 6)
        self.assertFalse(self.period.sample_below_minimum)

    def test_a_period_without_responses_has_not_enough_data(self):
        empty = self.Period.create({"name": "SKM kosong", "survey_id": self.survey.id,
                                    "date_from": date(2024, 1, 1), "date_to": date(2024, 1, 31)})
        empty.action_compute()
        self.assertFalse(empty.has_data)
        self.assertFalse(empty.grade)
        self.assertEqual(empty.respondent_count, 0)
        self.assertEqual(len(empty.element_ids), 9)
        self.assertFalse(any(empty.element_ids.mapped("grade")))
        with self.assertRaisesRegex(UserError, "Not enough data"):
            empty.with_user(self.manager).action_publish()
        self.assertFalse(empty.is_published)

    def test_the_figures_are_computed_in_grouped_reads(self):
        self.period.action_compute()
        # the breakdown's rows too: one DELETE and one INSERT ... SELECT
        with self.assertQueryCount(__system__=14):
            self.period.invalidate_recordset()
            self.period.action_compute()


@tagged("post_install", "-at_install")
class TestSkmRules(SkmCase):

    def test_an_element_mapped_twice_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "measured twice"):
            self.questions["u2"].pengaduan_skm_element = "u1"

    def test_a_choice_scored_outside_one_to_four_is_refused(self):
        for score in (0, 5, 2.5):
            with self.subTest(score=score), self.assertRaisesRegex(ValidationError, "score 1, 2, 3 or 4"):
                self.questions["u3"].suggested_answer_ids[:1].answer_score = score
        # unscored questions (the respondent profile) may score what they like
        self.env.ref("pengaduan_skm.survey_skm_profile_sex_1").answer_score = 0

    def test_an_element_is_a_single_choice(self):
        question = self.env.ref("pengaduan_skm.survey_skm_profile_age")
        with self.assertRaisesRegex(ValidationError, "single choice"):
            question.pengaduan_skm_element = "u5"

    def test_the_standard_questionnaire(self):
        self.assertEqual(sorted(self.questions), list(ELEMENTS))
        for question in self.questions.values():
            self.assertEqual(question.question_type, "simple_choice")
            self.assertTrue(question.constr_mandatory)
            self.assertEqual(sorted(question.suggested_answer_ids.mapped("answer_score")), [1, 2, 3, 4])
        profile = set(self.survey.question_ids.mapped("pengaduan_skm_profile")) - {False}
        self.assertEqual(profile, {"sex", "age", "education", "occupation", "service"})
        self.assertEqual(self.survey.access_mode, "public")
        self.assertFalse(self.survey.users_login_required)
        self.assertTrue(self.survey.question_ids.filtered(lambda q: q.question_type == "text_box"))

    def test_only_managers_publish_and_published_figures_are_frozen(self):
        period = self.Period.create({"name": "SKM Uji", "survey_id": self.survey.id,
                                     "date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31)})
        with self.assertRaises(AccessError):
            period.with_user(self.officer).action_publish()
        with self.assertRaises(AccessError):
            period.with_user(self.officer).write({"is_published": True})
        period.with_user(self.manager).action_publish()
        self.assertTrue(period.is_published)
        with self.assertRaisesRegex(UserError, "frozen"):
            period.with_user(self.officer).action_compute()
        with self.assertRaisesRegex(UserError, "cannot change"):
            period.with_user(self.manager).date_to = date(2026, 6, 30)
        with self.assertRaises(AccessError):
            period.with_user(self.officer).action_unpublish()
        period.with_user(self.manager).action_unpublish()
        self.assertFalse(period.is_published)

    def test_each_office_sees_its_own_periods(self):
        own = self.Period.create({"name": "SKM kantor ini", "survey_id": self.survey.id,
                                  "date_from": date(2024, 1, 1), "date_to": date(2024, 12, 31)})
        other = self.Period.create({"name": "SKM kantor lain", "company_id": self.company_2.id,
                                    "survey_id": self.survey.id,
                                    "date_from": date(2024, 1, 1), "date_to": date(2024, 12, 31)})
        (own | other).action_compute()
        periods = self.Period.with_user(self.officer).search([])
        self.assertIn(own, periods)
        self.assertNotIn(other, periods)
        results = self.env["pengaduan.skm.element.result"].with_user(self.officer).search([])
        self.assertIn(own.element_ids[0], results)
        self.assertFalse(results & other.element_ids)
        with self.assertRaises(AccessError):
            other.with_user(self.officer).action_compute()

    @mute_logger("odoo.sql_db")
    def test_dates_in_order(self):
        with self.assertRaises(IntegrityError):
            self.Period.create({"name": "SKM terbalik", "survey_id": self.survey.id,
                                "date_from": date(2024, 2, 1), "date_to": date(2024, 1, 1)})


@tagged("post_install", "-at_install")
class TestSkmRpc(HttpCase):
    """An officer over XML-RPC and JSON-RPC, as any client can call: no publishing."""

    def test_an_officer_cannot_publish_over_rpc(self):
        officer = mail_new_test_user(self.env, login="skm_rpc_officer", name="Petugas RPC",
                                     groups="base.group_user,pengaduan.group_officer")
        period = self.env["pengaduan.skm.period"].create({
            "name": "SKM RPC", "survey_id": self.env.ref("pengaduan_skm.survey_skm").id,
            "date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31)})
        db = self.env.cr.dbname
        for method, args in (("write", [[period.id], {"is_published": True}]),
                             ("action_publish", [[period.id]])):
            with self.subTest(method=method), mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc"), \
                    self.assertRaises(Fault):
                self.xmlrpc_object.execute_kw(db, officer.id, "skm_rpc_officer", "pengaduan.skm.period",
                                              method, args)
        self.authenticate("skm_rpc_officer", "skm_rpc_officer")
        with mute_logger("odoo.http"), self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.make_jsonrpc_request("/web/dataset/call_kw/pengaduan.skm.period/write", {
                "model": "pengaduan.skm.period", "method": "write",
                "args": [[period.id], {"is_published": True}], "kwargs": {}})
        period.invalidate_recordset()
        self.assertFalse(period.is_published)
        self.assertTrue(math.isclose(period.ikm, 0.0))


@tagged("post_install", "-at_install")
class TestSkmPublicPage(HttpCase):
    """/skm as an anonymous visitor: the published figures as in the database, nothing personal."""

    def test_published_index_without_personal_data(self):
        survey = self.env.ref("pengaduan_skm.survey_skm")
        partner = self.env["res.partner"].create({
            "name": "Responden Rahasia Sekali", "email": "responden.rahasia@example.com", "phone": "+62 811 555 0199"})
        self.env["survey.user_input"].create({
            "survey_id": survey.id, "state": "done", "partner_id": partner.id, "email": partner.email,
            "end_datetime": datetime(2025, 6, 2, 3, 0)})
        Period = self.env["pengaduan.skm.period"]
        published = Period.create({"name": "SKM Terbit Uji", "survey_id": survey.id, "population": 50,
                                   "date_from": date(2025, 6, 1), "date_to": date(2025, 6, 30)})
        questions = survey.question_ids.filtered("pengaduan_skm_element")
        response = self.env["survey.user_input"].search([("partner_id", "=", partner.id)])
        self.env["survey.user_input.line"].create([{
            "user_input_id": response.id, "question_id": question.id, "answer_type": "suggestion",
            "suggested_answer_id": question.suggested_answer_ids.filtered(lambda a: a.answer_score == 3).id,
        } for question in questions])
        published.action_publish()
        hidden = Period.create({"name": "SKM Belum Terbit Uji", "survey_id": survey.id,
                                "date_from": date(2025, 6, 1), "date_to": date(2025, 6, 30)})
        hidden.action_compute()

        page = self.url_open("/skm")
        self.assertEqual(page.status_code, 200)
        html = page.text
        self.assertIn("SKM Terbit Uji", html)
        self.assertNotIn("SKM Belum Terbit Uji", html)
        self.assertEqual(published.ikm, 75.0)
        self.assertIn(">75.00<", html.replace(" ", "").replace("\n", ""))
        self.assertIn(">3.0000<", html.replace(" ", "").replace("\n", ""))
        self.assertIn("width: 75.0%", html)
        for secret in ("Responden Rahasia", "responden.rahasia", "555 0199", "5550199"):
            self.assertNotIn(secret, html)


@tagged("post_install", "-at_install")
class TestSkmDashboard(SkmCase):
    """The head of office's dashboard shows the office's latest index, or that there is none."""

    def test_latest_period_with_data(self):
        Period = self.Period.with_user(self.manager)
        Period.search([("company_id", "=", self.company.id)]).sudo().write({"is_published": False})
        self.env["pengaduan.skm.period"].search([("company_id", "=", self.company.id)]).sudo().unlink()
        empty = self.env["pengaduan.dashboard"].create({})
        self.assertFalse(empty.skm_period_id, "not enough data: no index shown")
        for score in (4, 3):
            # years without any other response (demo data)
            self.respond(self.same(score, u9=score), datetime(2041 + (score == 3), 3, 2, 3, 0))
        older = Period.create({"name": "SKM 2041", "survey_id": self.survey.id,
                               "date_from": date(2041, 1, 1), "date_to": date(2041, 12, 31)})
        newer = Period.create({"name": "SKM 2042", "survey_id": self.survey.id,
                               "date_from": date(2042, 1, 1), "date_to": date(2042, 12, 31)})
        Period.create({"name": "SKM 2043 (belum ada jawaban)", "survey_id": self.survey.id,
                       "date_from": date(2043, 1, 1), "date_to": date(2043, 12, 31)}).action_compute()
        (older | newer).action_compute()
        other = self.Period.create({"name": "SKM lain", "survey_id": self.survey.id, "company_id": self.company_2.id,
                                    "date_from": date(2042, 1, 1), "date_to": date(2043, 12, 31)})
        other.action_compute()
        self.assertTrue(other.has_data, "a later period of another office, with data")
        dashboard = self.env["pengaduan.dashboard"].create({})
        self.assertEqual(dashboard.skm_period_id, newer)
        self.assertAlmostEqual(dashboard.skm_ikm, newer.ikm)
        self.assertEqual(dashboard.skm_ikm, 75.0)
        self.assertEqual(dashboard.skm_grade, "C")
