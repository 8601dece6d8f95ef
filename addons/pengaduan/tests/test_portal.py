"""Citizen portal: own complaints only, masked NIK, replies complete a returned file."""

import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen = mail_new_test_user(cls.env, login="warga_portal", password="warga_portal_pw",
                                         groups="base.group_portal", name="Warga Portal")
        cls.other = mail_new_test_user(cls.env, login="warga_lain", groups="base.group_portal", name="Warga Lain")
        Complaint = cls.env["pengaduan.complaint"]
        cls.mine = Complaint.create({"name": "Pengaduan milik saya", "partner_id": cls.citizen.partner_id.id,
                                     "nik": "1472015508900003"})
        cls.theirs = Complaint.create({"name": "Pengaduan orang lain", "partner_id": cls.other.partner_id.id})

    def test_list_and_detail_show_only_own_complaints(self):
        self.authenticate("warga_portal", "warga_portal_pw")
        listing = self.url_open("/my/pengaduan").text
        self.assertIn(self.mine.number, listing)
        self.assertNotIn(self.theirs.number, listing)
        detail = self.url_open(f"/my/pengaduan/{self.mine.id}").text
        self.assertIn("Pengaduan milik saya", detail)
        self.assertNotIn("1472015508900003", detail, "the full NIK is never shown")
        self.assertIn("1472", detail)
        response = self.url_open(f"/my/pengaduan/{self.theirs.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Pengaduan orang lain", response.text)
        self.assertNotIn(self.theirs.number, response.text)

    def test_record_rules_for_portal_users(self):
        Complaint = self.env["pengaduan.complaint"].with_user(self.citizen)
        self.assertEqual(Complaint.search([]), self.mine)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.citizen).read(["name"])

    def test_reply_completes_a_returned_file(self):
        self.mine.return_reason = "Fotokopi KK"
        self.mine.action_return()
        self.assertEqual(self.mine.state, "returned")
        self.mine.with_user(self.citizen).message_post(body="KK terlampir", message_type="comment",
                                                       subtype_xmlid="mail.mt_comment")
        self.assertEqual(self.mine.state, "new")
        self.assertFalse(self.mine.date_paused)

    def test_rating_link_on_answered_complaint(self):
        complaint = self.mine
        complaint.action_verify()
        complaint.action_start()
        complaint.answer = "<p>Sudah selesai.</p>"
        complaint.action_answer()
        self.authenticate("warga_portal", "warga_portal_pw")
        detail = self.url_open(f"/my/pengaduan/{complaint.id}").text
        self.assertIn("/rate/", detail)
        token = complaint._rating_get_access_token()
        page = self.url_open(f"/rate/{token}/5").text  # the link opens the rating form
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.url_open(f"/rate/{token}/submit_feedback", data={"rate": 5, "feedback": "Cepat", "csrf_token": csrf})
        rating = self.env["rating.rating"].search([("res_model", "=", complaint._name), ("res_id", "=", complaint.id)])
        self.assertEqual(rating.rating, 5)

    def test_portal_reply_tour_completes_a_returned_file(self):
        """In Chromium, through the portal chatter: the reply and its document reach the
        complaint, and the clock restarts."""
        self.mine.return_reason = "Fotokopi KK"
        self.mine.action_return()
        self.citizen.password = "warga_portal"  # start_tour logs in with the login as password
        self.start_tour(f"/my/pengaduan/{self.mine.id}", "pengaduan_portal_reply_tour", login="warga_portal")
        reply = self.mine.message_ids.filtered(lambda m: "Fotokopi KK terlampir" in (m.body or ""))
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.author_id, self.citizen.partner_id)
        self.assertEqual(reply.attachment_ids.mapped("name"), ["kk.pdf"])
        self.assertEqual(self.mine.state, "new", "the returned file is back with the officers")
        self.assertFalse(self.mine.date_paused, "the clock runs again")
