"""The first hour of a new office on demo data (issue 10): a letter is drafted, signed and
printed from the demo data alone, and what the complainant receives is in their language,
whoever acts, with the answer addressed to them, the signed letter and the links.

These tests read the demo data (the office, its head, their employees): they need the demo."""

import re
import subprocess

from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


def pdf_text(pdf):
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True,
                          timeout=60).stdout.decode()
    return re.sub(r"[ \t]+", " ", text)


@tagged("post_install", "-at_install")
class TestDemoLetters(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.kepala = cls.env.ref("pengaduan.user_kepala")
        cls.petugas = cls.env.ref("pengaduan.user_petugas")
        cls.complaint = cls.env.ref("pengaduan.complaint_in_progress")

    def render(self, report, records):
        pdf, _format = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            report, records.ids)
        return pdf_text(pdf)

    def test_draft_signed_and_printed_from_demo_data(self):
        # as the complaint's Konsep Surat button opens it
        letter = self.env["pengaduan.letter"].with_user(self.petugas).with_context(
            default_complaint_id=self.complaint.id).create({"body": "<p>Antrean perekaman telah kami tambah.</p>"})
        self.assertEqual(letter.signatory_id, self.env.ref("pengaduan.employee_kepala"),
                         "the head of office named in the settings signs by default")
        letter.with_user(self.kepala).action_sign()
        self.assertEqual(letter.state, "signed")
        html = self.env["ir.actions.report"]._render_qweb_html(letter._report(), letter.ids)[0].decode()
        self.assertIn('class="o_pengaduan_kop"', html)
        self.assertRegex(html, r'<img [^>]*src="data:image/png;base64,', "the office's emblem in the kop")
        text = self.render(letter._report(), letter)
        self.assertIn("PEMERINTAH KOTA DUMAI", text)
        self.assertIn("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA DUMAI", " ".join(text.split()))
        self.assertIn("Jl. Sultan Syarif Kasim No. 12, Dumai, 28812", text)
        for placeholder in ("Marina", "example.com", "yourcompany"):
            self.assertNotIn(placeholder, text)
        self.assertIn("H. Syahrul Effendi", text)
        self.assertIn("Pembina Utama Muda (IV/c)", text)
        self.assertIn("NIP. 19620820 198301 1 001", text)
        # the emblem has a column of its own: the centred lines never run under it
        kop = html[html.index('class="o_pengaduan_kop"'):]
        kop = kop[:kop.index("</table>")]
        self.assertRegex(kop, r'<td[^>]*>\s*<img [^>]*src="data:image/png;base64,[^"]*"[^>]*/?>\s*</td>')
        self.assertRegex(kop, r"<td[^>]*>\s*<div[^>]*>Pemerintah Kota Dumai", "the lines in the next column")

    def test_disposition_sheet_and_register_carry_the_head_nip(self):
        text = self.render("pengaduan.action_report_lembar_disposisi", self.complaint)
        self.assertIn("H. Syahrul Effendi", text)
        self.assertIn("NIP. 19620820 198301 1 001", text)
        wizard = self.env["pengaduan.register.wizard"].with_user(self.petugas).create({
            "date_from": "2026-01-01", "date_to": "2026-12-31", "company_id": self.company.id})
        self.assertEqual(wizard._fields["date_to"].get_description(wizard.with_context(lang="id_ID").env)["string"],
                         "Sampai", "the end of a period, not an addressee (Kepada)")
        for report in ("pengaduan.action_report_register", "pengaduan.action_report_rekap"):
            with self.subTest(report=report):
                text = self.render(report, wizard)
                self.assertIn("NIP. 19620820 198301 1 001", text)
                self.assertIn("PEMERINTAH KOTA DUMAI", text)


@tagged("post_install", "-at_install")
class TestCitizenHearsIndonesian(HttpCase):
    """Staff working in English, over the API: the complainant still hears the office's
    language, and the answer carries the salutation, the signed letter and the links."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.officer = mail_new_test_user(
            cls.env, login="fh_en_officer", name="English Officer", lang="en_US", email="en.officer@example.com",
            groups="base.group_user,pengaduan.group_officer", company_id=cls.company.id)
        cls.head = cls.env.ref("pengaduan.user_kepala")
        cls.head.lang = "en_US"
        cls.category = cls.env.ref("pengaduan.complaint_in_progress").category_id

    def call(self, user, method, ids, context=None):
        """``method`` of the complaints ``ids`` as ``user`` logged in, over JSON-RPC, in English
        (``force_report_rendering``: a real PDF in test mode, where Odoo renders HTML)."""
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(f"/web/dataset/call_kw/pengaduan.complaint/{method}", {
            "model": "pengaduan.complaint", "method": method, "args": [ids],
            "kwargs": {"context": dict(context or {}, lang="en_US")}})

    def sent(self, complaint):
        return self.env["mail.mail"].sudo().search([("model", "=", complaint._name), ("res_id", "=", complaint.id)],
                                                   order="id")

    def test_return_and_answer_in_indonesian_with_letter_and_links(self):
        self.authenticate("fh_en_officer", "fh_en_officer")
        complaint_id = self.make_jsonrpc_request("/web/dataset/call_kw/pengaduan.complaint/create", {
            "model": "pengaduan.complaint", "method": "create",
            "args": [{"name": "Surat pindah belum terbit", "category_id": self.category.id,
                      "reporter_name": "Wati Susanti", "reporter_email": "wati.susanti@warga.example",
                      "description": "<p>Sudah dua minggu.</p>"}],
            "kwargs": {"context": {"lang": "en_US"}}})
        complaint = self.env["pengaduan.complaint"].browse(complaint_id)
        self.assertIn("<p>Pengaduan Masyarakat dibuat</p>", complaint.message_ids.mapped("body"),
                      "the office's record in its language, whoever registers")
        complaint.sudo().return_reason = "Lampirkan fotokopi KK."
        self.call(self.officer, "action_return", [complaint_id])
        returned = self.sent(complaint)[-1:]
        self.assertIn("memerlukan kelengkapan dokumen", returned.subject, returned.subject)
        self.call(self.officer, "action_resume", [complaint_id])
        self.call(self.officer, "action_verify", [complaint_id])
        # the head of office (working in English) disposes: the office's record is in its language
        self.env["pengaduan.disposition"].with_user(self.head).with_context(lang="en_US").create({
            "complaint_id": complaint_id, "to_department_id": self.category.department_id.id,
            "instruction": "study", "note": "Segera."})
        self.assertEqual(complaint.activity_ids.mapped("summary"), [f"Disposisi: {complaint.number}"])
        notes = complaint.message_ids.mapped("body")
        self.assertTrue([body for body in notes if "Disposisi kepada" in body], notes)
        self.assertFalse([body for body in notes if "Disposition to" in body])
        complaint.sudo().write({"answer": "<p>Surat pindah Ibu sudah terbit.</p>"})
        # the head of office signs an answer letter, then the answer goes out
        letter = self.env["pengaduan.letter"].with_user(self.head).with_context(
            default_complaint_id=complaint_id, lang="en_US").create({})
        self.assertEqual(letter.name, f"Konsep surat untuk {complaint.number}", "stored in the office's language")
        self.assertEqual(letter.perihal, f"Jawaban atas pengaduan {complaint.number}")
        letter.with_user(self.head).action_sign()
        self.call(self.head, "action_answer", [complaint_id], context={"force_report_rendering": True})
        answer = self.sent(complaint)[-1:]
        self.assertIn("Jawaban atas pengaduan Anda", answer.subject)
        self.assertIn("Wati Susanti", answer.body_html, "the answer is addressed to the complainant")
        self.assertIn("Surat pindah Ibu sudah terbit.", answer.body_html)
        self.assertIn(f"/pengaduan/lacak?number={complaint.number}", answer.body_html)
        self.assertRegex(answer.body_html, r"/rate/[^/\"]+/5")
        self.assertEqual(len(answer.attachment_ids), 1, "the signed letter goes with the answer")
        self.assertTrue(answer.attachment_ids.raw.startswith(b"%PDF"))
        self.assertIn(letter.number.replace("/", "-"), answer.attachment_ids.name)

    def test_acknowledgement_links_to_the_tracking_page(self):
        complaint = self.env["pengaduan.complaint"].with_user(self.officer).with_context(lang="en_US").create({
            "name": "KK belum dicetak", "category_id": self.category.id, "reporter_name": "Joko Widodo",
            "reporter_email": "joko.w@warga.example"})
        self.env.ref("pengaduan.mail_template_acknowledgement").sudo().send_mail(complaint.id, force_send=False)
        ack = self.sent(complaint)[-1:]
        self.assertIn("/pengaduan/lacak?number=", ack.body_html)
        self.assertNotIn("Your complaint has been received", ack.subject, "in Indonesian")
