"""Complaint workflow: every transition, its guards, and what it writes."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PengaduanCase, wib

VALID_NIK = "3174051508900001"


@tagged("post_install", "-at_install")
class TestWorkflow(PengaduanCase):

    def setUp(self):
        super().setUp()
        # received Monday 09:00 WIB, 2 working hours: due Monday 11:00 WIB
        self.complaint = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_hours.id)

    @property
    def as_officer(self):
        return self.complaint.with_user(self.officer)

    def _verified(self, when=None):
        with self.at(when or wib(2026, 11, 23, 9, 10)):
            self.as_officer.action_verify()
        return self.complaint

    def _in_progress(self, when=None):
        self._verified()
        with self.at(when or wib(2026, 11, 23, 9, 20)):
            self.complaint.with_user(self.staff_a).action_start()
        return self.complaint

    def _answered(self, when=None):
        self._in_progress()
        self.complaint.with_user(self.staff_a).answer = "<p>KTP-el Anda sudah dapat diambil.</p>"
        with self.at(when or wib(2026, 11, 23, 10)):
            self.complaint.with_user(self.staff_a).action_answer()
        return self.complaint

    # -- numbering -----------------------------------------------------------------
    def test_number_format_unique_increasing(self):
        complaints = self.complaint | self.receive(wib(2026, 11, 23, 9, 5)) | self.receive(wib(2026, 11, 23, 9, 6))
        numbers = complaints.mapped("number")
        for number in numbers:
            self.assertRegex(number, r"^ADU-2026-\d{6}$")
        self.assertEqual(len(set(numbers)), 3, "unique")
        serials = [int(number.rsplit("-", 1)[1]) for number in numbers]
        self.assertEqual(serials, sorted(serials), "increasing in order of registration")
        self.assertEqual(serials[2] - serials[0], 2)
        self.assertEqual(self.complaint.display_name, f"[{self.complaint.number}] Pengaduan uji")
        self.assertEqual(self.Complaint.search([("number", "=", numbers[1])]), complaints[1])

    def test_number_restarts_every_year(self):
        complaint = self.receive(wib(2031, 1, 2, 9))
        self.assertEqual(complaint.number, "ADU-2031-000001")
        self.assertEqual(self.receive(wib(2031, 1, 2, 10)).number, "ADU-2031-000002")

    def test_number_takes_the_office_year(self):
        # 1 January 2032, 00:30 in Dumai is still 31 December 2031 in UTC
        self.assertEqual(self.receive(wib(2032, 1, 1, 0, 30)).number, "ADU-2032-000001")
        self.assertEqual(self.receive(wib(2031, 12, 31, 23, 30)).number[:9], "ADU-2031-")

    def test_number_survives_a_deleted_year_range(self):
        """Deleting the yearly range (an administrator resetting the numbering): Odoo's sequence
        creates a new one."""
        first = self.receive(wib(2033, 3, 2, 9))
        self.assertEqual(first.number, "ADU-2033-000001")
        first.unlink()  # (a test year: its only complaint goes with its numbering)
        self.env["ir.sequence.date_range"].search([
            ("sequence_id.code", "=", "pengaduan.complaint"), ("date_from", "=", "2033-01-01")]).unlink()
        self.assertEqual(self.receive(wib(2033, 3, 2, 10)).number, "ADU-2033-000001")
        self.assertEqual(self.receive(wib(2033, 3, 2, 11)).number, "ADU-2033-000002")

    def test_number_follows_a_change_of_its_sequence_at_once(self):
        """A change of the sequence's format applies to the next number."""
        self.assertEqual(self.receive(wib(2034, 5, 2, 9)).number, "ADU-2034-000001")
        sequence = self.env["ir.sequence"].search([
            ("code", "=", "pengaduan.complaint"), ("company_id", "in", [self.company.id, False])],
            order="company_id", limit=1)
        sequence.write({"prefix": "PGD/%(range_year)s/%(month)s/", "padding": 4})
        self.assertEqual(self.receive(wib(2034, 5, 2, 10)).number, "PGD/2034/05/0002")
        sequence.write({"prefix": "PGD/%(current_h24)s/"})  # the hour: formatted by ir.sequence each time
        self.assertEqual(self.receive(wib(2034, 5, 2, 11)).number, "PGD/11/0003")
        self.assertEqual(self.receive(wib(2034, 5, 2, 14)).number, "PGD/14/0004")

    def test_copy_gets_a_new_number_and_a_fresh_workflow(self):
        self._answered()
        with self.at(wib(2026, 11, 23, 11)):
            copy = self.complaint.with_user(self.officer).copy()
        self.assertNotEqual(copy.number, self.complaint.number)
        self.assertRegex(copy.number, r"^ADU-2026-\d{6}$")
        self.assertEqual(copy.state, "new")
        self.assertFalse(copy.first_response_date or copy.resolved_date or copy.answer)

    # -- verify ------------------------------------------------------------------------
    def test_verify_only_from_new(self):
        self.assertEqual(self.complaint.state, "new")
        self.assertFalse(self.complaint.first_response_date)
        self._verified()
        self.assertEqual(self.complaint.state, "verified")
        self.assertEqual(self.complaint.first_response_date, wib(2026, 11, 23, 9, 10))
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.assert_refused_unchanged(self.as_officer, "action_verify", UserError)
        self.assertEqual(self.complaint.first_response_date, wib(2026, 11, 23, 9, 10), "first response kept")

    def test_verify_a_batch_is_all_or_nothing(self):
        other = self.receive(wib(2026, 11, 23, 9, 5))
        self._verified()
        batch = (other | self.complaint).with_user(self.officer)
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.assert_refused_unchanged(batch, "action_verify", UserError)
        self.assertEqual(other.state, "new", "the valid one is not verified either")

    def test_handler_cannot_verify(self):
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.staff_a).action_verify()
        self.assertEqual(self.complaint.state, "new")

    # -- return / resume -------------------------------------------------------------
    def test_return_needs_a_reason(self):
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.assert_refused_unchanged(self.as_officer, "action_return", UserError)
            self.complaint.return_reason = "   "
            self.assert_refused_unchanged(self.as_officer, "action_return", UserError)
            self.complaint.return_reason = "Lampirkan fotokopi KK."
            self.as_officer.action_return()
        self.assertEqual(self.complaint.state, "returned")
        self.assertEqual(self.complaint.state_before_return, "new")
        self.assertEqual(self.complaint.date_paused, wib(2026, 11, 23, 9, 30))
        self.assertEqual(self.complaint.first_response_date, wib(2026, 11, 23, 9, 30),
                         "asking for documents is a response")
        self.assertTrue(self.messages_with(self.complaint, "fotokopi KK"), "the complainant is told what is missing")
        # a returned complaint cannot be verified, answered or closed before it is resumed
        for method in ("action_verify", "action_start", "action_answer", "action_close", "action_reopen"):
            self.assert_refused_unchanged(self.complaint.with_user(self.head), method, UserError)
        with self.at(wib(2026, 11, 23, 10, 30)):
            self.as_officer.action_resume()
        self.assertEqual(self.complaint.state, "new")
        self.assertEqual(self.complaint.pause_work_hours, 1.0)

    def test_return_from_every_open_state(self):
        for state in ("verified", "in_progress"):
            complaint = self.receive(wib(2026, 11, 23, 9))
            with self.at(wib(2026, 11, 23, 9, 5)):
                complaint.with_user(self.officer).action_verify()
                if state == "in_progress":
                    complaint.with_user(self.staff_a).action_start()
            complaint.return_reason = "Kurang dokumen."
            with self.at(wib(2026, 11, 23, 9, 30)):
                complaint.with_user(self.head).action_return()
            self.assertEqual(complaint.state_before_return, state)
            with self.at(wib(2026, 11, 23, 9, 45)):
                complaint.with_user(self.head).action_resume()
            self.assertEqual(complaint.state, state)
        answered = self._answered()
        answered.return_reason = "Kurang dokumen."
        self.assert_refused_unchanged(answered.with_user(self.officer), "action_return", UserError)

    def test_resume_only_returned(self):
        self.assert_refused_unchanged(self.as_officer, "action_resume", UserError)
        self._verified()
        self.assert_refused_unchanged(self.as_officer, "action_resume", UserError)

    # -- start ----------------------------------------------------------------------------
    def test_start_only_verified(self):
        self.assert_refused_unchanged(self.complaint.with_user(self.staff_a), "action_start", UserError)
        self._in_progress()
        self.assertEqual(self.complaint.state, "in_progress")
        self.assertEqual(self.complaint.user_id, self.staff_a, "who starts becomes the handler")
        self.assert_refused_unchanged(self.complaint.with_user(self.staff_a), "action_start", UserError)

    # -- answer -------------------------------------------------------------------------
    def test_answer_needs_text_and_in_progress(self):
        self.complaint.answer = "<p>Jawaban.</p>"
        # answering a complaint that was just received is out of order
        self.assert_refused_unchanged(self.complaint.with_user(self.staff_a), "action_answer", UserError)
        self._verified()
        self.assert_refused_unchanged(self.complaint.with_user(self.staff_a), "action_answer", UserError)
        self._in_progress_from_verified()
        as_staff = self.complaint.with_user(self.staff_a)
        for empty in (False, "", "<p><br></p>", "<p>  </p>"):
            as_staff.answer = empty
            self.assert_refused_unchanged(as_staff, "action_answer", UserError)
        self.assertEqual(self.complaint.state, "in_progress")
        self.assertFalse(self.complaint.resolved_date)
        as_staff.answer = "<p>KTP-el Anda sudah dapat diambil.</p>"
        with self.at(wib(2026, 11, 23, 10)):
            as_staff.action_answer()
        self.assertEqual(self.complaint.state, "answered")
        self.assertEqual(self.complaint.resolved_date, wib(2026, 11, 23, 10))
        self.assertEqual(self.complaint.first_response_date, wib(2026, 11, 23, 9, 10), "first response not moved")
        self.assertEqual(self.complaint.sla_state, "met")
        self.assertTrue(self.messages_with(self.complaint, "sudah dapat diambil"), "the answer is sent")

    def _in_progress_from_verified(self):
        with self.at(wib(2026, 11, 23, 9, 20)):
            self.complaint.with_user(self.staff_a).action_start()

    def test_late_answer_fails_the_standard(self):
        self._answered(when=wib(2026, 11, 23, 13, 30))  # due 11:00
        self.assertEqual(self.complaint.resolved_date, wib(2026, 11, 23, 13, 30))
        self.assertEqual(self.complaint.sla_state, "failed")
        with self.at(wib(2026, 11, 23, 14)):
            self.as_officer.action_close()
        self.assertEqual(self.complaint.sla_state, "failed", "closing keeps the verdict")

    def test_answer_exactly_at_the_deadline_is_met(self):
        self._answered(when=wib(2026, 11, 23, 11))
        self.assertEqual(self.complaint.sla_state, "met")

    # -- reject ----------------------------------------------------------------------------
    def test_reject_needs_a_reason(self):
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.assert_refused_unchanged(self.as_officer, "action_reject", UserError)
            self.complaint.rejection_reason = "  "
            self.assert_refused_unchanged(self.as_officer, "action_reject", UserError)
            self.complaint.rejection_reason = "Bukan kewenangan Dinas."
            self.as_officer.action_reject()
        self.assertEqual(self.complaint.state, "rejected")
        self.assertEqual(self.complaint.resolved_date, wib(2026, 11, 23, 9, 30))
        self.assertEqual(self.complaint.first_response_date, wib(2026, 11, 23, 9, 30))
        self.assertEqual(self.complaint.sla_state, "met")
        # no second verdict
        self.assert_refused_unchanged(self.as_officer, "action_reject", UserError)
        self.complaint.answer = "<p>x</p>"
        self.assert_refused_unchanged(self.complaint.with_user(self.staff_a), "action_answer", UserError)
        with self.at(wib(2026, 11, 23, 10)):
            self.as_officer.action_close()
        self.assertEqual(self.complaint.state, "closed")

    def test_reject_from_in_progress_not_from_answered(self):
        self._in_progress()
        self.complaint.rejection_reason = "Data tidak lengkap."
        with self.at(wib(2026, 11, 23, 9, 40)):
            self.as_officer.action_reject()
        self.assertEqual(self.complaint.state, "rejected")
        other = self.receive(wib(2026, 11, 23, 9))
        self.complaint = other
        self._answered()
        other.rejection_reason = "Terlambat."
        self.assert_refused_unchanged(other.with_user(self.officer), "action_reject", UserError)

    # -- close ----------------------------------------------------------------------------------
    def test_close_only_answered_or_rejected(self):
        # an answer text is there: only the state refuses the closing
        self.complaint.write({"answer": "<p>Draf jawaban.</p>", "rejection_reason": "Draf alasan."})
        self.assert_refused_unchanged(self.as_officer, "action_close", UserError)
        self._verified()
        self.assert_refused_unchanged(self.as_officer, "action_close", UserError)
        self._in_progress_from_verified()
        self.assert_refused_unchanged(self.as_officer, "action_close", UserError)

    def test_close_needs_answer_or_rejection_reason(self):
        self._answered()
        self.complaint.with_user(self.staff_a).answer = "<p><br></p>"
        self.assert_refused_unchanged(self.as_officer, "action_close", UserError)
        self.complaint.with_user(self.staff_a).answer = "<p>Sudah selesai.</p>"
        with self.at(wib(2026, 11, 24, 9)):
            self.as_officer.action_close()
        self.assertEqual(self.complaint.state, "closed")
        self.assertEqual(self.complaint.date_closed, wib(2026, 11, 24, 9))
        self.assertEqual(self.complaint.resolved_date, wib(2026, 11, 23, 10), "resolved when answered")
        self.assert_refused_unchanged(self.as_officer, "action_close", UserError)
        self.assert_refused_unchanged(self.as_officer, "action_reopen", UserError)

    def test_handler_cannot_close(self):
        self._answered()
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.staff_a).action_close()
        self.assertEqual(self.complaint.state, "answered")

    # -- reopen ---------------------------------------------------------------------------------
    def test_reopen(self):
        self.assert_refused_unchanged(self.as_officer, "action_reopen", UserError)
        self._answered()
        with self.at(wib(2026, 11, 23, 10, 30)):
            self.as_officer.action_reopen()
        self.assertEqual(self.complaint.state, "in_progress")
        self.assertFalse(self.complaint.resolved_date)
        self.assertEqual(self.complaint.first_response_date, wib(2026, 11, 23, 9, 10))
        # answered again, late this time
        with self.at(wib(2026, 11, 23, 14)):
            self.complaint.with_user(self.staff_a).action_answer()
        self.assertEqual(self.complaint.sla_state, "failed")

    # -- protected fields -------------------------------------------------------------------------
    def test_state_and_number_only_through_the_workflow(self):
        for user in (self.officer, self.manager):
            for vals in ({"state": "closed"}, {"number": "ADU-2026-999999"},
                         {"first_response_date": wib(2026, 11, 23, 9)}, {"escalation_level": 2},
                         {"resolved_date": wib(2026, 11, 23, 9)}):
                self.assert_refused_unchanged(self.complaint.with_user(user), "write", UserError, vals)
        number = self.complaint.number
        self.complaint.invalidate_recordset()
        self.assertEqual(self.complaint.number, number)
        count = self.Complaint.search_count([])
        with self.at(wib(2026, 11, 23, 9)):
            for vals in ({"state": "answered"}, {"number": "X-1"}):
                with self.assertRaises(UserError):
                    self.Complaint.with_user(self.officer).create(dict(
                        vals, name="Curang", channel_id=self.channel.id))
        self.assertEqual(self.Complaint.search_count([]), count)
        # ordinary fields stay editable
        self.complaint.with_user(self.officer).write({"name": "Subjek baru"})
        self.assertEqual(self.complaint.name, "Subjek baru")

    # -- constraints ----------------------------------------------------------------------------
    def test_invalid_nik_refused_nothing_created(self):
        count = self.Complaint.search_count([])
        for nik in ("123", "3174051508900000", "9974051508900001", "31740515089000A1"):
            with self.assertRaises(ValidationError):
                self.receive(wib(2026, 11, 23, 9), nik=nik)
        self.assertEqual(self.Complaint.search_count([]), count, "nothing created")
        valid = self.receive(wib(2026, 11, 23, 9), nik="3174 0515 0890 0001")
        self.assertEqual(valid.nik, VALID_NIK, "spaces removed")
        with self.assertRaises(ValidationError):
            valid.with_user(self.officer).write({"nik": "3174053208900001"})
        self.assertEqual(valid.nik, VALID_NIK)

    def test_date_received_not_in_the_future(self):
        count = self.Complaint.search_count([])
        with self.at(wib(2026, 11, 23, 9)), self.assertRaises(ValidationError):
            self.Complaint.with_user(self.officer).create({
                "name": "Dari masa depan", "channel_id": self.channel.id, "date_received": wib(2026, 11, 24, 9),
            })
        self.assertEqual(self.Complaint.search_count([]), count)
        with self.at(wib(2026, 11, 23, 9)), self.assertRaises(ValidationError):
            self.complaint.with_user(self.officer).date_received = wib(2026, 11, 23, 10)
        # backdating a letter received earlier is allowed
        with self.at(wib(2026, 11, 23, 9)):
            letter = self.Complaint.with_user(self.officer).create({
                "name": "Surat minggu lalu", "channel_id": self.channel.id, "date_received": wib(2026, 11, 16, 9),
            })
        self.assertEqual(letter.date_received, wib(2026, 11, 16, 9))

    def test_sla_value_must_be_positive(self):
        for value in (0, -1):
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                self.env["pengaduan.category"].create({"name": "Salah", "sla_value": value, "sla_unit": "hours"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.cat_hours.write({"sla_value": 0})
            self.cat_hours.flush_recordset()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["pengaduan.channel"].create({"name": "Salah", "code": "T_BAD", "response_time": 0})
        with self.assertRaises(ValidationError):
            self.company.pengaduan_resolution_time = 0
