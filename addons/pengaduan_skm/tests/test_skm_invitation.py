"""Invitations to the SKM survey: the answer e-mail, the complaint's pages, the walk-in ticket
and the kiosk; each a response that names nobody, answered once, in Chromium too."""

import base64
import io
import re
from datetime import timedelta
from html import unescape
from xmlrpc.client import Fault

from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail, mail_new_test_user
from odoo.addons.pengaduan.tests.common import PengaduanCase, wib

from ..tools import ikm as ikm_tools

NAME = "Rahmat Hidayat Responden"
EMAIL = "rahmat.hidayat@warga.example"
PHONE = "+62 812 7777 0101"


def qr_difference(png_a, png_b):
    """Share of the pixels in which two QR codes' black and white differ: the encoder's
    metadata and anti-aliased module edges vary from one call to the next, the modules not."""
    def pixels(png):
        with Image.open(io.BytesIO(png)) as image:
            return image.convert("L").point(lambda value: 255 if value > 127 else 0).tobytes()
    a, b = pixels(png_a), pixels(png_b)
    return sum(x != y for x, y in zip(a, b, strict=True)) / len(a)


LINK = re.compile(r"/survey/start/([0-9a-f-]+)\?answer_token=([0-9a-f-]+)")


class InvitationCase(PengaduanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("pengaduan_skm.survey_skm")
        cls.company.pengaduan_skm_survey_id = cls.survey
        cls.Invitation = cls.env["pengaduan.skm.invitation"].sudo()

    def answered(self, complaint, when=None):
        when = when or wib(2026, 11, 23, 10)
        with self.at(when - timedelta(minutes=20)):
            complaint.with_user(self.officer).action_verify()
            complaint.with_user(self.staff_a).action_start()
        complaint.with_user(self.staff_a).answer = "<p>Dokumen Anda sudah selesai.</p>"
        with self.at(when):
            complaint.with_user(self.staff_a).action_answer()
        return complaint

    def response_of(self, url):
        survey_token, answer_token = LINK.search(url).groups()
        self.assertEqual(survey_token, self.survey.access_token)
        return self.env["survey.user_input"].sudo().search([("access_token", "=", answer_token)])


@tagged("post_install", "-at_install")
class TestSkmInvitation(InvitationCase, MockEmail):

    def sent_links(self):
        found = (LINK.search(unescape(mail["body"] or "")) for mail in self._mails)
        return [link for link in found if link]

    def test_answer_mail_carries_a_personal_link_to_a_nameless_response(self):
        complaint = self.receive(wib(2026, 11, 23, 9), reporter_name=NAME, reporter_email=EMAIL,
                                 reporter_phone=PHONE)
        with self.mock_mail_gateway():
            self.answered(complaint)
            self.env["mail.mail"].sudo().process_email_queue()
        links = self.sent_links()
        self.assertEqual(len(links), 1, "one invitation, in the answer e-mail")
        response = self.response_of(links[0].group(0))
        self.assertEqual(len(response), 1)
        self.assertTrue(response.pengaduan_skm_anonymous)
        self.assertEqual(response.state, "new")
        values = response.read(["partner_id", "email", "nickname"])[0]
        self.assertEqual((values["partner_id"], values["email"], values["nickname"]), (False, False, False))
        invitation = self.Invitation.search([("complaint_id", "=", complaint.id)])
        self.assertEqual(invitation.user_input_id, response)
        # answered again after a reopening: no second invitation, no second response
        complaint.with_user(self.officer).action_reopen()
        with self.mock_mail_gateway():
            complaint.with_user(self.staff_a).action_answer()
            self.env["mail.mail"].sudo().process_email_queue()
        self.assertTrue(any("sudah selesai" in (mail["body"] or "") for mail in self._mails), "answered again")
        self.assertFalse(self.sent_links())
        self.assertEqual(self.Invitation.search([("complaint_id", "=", complaint.id)]).user_input_id, response)

    def test_anonymous_complainant_is_invited_without_revealing_them(self):
        complaint = self.receive(wib(2026, 11, 23, 9), anonymity="anonim", reporter_name=NAME,
                                 reporter_email=EMAIL, reporter_phone=PHONE)
        with self.mock_mail_gateway():
            self.answered(complaint)
            self.env["mail.mail"].sudo().process_email_queue()
        invited = [mail for mail in self._mails if LINK.search(unescape(mail["body"] or ""))]
        self.assertEqual(len(invited), 1)
        self.assertIn(EMAIL, " ".join(invited[0]["email_to"]), "the real address, when the e-mail leaves")
        self.assertNotIn(NAME, invited[0]["body"], "addressed as 'Complainant'")
        response = self.response_of(unescape(invited[0]["body"]))
        # the response, as survey users (the officers) read it, names nobody
        shown = str(response.with_user(self.officer).read(
            ["partner_id", "email", "nickname", "display_name", "user_input_line_ids"]))
        for secret in (NAME, EMAIL, PHONE, complaint.number):
            self.assertNotIn(secret, shown)
        # the link is not in the chatter, nor in any message the staff may read
        token = response.access_token
        self.assertFalse(complaint.sudo().message_ids.filtered(lambda m: token in (m.body or "")))
        self.assertTrue(complaint.sudo().message_ids.filtered(lambda m: "SKM" in (m.body or "")), "logged")
        for user in (self.officer, self.staff_a, self.head):
            self.assertFalse(self.env["mail.message"].with_user(user).search([("body", "ilike", token)]))
        # and the link between complaint and response is nobody's to read
        for user in (self.officer, self.staff_a, self.head, self.manager):
            with self.assertRaises(AccessError):
                self.env["pengaduan.skm.invitation"].with_user(user).search_read([], ["complaint_id"])

    def test_closing_after_a_rejection_invites_once(self):
        rejected = self.receive(wib(2026, 11, 23, 9), reporter_email=EMAIL)
        with self.at(wib(2026, 11, 23, 9, 30)):
            rejected.with_user(self.officer).write({"rejection_reason": "Bukan wewenang dinas ini."})
            rejected.with_user(self.officer).action_reject()
        with self.mock_mail_gateway():
            answered = self.answered(self.receive(wib(2026, 11, 23, 9), reporter_email="lain@warga.example"))
            self.env["mail.mail"].sudo().process_email_queue()
        self.assertEqual(len(self.sent_links()), 1, "the answered one, with its answer")
        with self.mock_mail_gateway():
            with self.at(wib(2026, 11, 24, 9)):
                (rejected | answered).with_user(self.officer).action_close()
            self.env["mail.mail"].sudo().process_email_queue()
        links = self.sent_links()
        self.assertEqual(len(links), 1, "the rejected one is invited at its closing, the answered one is not again")
        self.assertEqual(self.Invitation.search([("user_input_id", "=", self.response_of(links[0].group(0)).id)]
                                                ).complaint_id, rejected)

    def test_no_open_survey_no_invitation(self):
        self.survey.active = False
        complaint = self.receive(wib(2026, 11, 23, 9), reporter_email=EMAIL)
        with self.mock_mail_gateway():
            self.answered(complaint)
            self.env["mail.mail"].sudo().process_email_queue()
        self.assertTrue(any("sudah selesai" in (mail["body"] or "") for mail in self._mails), "the answer went out")
        self.assertFalse(self.sent_links())
        self.assertFalse(self.Invitation.search([("complaint_id", "=", complaint.id)]))

    def test_walk_in_ticket_carries_the_link_as_a_qr_code(self):
        complaint = self.receive(wib(2026, 11, 23, 9), channel_id=self.env.ref("pengaduan.channel_walkin").id)
        Report = self.env["ir.actions.report"].with_user(self.officer)
        html = Report._render_qweb_html("pengaduan.action_report_queue_ticket", complaint.ids)[0].decode()
        invitation = self.Invitation.search([("complaint_id", "=", complaint.id)])
        self.assertTrue(invitation, "made when the ticket is printed")
        printed = re.search(r'<img[^>]*class="o_queue_skm_qr"[^>]*src="data:image/png;base64,([^"]+)"', html) \
            or re.search(r'<img[^>]*src="data:image/png;base64,([^"]+)"[^>]*class="o_queue_skm_qr"', html)
        self.assertTrue(printed, "the ticket has the survey's QR code")
        expected = self.env["ir.actions.report"].barcode("QR", invitation._url(), width=240, height=240)
        other = self.env["ir.actions.report"].barcode("QR", invitation._url() + "0", width=240, height=240)
        png = base64.b64decode(printed.group(1))
        self.assertLess(qr_difference(png, expected), 0.001, "the QR code encodes the personal link")
        self.assertGreater(qr_difference(png, other), 0.01, "and no other")
        # printed again: the same link
        Report._render_qweb_html("pengaduan.action_report_queue_ticket", complaint.ids)
        self.assertEqual(self.Invitation.search([("complaint_id", "=", complaint.id)]), invitation)


@tagged("post_install", "-at_install")
class TestSkmInvitationHttp(InvitationCase, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen = mail_new_test_user(cls.env, login="skm_warga", password="skm_warga_pw",
                                         groups="base.group_portal", name=NAME, email=EMAIL)

    def invitation_url(self, complaint):
        return self.Invitation.search([("complaint_id", "=", complaint.id)])._url()

    def test_portal_and_tracking_pages_show_the_link_then_thank(self):
        complaint = self.answered(self.receive(wib(2026, 11, 23, 9), partner_id=self.citizen.partner_id.id,
                                               reporter_email=EMAIL))
        url = self.invitation_url(complaint)
        self.authenticate("skm_warga", "skm_warga_pw")
        portal = unescape(self.url_open(f"/my/pengaduan/{complaint.id}").text)
        self.assertIn(url, portal)
        self.authenticate(None, None)
        track = unescape(self.url_open(f"/pengaduan/lacak?number={complaint.number}&contact={EMAIL}").text)
        self.assertIn(url, track)
        # once answered, the pages thank instead of inviting again
        self.response_of(url).state = "done"
        track = unescape(self.url_open(f"/pengaduan/lacak?number={complaint.number}&contact={EMAIL}").text)
        self.assertNotIn(url, track)
        self.assertIn("o_pengaduan_skm_invitation", track)
        # staff previewing the complainant's page do not get the link
        self.response_of(url).state = "new"
        self.authenticate(self.officer.login, self.officer.login)
        preview = unescape(self.url_open(f"/my/pengaduan/{complaint.id}").text)
        self.assertIn(complaint.number, preview)
        self.assertNotIn(url, preview)
        self.assertNotIn("o_pengaduan_skm_invitation", preview)
        # a complaint still in progress invites nobody yet
        pending = self.receive(wib(2026, 11, 23, 9), partner_id=self.citizen.partner_id.id, reporter_email=EMAIL)
        self.authenticate("skm_warga", "skm_warga_pw")
        self.assertNotIn("o_pengaduan_skm_invitation", self.url_open(f"/my/pengaduan/{pending.id}").text)

    def test_a_logged_in_complainant_may_fill_in_the_nameless_response(self):
        complaint = self.answered(self.receive(wib(2026, 11, 23, 9), partner_id=self.citizen.partner_id.id,
                                               reporter_email=EMAIL))
        url = self.invitation_url(complaint)
        self.authenticate("skm_warga", "skm_warga_pw")
        page = self.url_open(LINK.search(url).group(0))
        self.assertEqual(page.status_code, 200)
        self.assertIn('value="start"', page.text, "the survey's start page")
        self.assertEqual(self.response_of(url).partner_id, self.env["res.partner"], "still nameless")
        # Odoo's own check stays for every other response: someone else's is refused
        other = self.survey.sudo()._create_answer(partner=self.env["res.partner"].create({"name": "Lain"}),
                                                  check_attempts=False)
        refused = self.url_open(f"/survey/start/{self.survey.access_token}?answer_token={other.access_token}")
        self.assertNotIn('value="start"', refused.text)

    def test_kiosk_starts_a_fresh_nameless_response_for_each_visitor(self):
        self.authenticate(self.officer.login, self.officer.login)  # the counter's tablet, logged in
        page = self.url_open("/skm/isi")
        self.assertIn("o_skm_kiosk_start", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        tokens = []
        for _visitor in range(2):
            started = self.url_open("/skm/isi", data={"csrf_token": csrf}, allow_redirects=False)
            self.assertEqual(started.status_code, 303)
            tokens.append(LINK.search(started.headers["Location"]).group(2))
        self.assertNotEqual(tokens[0], tokens[1])
        responses = self.env["survey.user_input"].sudo().search([("access_token", "in", tokens)])
        self.assertEqual(len(responses), 2)
        self.assertTrue(all(responses.mapped("pengaduan_skm_anonymous")))
        self.assertFalse(responses.partner_id, "not the officer's")
        # without a CSRF token nothing is made
        with mute_logger("odoo.http"):
            refused = self.url_open("/skm/isi", data={"visitor": "1"}, allow_redirects=False)
        self.assertEqual(refused.status_code, 400)

    def test_kiosk_without_an_open_survey(self):
        self.survey.active = False
        page = self.url_open("/skm/isi")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_skm_kiosk_start", page.text)

    def test_invitation_is_nobodys_over_rpc(self):
        complaint = self.answered(self.receive(wib(2026, 11, 23, 9), reporter_email=EMAIL))
        self.assertTrue(self.Invitation.search([("complaint_id", "=", complaint.id)]))
        db, login = self.env.cr.dbname, self.officer.login
        with mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc"), self.assertRaises(Fault):
            self.xmlrpc_object.execute_kw(db, self.officer.id, login, "pengaduan.skm.invitation", "search_read",
                                          [[]], {"fields": ["complaint_id", "user_input_id"]})
        self.authenticate(login, login)
        with mute_logger("odoo.http"), self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.make_jsonrpc_request("/web/dataset/call_kw/pengaduan.skm.invitation/read_group", {
                "model": "pengaduan.skm.invitation", "method": "formatted_read_group",
                "args": [[], ["complaint_id"], ["__count"]], "kwargs": {}})

    def assert_recorded(self, response):
        self.assertEqual(response.state, "done")
        scores = {line.question_id.pengaduan_skm_element: line.suggested_answer_id.answer_score
                  for line in response.user_input_line_ids if line.question_id.pengaduan_skm_element}
        # the tour scores by position: 4 to each element question but the page's last, 3 to that
        last = self.survey.question_ids.filtered("pengaduan_skm_element").sorted("sequence")[-1]
        expected = dict.fromkeys(ikm_tools.ELEMENTS, 4) | {last.pengaduan_skm_element: 3}
        self.assertEqual(scores, expected)
        service = response.user_input_line_ids.filtered(
            lambda line: line.question_id == self.env.ref("pengaduan_skm.survey_skm_profile_service"))
        self.assertEqual(service.suggested_answer_id, self.env.ref("pengaduan_skm.survey_skm_profile_service_4"))
        age = response.user_input_line_ids.filtered(
            lambda line: line.question_id == self.env.ref("pengaduan_skm.survey_skm_profile_age"))
        self.assertEqual(age.value_numerical_box, 35)
        self.assertFalse(response.partner_id)

    def period_of_today(self):
        today = fields.Date.context_today(self.env["pengaduan.skm.period"])
        return self.env["pengaduan.skm.period"].create({
            "name": "Uji tur", "survey_id": self.survey.id, "company_id": self.company.id,
            "date_from": today - timedelta(days=1), "date_to": today + timedelta(days=1), "population": 10})

    def assert_counted(self, period, before):
        """The tour's response counts in the period of its completion date."""
        period.action_compute()
        self.assertEqual(period.respondent_count, before + 1)

    def test_tour_from_the_answer_email(self):
        complaint = self.answered(self.receive(wib(2026, 11, 23, 9), anonymity="anonim", reporter_email=EMAIL))
        url = self.invitation_url(complaint)
        period = self.period_of_today()
        period.action_compute()
        before = period.respondent_count
        self.start_tour(LINK.search(url).group(0), "pengaduan_skm_invitation")
        self.assert_recorded(self.response_of(url))
        self.assert_counted(period, before)
        # answered once: the link does not open a second response
        again = self.url_open(LINK.search(url).group(0))
        self.assertNotIn('value="start"', again.text)
        self.assertEqual(self.response_of(url).state, "done")
        self.assertEqual(self.Invitation.search_count([("complaint_id", "=", complaint.id)]), 1)

    def test_tour_from_the_kiosk(self):
        before = self.env["survey.user_input"].sudo().search([])
        period = self.period_of_today()
        period.action_compute()
        counted = period.respondent_count
        self.start_tour("/skm/isi", "pengaduan_skm_kiosk")
        response = self.env["survey.user_input"].sudo().search([]) - before
        self.assertEqual(len(response), 1)
        self.assertTrue(response.pengaduan_skm_anonymous)
        self.assert_recorded(response)
        self.assert_counted(period, counted)
