from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.pengaduan.tests.common import wib

from .common import DpmptspCase

START = wib(2026, 11, 23, 9)


@tagged("post_install", "-at_install")
class TestFlow(DpmptspCase):

    def setUp(self):
        super().setUp()
        self.complaint = self.new_complaint(START)

    def test_happy_path_logged_step_by_step(self):
        complaint = self.run_flow(self.complaint, "handed")
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.dpmptsp_recipient, "Hendra Gunawan")
        self.assertEqual(complaint.dpmptsp_date_handed, wib(2026, 11, 23, 16))
        letter = complaint.dpmptsp_letter_id
        self.assertEqual(letter.document_type, "berita_acara")
        self.assertEqual(letter.state, "signed")
        self.assertEqual(letter.number, "000.8.3.3/1/BA-DPMPTSP/XI/2026")
        self.assertEqual(letter.signed_by_id, self.kepala)
        self.assertEqual(complaint.dpmptsp_paraf_kabid_user_id, self.kabid)
        self.assertEqual(complaint.dpmptsp_paraf_kabid_date, wib(2026, 11, 23, 13))
        self.assertEqual(complaint.dpmptsp_paraf_sekretaris_user_id, self.sekretaris)
        self.assertEqual(complaint.resolved_date, wib(2026, 11, 23, 15), "answered when signed")
        self.assertEqual(complaint.sla_state, "met")
        log = [(step.step, step.user_id, step.date, step.comment) for step in complaint.dpmptsp_step_ids]
        self.assertEqual(log, [
            ("check_complete", self.front_office, wib(2026, 11, 23, 9), False),
            ("verify", self.analyst, wib(2026, 11, 23, 10), "Berkas sah"),
            ("study", self.analyst, wib(2026, 11, 23, 11), "Dikonsultasikan dengan Kabid"),
            ("draft", self.analyst, wib(2026, 11, 23, 12), "Konsep terlampir"),
            ("paraf_kabid", self.kabid, wib(2026, 11, 23, 13), "Setuju"),
            ("paraf_sekretaris", self.sekretaris, wib(2026, 11, 23, 14), "Setuju"),
            ("sign", self.kepala, wib(2026, 11, 23, 15), "Ditandatangani"),
            ("number", self.kepala, wib(2026, 11, 23, 15), letter.number),
            ("front_office", self.kepala, wib(2026, 11, 23, 15), False),
            ("hand_over", self.front_office, wib(2026, 11, 23, 16), False),
        ])
        self.assertEqual(complaint.dpmptsp_step_ids[-1].stage_to, "handed")
        # the core states follow the flow
        self.assertEqual(complaint.first_response_date, wib(2026, 11, 23, 10))

    def test_core_states_while_in_the_chain(self):
        self.run_flow(self.complaint, "study")
        self.assertEqual(self.complaint.state, "verified")
        self.run_flow(self.complaint, "paraf_kabid")
        self.assertEqual(self.complaint.state, "in_progress")
        self.run_flow(self.complaint, "front_office")
        self.assertEqual(self.complaint.state, "answered")

    def test_wrong_users_refused_at_every_step(self):
        users = {
            "front_office": self.front_office, "analyst": self.analyst, "kabid": self.kabid,
            "sekretaris": self.sekretaris, "kepala": self.kepala, "officer": self.officer,
            "handler": self.staff_a,
        }
        steps = [
            ("intake", "action_dpmptsp_check_completeness", "front_office"),
            ("verification", "action_dpmptsp_verify", "analyst"),
            ("study", "action_dpmptsp_study", "analyst"),
            ("draft", "action_dpmptsp_submit_draft", "analyst"),
            ("paraf_kabid", "action_dpmptsp_paraf_kabid", "kabid"),
            ("paraf_sekretaris", "action_dpmptsp_paraf_sekretaris", "sekretaris"),
            ("signature", "action_dpmptsp_sign", "kepala"),
        ]
        complaint = self.complaint
        complaint.with_user(self.analyst).dpmptsp_solution = "<p>Solusi.</p>"
        for stage, method, right in steps:
            self.assertEqual(complaint.dpmptsp_stage, stage)
            for name, user in users.items():
                if name == right:
                    continue
                with self.subTest(stage=stage, user=name):
                    self.assert_refused(complaint.with_user(user), method, (AccessError, UserError))
                    self.assertEqual(complaint.dpmptsp_stage, stage)
            with self.at(START):
                getattr(complaint.with_user(users[right]), method)()
        self.assertEqual(complaint.dpmptsp_stage, "front_office")
        for name in ("analyst", "kabid", "sekretaris", "kepala", "handler"):
            with self.assertRaises(AccessError):
                complaint.with_user(users[name]).action_dpmptsp_hand_over("Hendra Gunawan")
        self.assertEqual(len(complaint.dpmptsp_step_ids), 9, "refusals log nothing")

    def test_steps_cannot_be_skipped(self):
        complaint = self.complaint
        complaint.with_user(self.analyst).dpmptsp_solution = "<p>Solusi.</p>"
        # before the completeness check, nobody works on the complaint
        with self.assertRaisesRegex(UserError, "cannot be skipped"):
            complaint.with_user(self.analyst).action_dpmptsp_verify()
        self.run_flow(complaint, "verification")
        for user, method in ((self.analyst, "action_dpmptsp_study"), (self.analyst, "action_dpmptsp_submit_draft"),
                             (self.kabid, "action_dpmptsp_paraf_kabid"),
                             (self.sekretaris, "action_dpmptsp_paraf_sekretaris"),
                             (self.kepala, "action_dpmptsp_sign"),
                             (self.front_office, "action_dpmptsp_hand_over")):
            with self.subTest(method=method):
                self.assert_refused(complaint.with_user(user), method, UserError)
        self.run_flow(complaint, "paraf_sekretaris")
        # the Kabid cannot initial twice, the Kepala Dinas cannot sign before the Sekretaris
        with self.assertRaisesRegex(UserError, "cannot be skipped"):
            complaint.with_user(self.kabid).action_dpmptsp_paraf_kabid()
        with self.assertRaisesRegex(UserError, "cannot be skipped"):
            complaint.with_user(self.kepala).action_dpmptsp_sign()
        self.assertFalse(complaint.dpmptsp_letter_id.number)
        # the core buttons do not bypass the flow
        with self.assertRaisesRegex(UserError, "DPMPTSP flow"):
            complaint.with_user(self.officer).action_answer()

    def test_rejected_complaint_leaves_the_flow(self):
        complaint = self.run_flow(self.complaint, "study")
        complaint.with_user(self.officer).rejection_reason = "Bukan kewenangan DPMPTSP."
        complaint.with_user(self.officer).action_reject()
        complaint.with_user(self.officer).action_close()
        self.assertEqual(complaint.state, "closed")

    def test_solution_required(self):
        self.run_flow(self.complaint, "study")
        self.complaint.with_user(self.analyst).dpmptsp_solution = "<p><br></p>"
        with self.assertRaisesRegex(UserError, "solution"):
            self.complaint.with_user(self.analyst).action_dpmptsp_study()
        self.assertEqual(self.complaint.dpmptsp_stage, "study")

    def test_send_back_needs_a_reason_and_returns_to_the_draft(self):
        complaint = self.run_flow(self.complaint, "paraf_sekretaris")
        letter = complaint.dpmptsp_letter_id
        for reason in (None, "", "   "):
            with self.assertRaisesRegex(UserError, "reason"):
                complaint.with_user(self.sekretaris).action_dpmptsp_send_back(reason)
        with self.assertRaises(AccessError):
            complaint.with_user(self.kabid).action_dpmptsp_send_back("Bukan giliran Kabid")
        with self.assertRaises(AccessError):
            complaint.with_user(self.analyst).action_dpmptsp_send_back("Analis tidak mengirim balik")
        self.assertEqual(complaint.dpmptsp_stage, "paraf_sekretaris")
        with self.at(wib(2026, 11, 24, 9)):
            complaint.with_user(self.sekretaris).action_dpmptsp_send_back("Dasar hukum belum dicantumkan")
        self.assertEqual(complaint.dpmptsp_stage, "draft")
        self.assertFalse(complaint.dpmptsp_paraf_kabid_user_id, "the paraf must be given again")
        last = complaint.dpmptsp_step_ids[-1]
        self.assertEqual((last.step, last.user_id, last.comment, last.stage_from, last.stage_to),
                         ("send_back", self.sekretaris, "Dasar hukum belum dicantumkan", "paraf_sekretaris", "draft"))
        self.assertTrue(complaint.activity_ids.filtered(lambda a: a.user_id == complaint.user_id))
        # nothing to send back at the draft stage
        with self.assertRaisesRegex(UserError, "cannot be skipped"):
            complaint.with_user(self.kabid).action_dpmptsp_send_back("lagi")

        # the analyst revises: same draft letter, the chain again, the Kepala Dinas sends back too
        complaint.with_user(self.analyst).dpmptsp_solution = "<p>Sesuai Perda No. 1 Tahun 2026, izin diterbitkan.</p>"
        self.run_flow(complaint, "signature", start=wib(2026, 11, 24, 8))
        self.assertEqual(complaint.dpmptsp_letter_id, letter)
        self.assertIn("Perda", letter.body)
        with self.at(wib(2026, 11, 24, 14)):
            complaint.with_user(self.kepala).action_dpmptsp_send_back("Perbaiki redaksi")
        self.assertEqual(complaint.dpmptsp_stage, "draft")
        self.assertFalse(letter.number, "no number taken before the signature")
        self.run_flow(complaint, "handed", start=wib(2026, 11, 24, 12))
        self.assertEqual(letter.number, "000.8.3.3/1/BA-DPMPTSP/XI/2026")
        self.assertEqual(complaint.dpmptsp_step_ids.mapped("step").count("send_back"), 2)

    def test_only_the_signatory_signs(self):
        complaint = self.run_flow(self.complaint, "signature")
        # the administrator may act on every step, but is not the signatory of the letter
        self.assert_refused(complaint.with_user(self.manager), "action_dpmptsp_sign", AccessError)
        self.assertFalse(complaint.dpmptsp_letter_id.number)
        self.assertEqual(complaint.dpmptsp_stage, "signature")

    def test_hand_over_needs_the_recipient(self):
        complaint = self.run_flow(self.complaint, "front_office")
        with self.assertRaisesRegex(UserError, "received"):
            complaint.with_user(self.front_office).action_dpmptsp_hand_over("  ")
        with self.at(wib(2026, 11, 24, 9)), self.assertRaisesRegex(UserError, "future"):
            complaint.with_user(self.front_office).action_dpmptsp_hand_over("Hendra", wib(2026, 11, 25, 9))
        self.assertEqual(complaint.state, "answered")
        # through the wizard
        with self.at(wib(2026, 11, 24, 9)):
            action = complaint.with_user(self.front_office).with_context(
                dpmptsp_action="hand_over").action_dpmptsp_open_wizard()
            wizard = self.env[action["res_model"]].with_user(self.front_office).with_context(
                **action["context"]).create({"recipient": "Siti, istri pelapor", "date_handed": wib(2026, 11, 24, 8)})
            wizard.action_confirm()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.dpmptsp_stage, "handed")
        self.assertEqual(complaint.dpmptsp_recipient, "Siti, istri pelapor")
        self.assertEqual(complaint.dpmptsp_date_handed, wib(2026, 11, 24, 8))

    def test_chain_users_see_the_flow_complaints(self):
        self.run_flow(self.complaint, "paraf_kabid")
        for user in (self.analyst, self.kabid, self.sekretaris, self.front_office):
            self.assertIn(self.complaint, self.env["pengaduan.complaint"].with_user(user).search([]))
        self.assertTrue(self.complaint.dpmptsp_letter_id.with_user(self.kabid).read(["number", "body"]))
        register = self.env["pengaduan.complaint"].with_user(self.front_office).search(
            [("dpmptsp_stage", "!=", False)])
        self.assertIn(self.complaint, register)
