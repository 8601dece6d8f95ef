from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPengaduanTours(HttpCase):
    """The officer's, the head's and the handler's main paths in a real browser
    (static/tests/tours/pengaduan_staff_tours.js), then the database result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["hr.department"].create({"name": "Bidang Tur"})
        cls.other_department = cls.env["hr.department"].create({"name": "Bidang Lain Tur"})
        cls.category = cls.env["pengaduan.category"].create({
            "name": "Tur Kependudukan", "department_id": cls.department.id,
        })
        # password = login: HttpCase.authenticate(login, login)
        cls.officer = cls._create_user("tour_petugas", "Petugas Tur", "pengaduan.group_officer")
        cls.head = cls._create_user("tour_kepala", "Kepala Tur", "pengaduan.group_head")
        cls.handler = cls._create_user("tour_bidang", "Penangan Tur", "pengaduan.group_handler")
        # a handler's departments come from their employee record
        cls.env["hr.employee"].create({
            "name": "Penangan Tur", "user_id": cls.handler.id, "department_id": cls.department.id,
        })
        cls.Complaint = cls.env["pengaduan.complaint"]

    @classmethod
    def _create_user(cls, login, name, group_xmlid):
        return cls.env["res.users"].create({
            "login": login,
            "password": login,
            "name": name,
            "email": f"{login}@example.com",
            "lang": "en_US",  # stable labels for the tours
            "tz": "Asia/Jakarta",
            "group_ids": [Command.set([cls.env.ref("base.group_user").id, cls.env.ref(group_xmlid).id])],
        })

    def _verified_complaint(self, name, **values):
        complaint = self.Complaint.sudo().create({"name": name, "reporter_name": "Warga Tur", **values})
        complaint.action_verify()
        return complaint

    def test_officer_registers_and_verifies(self):
        self.start_tour("/odoo", "pengaduan_officer_tour", login=self.officer.login)
        self.env.invalidate_all()
        complaint = self.Complaint.search([("name", "=", "Lampu loket antrean mati")])
        self.assertEqual(len(complaint), 1)
        self.assertRegex(complaint.number, r"^ADU-")
        self.assertEqual(complaint.state, "verified")
        self.assertEqual(complaint.reporter_name, "Warga Tur Petugas")
        self.assertEqual(complaint.reporter_email, "warga.tur@example.com")
        self.assertEqual(complaint.channel_id, self.env.ref("pengaduan.channel_walkin"))
        self.assertEqual(complaint.category_id, self.category)
        self.assertEqual(complaint.department_id, self.department)
        self.assertTrue(complaint.queue_number)
        self.assertTrue(complaint.first_response_date)
        self.assertEqual(complaint.create_uid, self.officer)

    def test_head_disposes(self):
        complaint = self._verified_complaint("Tur disposisi kepala")
        self.start_tour("/odoo", "pengaduan_head_tour", login=self.head.login)
        self.env.invalidate_all()
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.department_id, self.department)
        self.assertEqual(complaint.user_id, self.handler)
        disposition = complaint.disposition_ids
        self.assertEqual(len(disposition), 1)
        self.assertEqual(disposition.from_user_id, self.head)
        self.assertEqual(disposition.to_department_id, self.department)
        self.assertEqual(disposition.to_user_id, self.handler)
        self.assertEqual(disposition.note, "Mohon segera ditindaklanjuti")
        self.assertEqual(disposition.state, "sent")
        self.assertEqual(disposition.deadline, complaint.resolution_deadline)
        self.assertTrue(complaint.activity_ids.filtered(lambda a: a.user_id == self.handler))

    def test_handler_answers(self):
        complaint = self._verified_complaint("Tur jawaban penangan", reporter_email="warga@example.com")
        # disposed by the head to the handler's department, nobody named
        self.env["pengaduan.disposition"].with_user(self.head).create({
            "complaint_id": complaint.id, "to_department_id": self.department.id,
        })
        self.assertEqual(complaint.state, "in_progress")
        self.assertFalse(complaint.user_id)
        other = self._verified_complaint("Tur bidang lain", department_id=self.other_department.id)
        self.start_tour("/odoo", "pengaduan_handler_tour", login=self.handler.login)
        self.env.invalidate_all()
        self.assertEqual(complaint.state, "answered")
        self.assertIn("Loket sudah diperbaiki", complaint.answer)
        self.assertTrue(complaint.resolved_date)
        self.assertEqual(complaint.sla_state, "met")
        self.assertEqual(other.state, "verified")
        # the complainant (no partner) gets the answer by e-mail
        self.assertTrue(self.env["mail.mail"].sudo().search([
            ("model", "=", "pengaduan.complaint"), ("res_id", "=", complaint.id),
            ("email_to", "=", "warga@example.com"),
        ]))

    def test_handler_starts_and_answers(self):
        complaint = self._verified_complaint("Tur mulai penangan", category_id=self.category.id)
        self.assertEqual(complaint.department_id, self.department)
        self.start_tour("/odoo", "pengaduan_handler_start_tour", login=self.handler.login)
        self.env.invalidate_all()
        self.assertEqual(complaint.state, "answered")
        self.assertEqual(complaint.user_id, self.handler)
        self.assertIn("Data kependudukan sudah dipadankan", complaint.answer)
        self.assertFalse(complaint.disposition_ids)
