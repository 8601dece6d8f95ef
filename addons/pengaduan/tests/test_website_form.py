"""Public complaint form and tracking page over HTTP: every refusal, and nothing half-written."""

import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
     "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f6a3d40000000049454e44ae426082"
)


@tagged("post_install", "-at_install")
class TestWebsiteForm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["pengaduan.complaint"]
        cls.env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "50")
        cls.env["ir.config_parameter"].set_param("pengaduan.track_rate_limit", "50")

    def form_token(self):
        page = self.url_open("/pengaduan").text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def post(self, data=None, files=None, token=True):
        values = {"reporter_name": "Ani Wijaya", "reporter_email": "ani.web@example.com",
                  "name": "KK belum jadi", "description": "Sudah dua minggu.", "anonymity": "none"}
        values.update(data or {})
        if token:
            values["csrf_token"] = self.form_token()
        return self.url_open("/pengaduan", data=values, files=files)

    def assert_refused(self, response, message, typed=("Ani Wijaya",)):
        self.assertEqual(response.status_code, 200)
        self.assertIn("pengaduan_form_errors", response.text)
        self.assertIn(message, response.text)
        for value in typed:
            self.assertIn(value, response.text, "what the visitor typed is kept")

    def test_valid_submission_with_attachments(self):
        count = self.Complaint.search_count([])
        response = self.post(files=[("attachments", ("kk.pdf", PDF, "application/pdf")),
                                    ("attachments", ("foto.png", PNG, "image/png"))])
        self.assertEqual(self.Complaint.search_count([]), count + 1)
        complaint = self.Complaint.search([], order="id desc", limit=1)
        self.assertIn(complaint.number, response.text)
        self.assertEqual(complaint.channel_id, self.env.ref("pengaduan.channel_web"))
        attachments = self.env["ir.attachment"].search([("res_model", "=", complaint._name),
                                                        ("res_id", "=", complaint.id)])
        self.assertEqual(sorted(attachments.mapped("name")), ["foto.png", "kk.pdf"])
        self.assertTrue(complaint.acknowledgement_due, "acknowledged by the scheduled action")
        self.Complaint._cron_send_acknowledgements()
        self.assertTrue(self.env["mail.mail"].sudo().search([("subject", "like", complaint.number)]),
                        "an acknowledgement goes out")
        self.assertEqual(complaint.message_partner_ids, complaint.partner_id,
                         "the complainant follows the complaint; the public user does not")

    def test_refusals_create_nothing(self):
        count = self.Complaint.search_count([])
        self.assert_refused(self.post({"website_url": "http://spam.example"}), "looks automated")
        self.assert_refused(self.post(files=[("attachments", ("virus.pdf", b"MZ\x90\x00fake", "application/pdf"))]),
                            "is not a PDF, JPG, PNG or DOCX")
        self.assert_refused(self.post({"nik": "1234"}), "The NIK is not valid")
        self.env["ir.config_parameter"].set_param("pengaduan.attachment_max_mb", "1")
        big = PDF + b"0" * (1024 * 1024 + 10)
        self.assert_refused(self.post(files=[("attachments", ("besar.pdf", big, "application/pdf"))]),
                            "is larger than 1 MB")
        self.assertEqual(self.Complaint.search_count([]), count, "nothing half-written")

    def form_page(self):
        page = self.url_open("/pengaduan").text
        return (re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
                re.search(r'name="submission_key" value="([^"]+)"', page).group(1))

    def test_the_same_form_sent_again_shows_its_complaint(self):
        """A reload of the answer page, a second click or a retry after a lost answer sends the
        same form again: its complaint is shown, no second one is made."""
        count = self.Complaint.search_count([])
        token, key = self.form_page()
        values = {"reporter_name": "Ani Wijaya", "reporter_email": "ani.dua@example.com", "name": "KTP hilang",
                  "description": "Mohon dibantu.", "anonymity": "none", "csrf_token": token, "submission_key": key}
        # refused first (no subject): the form comes back with the same key
        refused = self.url_open("/pengaduan", data=dict(values, name=""))
        self.assert_refused(refused, "Please write the subject of your complaint.")
        self.assertIn(f'name="submission_key" value="{key}"', refused.text)
        first = self.url_open("/pengaduan", data=values)
        complaint = self.Complaint.search([], order="id desc", limit=1)
        self.assertEqual(self.Complaint.search_count([]), count + 1)
        self.assertIn(complaint.number, first.text)
        self.assertNotIn("o_pengaduan_resubmitted", first.text)
        self.assertEqual(complaint.sudo().public_submission_key, key)
        again = self.url_open("/pengaduan", data=dict(values, description="Dikirim ulang."))
        self.assertEqual(self.Complaint.search_count([]), count + 1, "no second complaint")
        self.assertIn(complaint.number, again.text)
        self.assertIn("o_pengaduan_resubmitted", again.text)
        self.assertEqual(complaint.description, "<p>Mohon dibantu.</p>", "the first one is kept as it was")
        # another form (a new key) is another complaint; a key that is no key of ours is ignored
        other_token, other_key = self.form_page()
        self.assertNotEqual(other_key, key)
        self.url_open("/pengaduan", data=dict(values, csrf_token=other_token, submission_key=other_key))
        self.url_open("/pengaduan", data=dict(values, csrf_token=other_token, submission_key="<b>" * 30))
        self.assertEqual(self.Complaint.search_count([]), count + 3)
        self.assertFalse(self.Complaint.search([], order="id desc", limit=1).sudo().public_submission_key)

    def test_the_submission_key_is_for_administrators_only(self):
        officer = mail_new_test_user(self.env, login="petugas.kunci", groups="base.group_user,pengaduan.group_officer")
        complaint = self.Complaint.create({"name": "Kunci", "reporter_name": "Ani",
                                           "public_submission_key": "k" * 32})
        self.assertNotIn("public_submission_key", complaint.with_user(officer).fields_get())
        with self.assertRaises(AccessError):
            complaint.with_user(officer).read(["public_submission_key"])
        with self.assertRaises(AccessError):
            complaint.with_user(officer).search([("public_submission_key", "=", "k" * 32)])

    def test_missing_csrf_token_is_refused(self):
        count = self.Complaint.search_count([])
        response = self.post(token=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.Complaint.search_count([]), count)

    def test_rate_limit(self):
        self.env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "2")
        count = self.Complaint.search_count([])
        self.post({"name": "Satu"})
        self.post({"name": "Dua"})
        self.assert_refused(self.post({"name": "Tiga"}), "Too many complaints")
        self.assertEqual(self.Complaint.search_count([]), count + 2)

    def test_forged_internal_fields_are_ignored(self):
        user = mail_new_test_user(self.env, login="web_forger_target", groups="base.group_user")
        department = self.env["hr.department"].create({"name": "Bidang Palsu"})
        other_company = self.env["res.company"].create({"name": "Kantor Lain"})
        self.post({"name": "Palsu", "state": "closed", "user_id": str(user.id),
                   "department_id": str(department.id), "company_id": str(other_company.id),
                   "number": "ADU-1999-000001", "response_deadline": "2000-01-01 00:00:00",
                   "sla_state": "met", "escalation_level": "2"})
        complaint = self.Complaint.search([("name", "=", "Palsu")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.state, "new")
        self.assertFalse(complaint.user_id)
        self.assertNotEqual(complaint.department_id, department)
        self.assertEqual(complaint.company_id, self.env["website"].get_current_website().company_id)
        self.assertNotEqual(complaint.number, "ADU-1999-000001")
        self.assertGreater(complaint.response_deadline, complaint.date_received)
        self.assertEqual(complaint.escalation_level, 0)

    def test_tracking_page(self):
        complaint = self.Complaint.create({"name": "Dilacak", "reporter_email": "lacak@example.com",
                                           "reporter_phone": "0812-7000-1234", "nik": "1472015508900003"})
        found = self.url_open(f"/pengaduan/lacak?number={complaint.number}&contact=LACAK@example.com").text
        self.assertIn("o_pengaduan_track_result", found)
        self.assertNotIn("1472015508900003", found, "the NIK never appears on a public page")
        by_phone = self.url_open(f"/pengaduan/lacak?number={complaint.number}&contact=%2B62 812 7000 1234").text
        self.assertIn("o_pengaduan_track_result", by_phone)

        def error_block(text):
            return re.search(r'<div[^>]*o_pengaduan_track_error[^>]*>.*?</div>', text, re.S).group(0)

        wrong_contact = self.url_open(f"/pengaduan/lacak?number={complaint.number}&contact=x@example.com").text
        unknown = self.url_open("/pengaduan/lacak?number=ADU-2099-999999&contact=x@example.com").text
        self.assertEqual(error_block(wrong_contact), error_block(unknown), "no enumeration")
        self.assertNotIn("Dilacak", wrong_contact)

    def test_confidential_complaint_content_is_not_shown(self):
        complaint = self.Complaint.create({"name": "Rahasia sekali", "reporter_email": "r@example.com",
                                           "anonymity": "rahasia", "answer": "<p>Jawaban rahasia</p>"})
        page = self.url_open(f"/pengaduan/lacak?number={complaint.number}&contact=r@example.com").text
        self.assertIn("o_pengaduan_track_result", page)
        self.assertNotIn("Rahasia sekali", page)
        self.assertNotIn("Jawaban rahasia", page)

    def test_tracking_rate_limit(self):
        self.env["ir.config_parameter"].set_param("pengaduan.track_rate_limit", "2")
        for _ in range(2):
            self.url_open("/pengaduan/lacak?number=ADU-2099-000001&contact=a@example.com")
        page = self.url_open("/pengaduan/lacak?number=ADU-2099-000001&contact=a@example.com").text
        self.assertIn("Too many searches", page)


@tagged("post_install", "-at_install")
class TestCitizenTours(HttpCase):
    def test_citizen_form_with_attachment(self):
        self.start_tour("/pengaduan", "pengaduan_citizen_form_tour")
        complaint = self.env["pengaduan.complaint"].search([("name", "=", "Lampu jalan depan kantor mati")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.reporter_email, "tur.formulir@example.com")
        attachment = self.env["ir.attachment"].search([("res_model", "=", complaint._name),
                                                       ("res_id", "=", complaint.id)])
        self.assertEqual(attachment.name, "bukti.pdf")

    def test_citizen_tracking(self):
        complaint = self.env["pengaduan.complaint"].create({"name": "Dilacak tur",
                                                            "reporter_email": "tur.lacak@example.com"})
        complaint.action_verify()
        # the number comes in the link (as from the acknowledgement); the citizen types the contact
        self.start_tour(f"/pengaduan/lacak?number={complaint.number}", "pengaduan_citizen_track_tour")
