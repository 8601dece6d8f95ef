"""Scheduled SLA check: at risk, overdue, escalation once per level."""
from datetime import datetime

from odoo.tests import tagged

from .common import PengaduanCase, wib

SENTINEL = datetime(2000, 1, 1)


@tagged("post_install", "-at_install")
class TestCron(PengaduanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # complaints that exist already (demo data) are escalated before the tests start,
        # so that the counts below only see the complaints of each test
        existing = cls.env["pengaduan.complaint"].search([])
        existing.sudo()._transition({"escalation_level": 2})

    def run_cron(self, when):
        with self.at(when):
            self.Complaint._cron_check_sla()
        self.env.flush_all()

    def notes(self, complaint, text):
        return complaint.message_ids.filtered(lambda m: text in (m.body or "") and m.message_type == "notification")

    def activities(self, complaint, summary):
        return complaint.activity_ids.filtered(lambda a: a.summary == summary)

    def mails_to(self, user, what):
        return self.env["mail.mail"].sudo().search([
            ("recipient_ids", "in", user.partner_id.ids), ("subject", "like", what),
        ])

    def state_of_the_world(self, complaints):
        """Everything an escalation writes or creates."""
        complaints.invalidate_recordset()
        self.env.cr.execute("SELECT id, write_date FROM pengaduan_complaint WHERE id IN %s ORDER BY id",
                            [tuple(complaints.ids)])
        return {
            "write_dates": self.env.cr.fetchall(),
            "values": complaints.read(["escalation_level", "sla_state"]),
            "messages": self.env["mail.message"].search_count([("model", "=", "pengaduan.complaint"),
                                                               ("res_id", "in", complaints.ids)]),
            "activities": self.env["mail.activity"].search_count([("res_model", "=", "pengaduan.complaint"),
                                                                  ("res_id", "in", complaints.ids)]),
            "mails": self.env["mail.mail"].sudo().search_count([]),
        }

    def assert_second_run_is_a_cheap_no_op(self, complaints, when):
        # any ORM write would set write_date to the transaction's time again
        self.env.cr.execute("UPDATE pengaduan_complaint SET write_date = %s WHERE id IN %s",
                            [SENTINEL, tuple(complaints.ids)])
        before = self.state_of_the_world(complaints)
        self.env.flush_all()
        queries = self.cr.sql_log_count
        with self.at(when):
            self.Complaint._cron_check_sla()
        self.env.flush_all()
        queries = self.cr.sql_log_count - queries
        self.assertLessEqual(queries, 3, "a run with nothing to do costs a couple of index scans")
        self.assertEqual(self.state_of_the_world(complaints), before, "the second run changes nothing")

    def test_at_risk_then_overdue_once_each(self):
        # received Monday 08:00 WIB, 2 working hours: due 10:00, at risk from 09:30 (a quarter left)
        complaint = self.receive(wib(2026, 11, 23, 8), category_id=self.cat_hours.id)
        with self.at(wib(2026, 11, 23, 8, 10)):
            complaint.with_user(self.officer).action_verify()
            complaint.with_user(self.staff_a).action_start()
        self.assertEqual(complaint.sla_deadline, wib(2026, 11, 23, 10))
        self.assertEqual(complaint.sla_risk_date, wib(2026, 11, 23, 9, 30))
        self.assertEqual(complaint.user_id, self.staff_a)

        self.run_cron(wib(2026, 11, 23, 9))
        self.assertEqual(complaint.escalation_level, 0)
        self.assertEqual(complaint.sla_state, "on_track")
        self.assertFalse(self.notes(complaint, "At risk"))

        # at risk: note, activity for the handler, e-mail to the head of department
        self.run_cron(wib(2026, 11, 23, 9, 45))
        self.assertEqual(complaint.escalation_level, 1)
        self.assertEqual(complaint.sla_state, "at_risk")
        self.assertEqual(len(self.notes(complaint, "At risk")), 1)
        activity = self.activities(complaint, "Complaint at risk")
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.staff_a, "the responsible user")
        mail = self.mails_to(self.kabid_a, "at risk")
        self.assertEqual(len(mail), 1, "the head of department is told")
        self.assertIn(complaint.number, str(mail.body_html))
        self.assertFalse(self.mails_to(self.head, "at risk"))
        self.assert_second_run_is_a_cheap_no_op(complaint, wib(2026, 11, 23, 9, 50))

        # overdue: note, activity, e-mail to the head of office
        self.run_cron(wib(2026, 11, 23, 10, 30))
        self.assertEqual(complaint.escalation_level, 2)
        self.assertEqual(complaint.sla_state, "overdue")
        self.assertEqual(len(self.notes(complaint, "Overdue")), 1)
        self.assertEqual(len(self.notes(complaint, "At risk")), 1, "no second at-risk note")
        activity = self.activities(complaint, "Complaint overdue")
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.staff_a)
        mail = self.mails_to(self.head, "overdue")
        self.assertEqual(len(mail), 1, "the head of office (company.pengaduan_head_user_id) is told")
        self.assertIn(complaint.number, str(mail.body_html))
        self.assertEqual(len(self.mails_to(self.kabid_a, "at risk")), 1)
        self.assert_second_run_is_a_cheap_no_op(complaint, wib(2026, 11, 23, 11))
        self.assert_second_run_is_a_cheap_no_op(complaint, wib(2026, 11, 30, 11))

    def test_straight_to_overdue(self):
        complaint = self.receive(wib(2026, 11, 23, 8), category_id=self.cat_hours.id)
        self.run_cron(wib(2026, 11, 23, 11))
        self.assertEqual(complaint.escalation_level, 2)
        self.assertEqual(complaint.sla_state, "overdue")
        self.assertEqual(len(self.notes(complaint, "Overdue")), 1)
        self.assertFalse(self.notes(complaint, "At risk"))
        # nobody handles it yet: the activity goes to the escalation recipient
        self.assertEqual(self.activities(complaint, "Complaint overdue").user_id, self.head)
        self.assert_second_run_is_a_cheap_no_op(complaint, wib(2026, 11, 23, 12))

    def test_first_response_resets_the_level_for_the_resolution_deadline(self):
        # response within 2 working hours (Mon 10:00), resolution within 3 working days (Thu 26 16:00)
        complaint = self.receive(wib(2026, 11, 23, 8), channel_id=self.channel_quick.id,
                                 category_id=self.cat_general.id)
        self.assertEqual(complaint.response_deadline, wib(2026, 11, 23, 10))
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 26, 16))
        self.assertEqual(complaint.sla_deadline, wib(2026, 11, 23, 10))

        self.run_cron(wib(2026, 11, 23, 10, 30))
        self.assertEqual(complaint.escalation_level, 2, "the response is overdue")
        self.assertEqual(len(self.notes(complaint, "Overdue")), 1)

        with self.at(wib(2026, 11, 23, 10, 45)):
            complaint.with_user(self.officer).action_verify()
        self.assertEqual(complaint.escalation_level, 0, "the response deadline is met: a new count starts")
        self.assertEqual(complaint.sla_deadline, wib(2026, 11, 26, 16))
        self.assertEqual(complaint.sla_state, "on_track")
        # a quarter of Mon 08:00 -> Thu 16:00 (80 h) before the deadline
        self.assertEqual(complaint.sla_risk_date, wib(2026, 11, 25, 20))
        self.assert_second_run_is_a_cheap_no_op(complaint, wib(2026, 11, 23, 11))

        self.run_cron(wib(2026, 11, 25, 21))
        self.assertEqual(complaint.escalation_level, 1)
        self.assertEqual(complaint.sla_state, "at_risk")
        self.assertEqual(len(self.notes(complaint, "At risk")), 1)
        self.run_cron(wib(2026, 11, 26, 16, 30))
        self.assertEqual(complaint.escalation_level, 2)
        self.assertEqual(len(self.notes(complaint, "Overdue")), 2, "one per deadline")
        self.assertEqual(len(self.activities(complaint, "Complaint overdue")), 2)

    def test_one_digest_per_recipient(self):
        complaints = self.Complaint
        for minute in (0, 1, 2):
            complaints |= self.receive(wib(2026, 11, 23, 8, minute), category_id=self.cat_hours.id)
        self.run_cron(wib(2026, 11, 23, 11))
        mail = self.mails_to(self.head, "overdue")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, "3 complaint(s) overdue")
        for complaint in complaints:
            self.assertIn(complaint.number, str(mail.body_html))
            self.assertEqual(len(self.notes(complaint, "Overdue")), 1)
            self.assertEqual(len(self.activities(complaint, "Complaint overdue")), 1)
        self.assert_second_run_is_a_cheap_no_op(complaints, wib(2026, 11, 23, 12))

    def test_small_batches_escalate_everything(self):
        complaints = self.Complaint
        for minute in (0, 1, 2):
            complaints |= self.receive(wib(2026, 11, 23, 8, minute), category_id=self.cat_hours.id)
        with self.at(wib(2026, 11, 23, 11)):
            self.Complaint._cron_check_sla(batch_size=2)
        self.assertEqual(complaints.mapped("escalation_level"), [2, 2, 2])

    def test_paused_and_answered_complaints_are_not_escalated(self):
        returned = self.receive(wib(2026, 11, 23, 8), category_id=self.cat_hours.id)
        returned.return_reason = "Kurang KK."
        with self.at(wib(2026, 11, 23, 8, 30)):
            returned.with_user(self.officer).action_return()
        answered = self.receive(wib(2026, 11, 23, 8), category_id=self.cat_hours.id)
        with self.at(wib(2026, 11, 23, 8, 30)):
            answered.with_user(self.officer).action_verify()
            answered.with_user(self.staff_a).action_start()
            answered.answer = "<p>Sudah.</p>"
            answered.with_user(self.staff_a).action_answer()
        self.run_cron(wib(2026, 11, 23, 15))
        for complaint in returned | answered:
            self.assertEqual(complaint.escalation_level, 0)
            self.assertFalse(self.notes(complaint, "Overdue"))
        self.assertEqual(answered.sla_state, "met")
        # once resumed, the clock runs again from the moved deadline
        with self.at(wib(2026, 11, 24, 8)):
            returned.with_user(self.officer).action_resume()
        # 30 min used before the pause, 1 h 30 left from Tuesday 08:00
        self.assertEqual(returned.sla_deadline, wib(2026, 11, 24, 9, 30))
        self.run_cron(wib(2026, 11, 24, 9))
        self.assertEqual(returned.escalation_level, 1)
        self.run_cron(wib(2026, 11, 24, 10))
        self.assertEqual(returned.escalation_level, 2)
