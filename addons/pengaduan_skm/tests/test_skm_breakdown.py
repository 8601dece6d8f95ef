"""The breakdown (pengaduan.skm.response.line) against the worked data set: its figures are the
period's, its profile counts those of the responses, and each office sees its own rows, as a real
user over RPC too."""

from collections import Counter
from datetime import date, datetime
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from ..tools import ikm as ikm_tools
from .common import SkmWorkedSetCase
from .test_skm import SkmCase

ELEMENTS = ikm_tools.ELEMENTS
PROFILE_COLUMNS = {"sex": "sex_id", "education": "education_id", "occupation": "occupation_id",
                   "service": "service_id"}


@tagged("post_install", "-at_install")
class TestSkmBreakdown(SkmWorkedSetCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period.action_compute()
        cls.Line = cls.env["pengaduan.skm.response.line"]
        cls.domain = [("period_id", "=", cls.period.id)]

    def test_the_average_score_of_an_element_is_the_period_nrr(self):
        lines = self.Line.with_user(self.officer)
        groups = lines._read_group(self.domain, ["element"],
                                   ["score:avg", "interval_value:avg", "user_input_id:count_distinct"])
        by_element = {element: (nrr, interval, respondents) for element, nrr, interval, respondents in groups}
        self.assertEqual(sorted(by_element), list(ELEMENTS), "every element, and no row without one")
        for result in self.period.element_ids:
            nrr, interval, respondents = by_element[result.element]
            self.assertAlmostEqual(round(nrr, 4), result.nrr, places=4, msg=result.element)
            self.assertAlmostEqual(round(interval, 2), result.ikm_value, places=2, msg=result.element)
            self.assertEqual(respondents, result.respondent_count, result.element)
        self.assertAlmostEqual(by_element["u9"][0], 2.60, places=4)
        self.assertEqual(by_element["u9"][2], 5, "the response that skipped U9 is not in its average")
        # the index from the breakdown's NRRs is the period's
        self.assertAlmostEqual(ikm_tools.ikm({e: round(v[0], 4) for e, v in by_element.items()}), self.period.ikm)
        [(respondents,)] = lines._read_group(self.domain, [], ["user_input_id:count_distinct"])
        self.assertEqual(respondents, self.period.respondent_count)
        self.assertEqual(self.Line.search(self.domain).user_input_id,
                         self.env["survey.user_input"].union(*self.responses.values()))

    def test_profile_counted_independently(self):
        """The respondents per choice of each profile question, counted here from the answer lines of
        the responses that count, and against the table of the data set."""
        answers = self.env["survey.user_input.line"].search([
            ("user_input_id", "in", [r.id for r in self.responses.values()]),
            ("question_id.pengaduan_skm_profile", "in", list(PROFILE_COLUMNS)),
        ])
        for profile, column in PROFILE_COLUMNS.items():
            expected = Counter(line.suggested_answer_id for line in answers
                               if line.question_id.pengaduan_skm_profile == profile)
            missing = len(self.responses) - sum(expected.values())
            groups = dict(self.Line._read_group(self.domain, [column], ["user_input_id:count_distinct"]))
            got = {choice: count for choice, count in groups.items() if choice}
            self.assertEqual(got, dict(expected), profile)
            self.assertEqual(sum(count for choice, count in groups.items() if not choice), missing, profile)
        # the table of the data set
        counts = dict(self.Line._read_group(self.domain, ["service_id"], ["user_input_id:count_distinct"]))
        self.assertEqual(counts[self.choice("service_2")], 3)
        self.assertEqual(counts[self.choice("service_1")], 1)
        self.assertEqual(counts[self.Line.service_id], 1, "R6 did not say which service")
        sexes = dict(self.Line._read_group(self.domain, ["sex_id"], ["user_input_id:count_distinct"]))
        self.assertEqual(sexes, {self.choice("sex_1"): 3, self.choice("sex_2"): 3})
        ages = dict(self.Line._read_group(self.domain, ["age_group"], ["user_input_id:count_distinct"]))
        self.assertEqual(ages, {"lt20": 1, "20_29": 2, "30_39": 1, "40_49": 1, "ge60": 1})

    def test_nrr_per_service(self):
        groups = self.Line._read_group([*self.domain, ("service_id", "=", self.choice("service_2").id)],
                                       ["element"], ["score:avg", "user_input_id:count_distinct"])
        by_element = {element: (round(nrr, 4), respondents) for element, nrr, respondents in groups}
        self.assertEqual(by_element["u1"], (3.0, 3))
        self.assertEqual(by_element["u9"], (2.6667, 3))

    def test_the_month_is_the_office_month(self):
        """R1 was completed on 1 March at 00:30 in the office (28 February in UTC): all six in March."""
        months = self.Line._read_group(self.domain, ["date:month"], ["user_input_id:count_distinct"])
        self.assertEqual(months, [(date(2025, 3, 1), 6)])
        self.assertEqual(self.Line.search([*self.domain, ("user_input_id", "=", self.responses["R1"].id)],
                                          limit=1).date, date(2025, 3, 1))

    def test_a_response_counts_in_each_period_it_falls_in(self):
        quarter = self.Period.create({"name": "SKM Triwulan I 2025", "survey_id": self.survey.id,
                                      "date_from": date(2025, 1, 1), "date_to": date(2025, 3, 31)})
        quarter.action_compute()
        lines = self.Line.search([("period_id", "in", (self.period | quarter).ids)])
        self.assertEqual(len(lines), len(set(lines.ids)), "one id per row")
        per_period = dict(self.Line._read_group([("period_id", "in", (self.period | quarter).ids)],
                                                ["period_id"], ["user_input_id:count_distinct"]))
        # the quarter also counts the response of 28 February local
        self.assertEqual(per_period, {self.period: 6, quarter: 7})

    def test_the_breakdown_is_frozen_with_the_figures(self):
        """The rows are the responses of the last computation, as the figures are."""
        self.respond(self.same(1, 1), datetime(2025, 3, 5, 3, 0))
        [(respondents,)] = self.Line._read_group(self.domain, [], ["user_input_id:count_distinct"])
        self.assertEqual(respondents, 6, "not counted until the period is computed again")
        self.period.action_compute()
        nrr = dict(self.Line._read_group(self.domain, ["element"], ["score:avg"]))
        self.assertEqual(self.period.respondent_count, 7)
        self.assertAlmostEqual(nrr["u1"], 21 / 7, places=4)
        self.assertAlmostEqual(nrr["u1"], self.period.element_ids.filtered(lambda r: r.element == "u1").nrr, places=4)

    def test_a_response_without_element_keeps_its_respondent(self):
        response = self.respond({}, self.responses["R2"].end_datetime, skipped=list(ELEMENTS))
        self.answer_profile(response, {"sex": "sex_1", "age": 70})
        self.period.action_compute()
        [(respondents,)] = self.Line._read_group(self.domain, [], ["user_input_id:count_distinct"])
        self.assertEqual((respondents, self.period.respondent_count), (7, 7))
        element_less = self.Line.search([*self.domain, ("element", "=", False)])
        self.assertEqual((element_less.user_input_id, element_less.age_group), (response, "ge60"))
        nrr = dict(self.Line._read_group(self.domain, ["element"], ["score:avg"]))
        self.assertAlmostEqual(nrr["u9"], 2.60, places=4, msg="the NRR is unchanged")

    def test_each_office_sees_its_own_rows(self):
        other = self.Period.create({"name": "SKM kantor lain", "company_id": self.company_2.id,
                                    "survey_id": self.survey.id,
                                    "date_from": date(2025, 3, 1), "date_to": date(2025, 3, 31)})
        other.action_compute()
        lines = self.Line.with_user(self.officer).search([("period_id", "in", (self.period | other).ids)])
        self.assertEqual(lines.period_id, self.period)
        self.assertTrue(self.Line.search([("period_id", "=", other.id)]), "the other office has rows")
        with self.assertRaises(AccessError):
            self.Line.search([("period_id", "=", other.id)], limit=1).with_user(self.officer).read(["score"])

    def test_the_period_highlights_its_lowest_elements(self):
        self.assertEqual(self.period.improvement_element_ids.mapped("element"), ["u9"])
        self.period.element_ids.filtered(lambda r: r.element == "u3").grade = "C"
        self.period.invalidate_recordset(["improvement_element_ids"])
        self.assertEqual(self.period.improvement_element_ids.mapped("element"), ["u9", "u3"], "lowest first")
        action = self.period.action_open_breakdown()
        self.assertEqual(action["res_model"], "pengaduan.skm.response.line")
        self.assertEqual(action["domain"], [("period_id", "=", self.period.id)])


@tagged("post_install", "-at_install")
class TestSkmBreakdownDemo(SkmCase):
    """The demonstration period (100 responses, published, IKM 80.22 B): its breakdown is its figures."""

    def test_demo_breakdown(self):
        period = self.env.ref("pengaduan_skm.demo_skm_period_current")
        self.assertTrue(period.is_published)
        self.assertEqual((period.respondent_count, period.ikm, period.grade), (100, 80.22, "B"))
        Line = self.env["pengaduan.skm.response.line"].with_user(self.officer)
        domain = [("period_id", "=", period.id)]
        nrr = {e: round(v, 4) for e, v in Line._read_group(domain, ["element"], ["score:avg"])}
        self.assertEqual(nrr, {r.element: r.nrr for r in period.element_ids})
        for column in ("sex_id", "age_group", "education_id", "occupation_id", "service_id"):
            groups = Line._read_group(domain, [column], ["user_input_id:count_distinct"])
            self.assertEqual(sum(count for _key, count in groups), 100, column)
            self.assertTrue(all(key for key, _count in groups), f"every demo respondent answered {column}")
        self.assertEqual(period.signatory_id, self.env.ref("pengaduan.employee_kepala"))


@tagged("post_install", "-at_install")
class TestSkmBreakdownRpc(HttpCase):
    """Officers of two offices over XML-RPC and JSON-RPC, as any client calls: each reads the
    breakdown of its own office only."""

    def test_an_officer_sees_only_the_rows_of_the_office(self):
        survey = self.env.ref("pengaduan_skm.survey_skm")
        office_2 = self.env["res.company"].create({"name": "Dinas Uji SKM RPC"})
        officer = mail_new_test_user(self.env, login="skm_rpc_own", name="Petugas Kantor Ini",
                                     groups="base.group_user,pengaduan.group_officer")
        mail_new_test_user(self.env, login="skm_rpc_other", name="Petugas Kantor Lain", company_id=office_2.id,
                           company_ids=[office_2.id], groups="base.group_user,pengaduan.group_officer")
        question = survey.question_ids.filtered(lambda q: q.pengaduan_skm_element == "u1")
        response = self.env["survey.user_input"].create({
            "survey_id": survey.id, "state": "done", "end_datetime": "2025-05-10 03:00:00"})
        self.env["survey.user_input.line"].create({
            "user_input_id": response.id, "question_id": question.id, "answer_type": "suggestion",
            "suggested_answer_id": question.suggested_answer_ids.filtered(lambda a: a.answer_score == 4).id})
        Period = self.env["pengaduan.skm.period"]
        own = Period.create({"name": "SKM Mei kantor ini", "survey_id": survey.id,
                             "date_from": date(2025, 5, 1), "date_to": date(2025, 5, 31)})
        other = Period.create({"name": "SKM Mei kantor lain", "company_id": office_2.id, "survey_id": survey.id,
                               "date_from": date(2025, 5, 1), "date_to": date(2025, 5, 31)})
        (own | other).action_compute()
        Line = self.env["pengaduan.skm.response.line"]
        other_row = Line.search([("period_id", "=", other.id)])
        self.assertEqual(len(other_row), 1, "the same response counts in the other office's period")
        periods = [own.id, other.id]
        db = self.env.cr.dbname

        def call(login, method, args, kwargs=None):
            uid = self.env["res.users"].search([("login", "=", login)]).id
            return self.xmlrpc_object.execute_kw(db, uid, login, "pengaduan.skm.response.line", method, args,
                                                 kwargs or {})

        for login, period in (("skm_rpc_own", own), ("skm_rpc_other", other)):
            with self.subTest(login=login):
                rows = call(login, "search_read", [[("period_id", "in", periods)]], {"fields": ["period_id", "score"]})
                self.assertEqual({row["period_id"][0] for row in rows}, {period.id})
                groups = call(login, "formatted_read_group", [[("period_id", "in", periods)]],
                              {"groupby": ["period_id"], "aggregates": ["score:avg"]})
                self.assertEqual([(g["period_id"][0], g["score:avg"]) for g in groups], [(period.id, 4.0)])
        with mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc"):
            with self.assertRaises(Fault):
                call("skm_rpc_own", "read", [other_row.ids, ["score", "sex_id"]])
            with self.assertRaises(Fault):  # the other office is not one of the officer's
                call("skm_rpc_own", "search_read", [[("period_id", "=", other.id)]],
                     {"fields": ["score"], "context": {"allowed_company_ids": [office_2.id]}})
        self.authenticate("skm_rpc_own", "skm_rpc_own")
        # the pivot's call
        groups = self.make_jsonrpc_request("/web/dataset/call_kw/pengaduan.skm.response.line/formatted_read_group", {
            "model": "pengaduan.skm.response.line", "method": "formatted_read_group",
            "args": [[("period_id", "in", periods)]],
            "kwargs": {"groupby": ["period_id"], "aggregates": ["user_input_id:count_distinct"]}})
        self.assertEqual([(g["period_id"][0], g["user_input_id:count_distinct"]) for g in groups], [(own.id, 1)])
        with mute_logger("odoo.http"), self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.make_jsonrpc_request("/web/dataset/call_kw/pengaduan.skm.response.line/read", {
                "model": "pengaduan.skm.response.line", "method": "read",
                "args": [other_row.ids, ["score"]], "kwargs": {}})
        self.assertEqual(officer.company_id, self.env.company)
