from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.pengaduan.tests.common import wib

from .common import DpmptspCase


@tagged("post_install", "-at_install")
class TestCompleteness(DpmptspCase):

    def test_dpmptsp_categories_within_the_standard(self):
        categories = self.env["pengaduan.category"].search(
            [("parent_id", "=", self.env.ref("pengaduan_dpmptsp.category_dpmptsp").id)])
        self.assertGreaterEqual(len(categories), 5)
        for category in categories:
            self.assertEqual(category.sla_unit, "working_days", category.name)
            self.assertTrue(2 <= category.sla_value <= 10, category.name)
        self.assertEqual(self.category.sla_value, 2)

    def test_new_complaint_enters_the_register(self):
        first = self.new_complaint(wib(2026, 11, 23, 9), documents=())
        second = self.new_complaint(wib(2026, 11, 23, 10), documents=())
        self.assertEqual((first.dpmptsp_stage, first.state), ("intake", "new"))
        self.assertEqual(second.dpmptsp_register_no, first.dpmptsp_register_no + 1)
        self.assertEqual(first.dpmptsp_register_year, 2026)
        self.assertEqual(first.dpmptsp_completeness, "incomplete")
        with self.assertRaises(UserError):
            first.with_user(self.front_office).write({"dpmptsp_stage": "handed"})
        # an office without the flow is not concerned
        self.company.pengaduan_dpmptsp_flow = False
        other = self.new_complaint(wib(2026, 11, 23, 11), documents=())
        self.assertFalse(other.dpmptsp_stage)
        self.assertFalse(other.dpmptsp_register_no)

    def test_incomplete_file_returned_with_the_missing_documents(self):
        complaint = self.new_complaint(wib(2026, 11, 23, 9), documents=("form",))
        self.assertEqual(complaint.dpmptsp_completeness, "incomplete")
        with self.assertRaises(AccessError):
            complaint.with_user(self.analyst).action_dpmptsp_check_completeness()
        with self.at(wib(2026, 11, 23, 9)):
            complaint.with_user(self.front_office).action_dpmptsp_check_completeness()
        self.assertEqual(complaint.state, "returned")
        self.assertEqual(complaint.dpmptsp_stage, "incomplete")
        self.assertEqual(complaint.date_paused, wib(2026, 11, 23, 9), "the clock is paused")
        # the complainant (Indonesian) is told exactly what is missing, in Indonesian
        message = complaint.message_ids.filtered(lambda m: self.partner in m.partner_ids)[:1]
        self.assertTrue(message, "the complainant is notified")
        self.assertIn("Surat Pernyataan Kebenaran Aduan", message.body)
        self.assertIn("Berkas/Bukti Pendukung", message.body)
        self.assertNotIn("Formulir Pengaduan", message.body, "the form was there")
        self.assertIn("Mohon lengkapi", message.body)
        self.assertEqual(complaint.return_reason,
                         "Surat Pernyataan Kebenaran Aduan (bertanda tangan); Berkas/Bukti Pendukung")
        log = complaint.dpmptsp_step_ids
        self.assertEqual((log.step, log.user_id, log.stage_to), ("check_incomplete", self.front_office,
                                                                 "incomplete"))

        # checked again with one document still missing: told again, still paused
        self.add_documents(complaint, ("statement",), wib(2026, 11, 24, 9))
        with self.at(wib(2026, 11, 24, 9)):
            complaint.with_user(self.front_office).action_dpmptsp_check_completeness()
        self.assertEqual((complaint.state, complaint.dpmptsp_stage), ("returned", "incomplete"))
        self.assertEqual(complaint.return_reason, "Berkas/Bukti Pendukung")

        # completed on Thursday 09:00 (Wednesday is a holiday): the 2 working days start then
        self.add_documents(complaint, ("supporting",), wib(2026, 11, 26, 9))
        self.assertEqual(complaint.dpmptsp_completeness, "complete")
        with self.at(wib(2026, 11, 26, 9)):
            complaint.with_user(self.front_office).action_dpmptsp_check_completeness()
        self.assertEqual((complaint.state, complaint.dpmptsp_stage), ("new", "verification"))
        self.assertFalse(complaint.date_paused)
        self.assertTrue(complaint.statement_true)
        self.assertEqual(complaint.pause_work_hours, 14.0, "Monday 6 h + Tuesday 7 h + Thursday 1 h")
        # Friday and Monday: due on Monday 30 November at closing time
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 30, 16))
        self.assertEqual(complaint.dpmptsp_step_ids.mapped("step"),
                         ["check_incomplete", "check_incomplete", "check_complete"])
        # the checked file is frozen
        with self.assertRaises(UserError):
            complaint.document_ids[:1].with_user(self.front_office).unlink()

    def test_complete_file_starts_the_clock_at_once(self):
        complaint = self.new_complaint(wib(2026, 11, 23, 9))
        with self.at(wib(2026, 11, 23, 9, 30)):
            complaint.with_user(self.front_office).action_dpmptsp_check_completeness()
        self.assertEqual((complaint.state, complaint.dpmptsp_stage), ("new", "verification"))
        self.assertFalse(complaint.pause_work_hours)
        # Tuesday and Thursday (Wednesday is a holiday)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 26, 16))
        self.assertEqual(complaint.sla_state, "on_track")

    def test_english_complainant_told_in_english(self):
        partner = self.env["res.partner"].create({"name": "John Smith", "email": "john@example.com",
                                                  "lang": "en_US"})
        complaint = self.new_complaint(wib(2026, 11, 23, 9), documents=("statement", "supporting"),
                                       partner_id=partner.id, reporter_name="John Smith")
        with self.at(wib(2026, 11, 23, 9)):
            complaint.with_user(self.front_office).action_dpmptsp_check_completeness()
        message = complaint.message_ids.filtered(lambda m: partner in m.partner_ids)[:1]
        self.assertIn("Complaint Form", message.body)
        self.assertNotIn("Supporting", message.body)
