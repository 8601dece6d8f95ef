from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestPengaduanTours(HttpCase):
    """The officer's, the head's and the handler's main paths in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["hr.department"].create({"name": "Bidang Tur"})
        cls.officer = mail_new_test_user(cls.env, login="tour_petugas", name="Petugas Tur", lang="en_US",
                                         groups="base.group_user,pengaduan.group_officer")
        cls.head = mail_new_test_user(cls.env, login="tour_kepala", name="Kepala Tur", lang="en_US",
                                      groups="base.group_user,pengaduan.group_head")
        cls.handler = mail_new_test_user(cls.env, login="tour_bidang", name="Penangan Tur", lang="en_US",
                                         groups="base.group_user,pengaduan.group_handler")
        cls.env["hr.employee"].create({"name": "Penangan Tur", "user_id": cls.handler.id,
                                       "department_id": cls.department.id})
        cls.Complaint = cls.env["pengaduan.complaint"]

    def test_officer_registers_and_verifies(self):
        self.start_tour("/odoo", "pengaduan_officer_tour", login="tour_petugas")
        complaint = self.Complaint.search([("name", "=", "Lampu loket antrean mati")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.state, "verified")
        self.assertEqual(complaint.reporter_email, "warga.tur@example.com")
        self.assertRegex(complaint.number, r"^ADU-\d{4}-\d{6}$")
        self.assertTrue(complaint.first_response_date)

    def test_head_disposes(self):
        complaint = self.Complaint.create({"name": "Tur disposisi kepala", "reporter_name": "Warga"})
        complaint.action_verify()
        self.start_tour("/odoo", "pengaduan_head_tour", login="tour_kepala")
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.department_id, self.department)
        self.assertEqual(complaint.user_id, self.handler)
        self.assertEqual(complaint.disposition_ids.from_user_id, self.head)

    def test_handler_answers(self):
        complaint = self.Complaint.create({"name": "Tur jawaban penangan", "reporter_name": "Warga",
                                           "reporter_email": "warga@example.com"})
        complaint.action_verify()
        self.env["pengaduan.disposition"].create({
            "complaint_id": complaint.id, "to_department_id": self.department.id, "to_user_id": self.handler.id,
        })
        self.start_tour("/odoo", "pengaduan_handler_tour", login="tour_bidang")
        self.assertEqual(complaint.state, "answered")
        self.assertIn("Loket sudah diperbaiki", complaint.answer)
        self.assertTrue(complaint.resolved_date)
