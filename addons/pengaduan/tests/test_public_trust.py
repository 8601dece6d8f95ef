"""What the public form takes on trust, over HTTP as a browser sends it: nothing.

Oversized or control-character values, files whose content is not what their name says, our own
addresses as the complainant's, and the e-mail address of an existing user typed by anybody (the
complaint joins that user's account only once confirmed from that mailbox). Every refusal is a
page with a message naming what is wrong, and leaves nothing behind.
"""

import io
import json
import re
import zipfile
from contextlib import contextmanager
from unittest.mock import patch
from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged
from odoo.tools.translate import code_translations

from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.pengaduan_complaint_public import FORM_LIMITS
from ..tools.uploads import DOCX

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# the first bytes of a Windows executable (DOS header, PE signature): what a renamed .exe starts with
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00" \
    + b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 20 + b"PE\x00\x00L\x01" + b"\x00" * 200

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Fotokopi KK</w:t></w:r></w:p></w:body></w:document>"
)


def make_zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


# the smallest document Word opens: content types, package relationships, main document part
REAL_DOCX = make_zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": DOCUMENT})
# looks like a Word document to a type sniffer ([Content_Types].xml and a word/ folder) but has no document
HOLLOW_DOCX = make_zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                        "word/styles.xml": "<w:styles/>", "word/vbaProject.bin": EXE})
# any zip archive
PLAIN_ZIP = make_zip({"setup.exe": EXE, "readme.txt": "jalankan setup.exe"})

# a value of each field that the form would accept, to go just over its limit
OVER_LIMIT = {
    "reporter_name": "A" * (FORM_LIMITS["reporter_name"] + 1),
    "reporter_email": "a" * (FORM_LIMITS["reporter_email"] - len("@example.com") + 1) + "@example.com",
    "reporter_phone": "0" * (FORM_LIMITS["reporter_phone"] + 1),
    "nik": "1" * (FORM_LIMITS["nik"] + 1),
    "category_id": "1" * (FORM_LIMITS["category_id"] + 1),
    "name": "S" * (FORM_LIMITS["name"] + 1),
    "description": "D" * (FORM_LIMITS["description"] + 1),
    "anonymity": "n" * (FORM_LIMITS["anonymity"] + 1),
    "statement_true": "1" * (FORM_LIMITS["statement_true"] + 1),
}
FIELD_NAMES = {
    "reporter_name": "The name",
    "reporter_email": "The e-mail address",
    "reporter_phone": "The phone number",
    "nik": "The NIK",
    "category_id": "The category",
    "name": "The subject",
    "description": "The description of your complaint",
    "anonymity": "The identity choice",
    "statement_true": "The statement of truth",
}
# a valid value of each field, to spoil with a NUL byte
VALID = {
    "reporter_name": "Ani Wijaya",
    "reporter_email": "ani.web@example.com",
    "reporter_phone": "0812-7000-1234",
    "nik": "1472015508900003",
    "name": "KK belum jadi",
    "description": "Sudah dua minggu.",
    "anonymity": "none",
    "statement_true": "1",
}


@tagged("post_install", "-at_install")
class TestPublicTrust(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["pengaduan.complaint"]
        cls.env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "500")
        cls.env["ir.config_parameter"].set_param("pengaduan.track_rate_limit", "500")
        cls.website = cls.env["website"].get_current_website()
        # the language of the acknowledgements without a partner
        cls.env["res.lang"]._activate_lang("id_ID")
        # the Indonesian body of the acknowledgement is a whole translation (i18n/id.po, kept
        # complete by test_i18n): the one of the current source here, whatever the po holds now
        template = cls.env.ref("pengaduan.mail_template_acknowledgement")
        template.with_context(lang="id_ID").body_html = template.with_context(lang="en_US").body_html
        cls.category = cls.env["pengaduan.category"].create({"name": "Kategori Uji Publik",
                                                            "company_id": cls.website.company_id.id})
        cls.portal_user = mail_new_test_user(cls.env, login="warga_terdaftar", password="warga_terdaftar_pw",
                                             email="warga.terdaftar@example.com", groups="base.group_portal",
                                             name="Warga Terdaftar")
        cls.internal_user = mail_new_test_user(cls.env, login="petugas_terdaftar", email="petugas@example.com",
                                               groups="base.group_user", name="Petugas Terdaftar")

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def csrf_token(self, url="/pengaduan"):
        page = self.url_open(url).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def post(self, data=None, files=None, url="/pengaduan"):
        values = {"reporter_name": "Ani Wijaya", "reporter_email": "ani.web@example.com",
                  "name": "KK belum jadi", "description": "Sudah dua minggu.", "anonymity": "none",
                  "csrf_token": self.csrf_token(url)}
        values.update(data or {})
        return self.url_open(url, data=values, files=files)

    def errors_block(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Traceback", response.text)
        block = re.search(r'<div[^>]*id="pengaduan_form_errors"[^>]*>.*?</div>', response.text, re.S)
        self.assertTrue(block, "the form comes back with its messages")
        return block.group(0)

    def assert_refused(self, response, *messages):
        block = self.errors_block(response)
        for message in messages:
            self.assertIn(message, block)

    @contextmanager
    def assert_nothing_created(self):
        complaints = self.Complaint.search_count([])
        attachments = self.env["ir.attachment"].search_count([("res_model", "=", "pengaduan.complaint")])
        yield
        self.assertEqual(self.Complaint.search_count([]), complaints, "no complaint created")
        self.assertEqual(self.env["ir.attachment"].search_count([("res_model", "=", "pengaduan.complaint")]),
                         attachments, "no file kept")

    def last_complaint(self):
        return self.Complaint.search([], order="id desc", limit=1)

    def confirm_path(self, complaint):
        return urlsplit(complaint.sudo().reporter_confirm_url).path

    # ------------------------------------------------------------------
    # lengths and control characters
    # ------------------------------------------------------------------
    def test_each_field_over_its_limit_is_refused(self):
        for field, value in OVER_LIMIT.items():
            with self.subTest(field=field), self.assert_nothing_created():
                response = self.post({field: value})
                self.assert_refused(response, f"{FIELD_NAMES[field]} is too long: at most {FORM_LIMITS[field]} "
                                              f"characters (now {len(value)}).")

    def test_each_field_at_its_limit_is_accepted(self):
        # the limits are the most characters a field holds, not one less
        count = self.Complaint.search_count([])
        self.post({"reporter_name": "A" * FORM_LIMITS["reporter_name"], "name": "S" * FORM_LIMITS["name"],
                   "description": "D" * FORM_LIMITS["description"]})
        self.assertEqual(self.Complaint.search_count([]), count + 1)
        self.assertEqual(len(self.last_complaint().name), FORM_LIMITS["name"])

    def test_huge_value_is_refused_with_a_page(self):
        with self.assert_nothing_created():
            response = self.post({"description": "D" * 2_000_000})
            self.assert_refused(response, "The description of your complaint is too long")
            self.assertLess(len(self.errors_block(response)), 2000, "the message does not repeat the value")

    def test_nul_byte_in_any_field_is_refused(self):
        for field, value in VALID.items():
            for files in (None, [("attachments", ("kk.pdf", PDF, "application/pdf"))]):  # urlencoded, multipart
                with self.subTest(field=field, multipart=bool(files)), self.assert_nothing_created():
                    response = self.post({**VALID, field: value[:3] + "\x00" + value[3:]}, files=files)
                    self.assert_refused(response, f"{FIELD_NAMES[field]} contains characters that are not allowed")
                    self.assertNotIn("\x00", response.text)
        with self.subTest(field="category_id"), self.assert_nothing_created():
            self.assert_refused(self.post({**VALID, "category_id": f"{self.category.id}\x00"}),
                                "The category contains characters that are not allowed")

    def test_other_control_characters_are_refused(self):
        with self.assert_nothing_created():
            self.assert_refused(self.post({"name": "Judul\x1b[31m merah"}), "The subject contains characters")
        # tabs and line breaks are text
        count = self.Complaint.search_count([])
        self.post({"description": "Baris satu\r\nBaris dua\tdengan tab"})
        self.assertEqual(self.Complaint.search_count([]), count + 1)

    def test_nul_byte_in_a_file_name_is_refused(self):
        # written by hand: requests would percent-encode the NUL of a file name
        boundary = "pengaduan-uji-boundary"
        fields = {**VALID, "csrf_token": self.csrf_token()}
        body = b"".join(
            b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (boundary.encode(), key.encode(), value.encode()) for key, value in fields.items()
        ) + (b'--%s\r\nContent-Disposition: form-data; name="attachments"; filename="kk\x00.exe.pdf"\r\n'
             b"Content-Type: application/pdf\r\n\r\n%s\r\n--%s--\r\n") % (boundary.encode(), PDF, boundary.encode())
        with self.assert_nothing_created():
            response = self.url_open("/pengaduan", data=body,
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
            self.assert_refused(response, "contains characters that are not allowed: rename it")

    def test_forged_identity_choice_is_refused(self):
        # a tampered choice is never taken for "not anonymous"
        with self.assert_nothing_created():
            self.assert_refused(self.post({"anonymity": "bukan"}), "whether your identity may be known")

    # ------------------------------------------------------------------
    # files
    # ------------------------------------------------------------------
    def test_fake_docx_is_refused(self):
        cases = [
            ("surat.docx", HOLLOW_DOCX, "is not a real Word (DOCX) document"),
            ("surat.docx", PLAIN_ZIP, "is not a PDF, JPG, PNG or DOCX document"),
            ("surat.docx", EXE, "is not a PDF, JPG, PNG or DOCX document"),
        ]
        for name, data, message in cases:
            with self.subTest(message=message), self.assert_nothing_created():
                self.assert_refused(self.post(files=[("attachments", (name, data, DOCX))]),
                                    f"The file {name} {message}")

    def test_real_docx_is_accepted(self):
        self.post(files=[("attachments", ("surat.docx", REAL_DOCX, DOCX))])
        complaint = self.last_complaint()
        attachment = self.env["ir.attachment"].search([("res_model", "=", complaint._name),
                                                       ("res_id", "=", complaint.id)])
        self.assertEqual(attachment.name, "surat.docx")
        self.assertEqual(attachment.mimetype, DOCX)
        self.assertEqual(attachment.raw, REAL_DOCX)

    def test_exe_renamed_pdf_is_refused(self):
        with self.assert_nothing_created():
            self.assert_refused(self.post(files=[("attachments", ("laporan.pdf", EXE, "application/pdf"))]),
                                "The file laporan.pdf is not a PDF, JPG, PNG or DOCX document")

    def test_a_refused_file_refuses_the_whole_complaint(self):
        with self.assert_nothing_created():
            self.assert_refused(self.post(files=[("attachments", ("kk.pdf", PDF, "application/pdf")),
                                                 ("attachments", ("lampiran.pdf", EXE, "application/pdf"))]),
                                "lampiran.pdf")

    # ------------------------------------------------------------------
    # the e-mail address of an existing user
    # ------------------------------------------------------------------
    def check_user_address_waits_for_confirmation(self, user):
        partner = user.partner_id
        # typed by anybody, in any case
        self.post({"name": "Atas nama orang lain", "reporter_email": user.email.upper()})
        complaint = self.last_complaint()
        self.assertEqual(complaint.name, "Atas nama orang lain")
        self.assertFalse(complaint.partner_id, "not linked to the account on the visitor's word")
        self.assertNotIn(partner, complaint.message_partner_ids, "the user does not follow it")
        self.assertEqual(complaint.reporter_email, user.email)
        if user.share:
            self.assertFalse(complaint.with_user(user).search([("id", "=", complaint.id)]),
                             "not in that user's portal")

        self.Complaint._cron_send_acknowledgements()
        mail = self.env["mail.mail"].sudo().search([("subject", "like", complaint.number)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, user.email, "the acknowledgement goes to the typed address only")
        self.assertFalse(mail.recipient_ids)
        url = complaint.sudo().reporter_confirm_url
        self.assertTrue(url)
        self.assertIn(f'href="{url}"', mail.body_html)
        self.assertNotIn(partner, complaint.message_partner_ids)

        # opening the link (a mail scanner does) changes nothing
        path = self.confirm_path(complaint)
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_pengaduan_confirm_button", page.text)
        complaint.invalidate_recordset()
        self.assertFalse(complaint.partner_id)
        self.assertNotIn(partner, complaint.message_partner_ids)

        # the button confirms
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        done = self.url_open(path, data={"csrf_token": token})
        self.assertEqual(done.status_code, 200)
        self.assertIn("o_pengaduan_confirm_done", done.text)
        complaint.invalidate_recordset()
        self.assertEqual(complaint.partner_id, partner)
        self.assertIn(partner, complaint.message_partner_ids)
        if user.share:
            self.assertTrue(complaint.with_user(user).search([("id", "=", complaint.id)]), "now in the user's portal")
        self.assertFalse(complaint.sudo().reporter_confirm_url, "nothing left to confirm")
        # the link stays harmless once used
        self.assertIn("o_pengaduan_confirm_done", self.url_open(path).text)
        self.assertIn("o_pengaduan_confirm_done", self.url_open(path, data={"csrf_token": token}).text)
        self.assertEqual(complaint.message_partner_ids.filtered(lambda p: p == partner), partner)

    def test_portal_user_address_waits_for_confirmation(self):
        self.check_user_address_waits_for_confirmation(self.portal_user)

    def test_internal_user_address_waits_for_confirmation(self):
        self.check_user_address_waits_for_confirmation(self.internal_user)

    def test_wrong_confirmation_token_does_nothing(self):
        self.post({"name": "Token salah", "reporter_email": self.portal_user.email})
        complaint = self.last_complaint()
        self.post({"name": "Pengaduan lain", "reporter_email": self.portal_user.email})
        other = self.last_complaint()
        self.assertNotEqual(complaint, other)
        path = self.confirm_path(complaint)
        token = path.rsplit("/", 1)[1]
        csrf = self.csrf_token()
        wrong_paths = [
            path[:-1] + ("0" if path[-1] != "0" else "1"),  # one character off
            f"/pengaduan/konfirmasi/{complaint.id}/{'x' * 200}",
            f"/pengaduan/konfirmasi/{complaint.id}/%C3%A9{token[2:]}",  # not ASCII
            f"/pengaduan/konfirmasi/{other.id}/{token}",  # the token of another complaint
            f"/pengaduan/konfirmasi/{complaint.id + 100000}/{token}",  # no such complaint
        ]
        for wrong in wrong_paths:
            with self.subTest(path=wrong):
                for data in (None, {"csrf_token": csrf}):
                    response = self.url_open(wrong, data=data)
                    self.assertEqual(response.status_code, 200)
                    self.assertIn("o_pengaduan_confirm_invalid", response.text)
                    self.assertNotIn("o_pengaduan_confirm_button", response.text)
        (complaint | other).invalidate_recordset()
        self.assertFalse((complaint | other).partner_id)
        self.assertNotIn(self.portal_user.partner_id, (complaint | other).message_partner_ids)

    def test_confirmation_needs_the_csrf_token(self):
        self.post({"name": "Tanpa CSRF", "reporter_email": self.portal_user.email})
        complaint = self.last_complaint()
        response = self.url_open(self.confirm_path(complaint), data={"confirm": "1"})
        self.assertEqual(response.status_code, 400)
        complaint.invalidate_recordset()
        self.assertFalse(complaint.partner_id)

    def test_user_typing_own_address_while_logged_in_is_linked_at_once(self):
        self.authenticate("warga_terdaftar", "warga_terdaftar_pw")
        self.post({"name": "Milik saya sendiri", "reporter_email": self.portal_user.email})
        complaint = self.last_complaint()
        self.assertEqual(complaint.partner_id, self.portal_user.partner_id)
        self.assertFalse(complaint.sudo().reporter_confirm_url)

    def test_anonymous_complaint_with_user_address_has_no_link(self):
        self.post({"name": "Anonim", "reporter_email": self.portal_user.email, "anonymity": "anonim"})
        complaint = self.last_complaint()
        self.assertNotEqual(complaint.partner_id, self.portal_user.partner_id)
        self.assertFalse(complaint.sudo().reporter_confirm_url, "an anonymous complaint joins no account")

    # ------------------------------------------------------------------
    # our own addresses
    # ------------------------------------------------------------------
    def test_own_addresses_are_refused(self):
        domain = self.env["mail.alias.domain"].create({"name": "kantor-uji.example"})
        self.env["mail.alias"].create({
            "alias_name": "aduan-uji", "alias_domain_id": domain.id,
            "alias_model_id": self.env["ir.model"]._get_id("pengaduan.complaint"),
        })
        self.website.company_id.email = "Humas Kantor <humas@kantor-uji.example>"
        for address in ["aduan-uji@kantor-uji.example", "CATCHALL@kantor-uji.example", "bounce@kantor-uji.example",
                        "notifications@kantor-uji.example", "humas@kantor-uji.example"]:
            with self.subTest(address=address), self.assert_nothing_created():
                self.assert_refused(self.post({"reporter_email": address}),
                                    f"The e-mail address {address.lower()} is one of our own addresses")
        # a neighbour of the same domain is somebody's own address
        count = self.Complaint.search_count([])
        self.post({"reporter_email": "warga@kantor-uji.example"})
        self.assertEqual(self.Complaint.search_count([]), count + 1)

    # ------------------------------------------------------------------
    # translation
    # ------------------------------------------------------------------
    def test_refusals_are_translated(self):
        lang = self.env["res.lang"]._activate_lang("id_ID")
        self.website.language_ids |= lang
        url_code = lang.url_code
        fake = {
            "%(field)s is too long: at most %(max)s characters (now %(length)s).":
                "%(field)s terlalu panjang: paling banyak %(max)s karakter (sekarang %(length)s).",
            "The subject": "Judul",
            "%(field)s contains characters that are not allowed (control characters): remove them.":
                "%(field)s berisi karakter terlarang: hapuslah.",
            "The name": "Nama",
            "The file %(name)s is not a PDF, JPG, PNG or DOCX document.":
                "Berkas %(name)s bukan dokumen PDF, JPG, PNG, atau DOCX.",
        }
        get_python_translations = code_translations.get_python_translations

        def translations(module, lang_code):
            found = get_python_translations(module, lang_code)
            return {**found, **fake} if (module, lang_code) == ("pengaduan", "id_ID") else found

        url = f"/{url_code}/pengaduan"
        with patch.object(code_translations, "get_python_translations", translations), \
                self.assert_nothing_created():
            self.assert_refused(self.post({"name": "S" * 201}, url=url),
                                "Judul terlalu panjang: paling banyak 200 karakter (sekarang 201).")
            self.assert_refused(self.post({"reporter_name": "A\x00"}, url=url), "Nama berisi karakter terlarang")
            self.assert_refused(self.post(url=url, files=[("attachments", ("a.pdf", EXE, "application/pdf"))]),
                                "Berkas a.pdf bukan dokumen PDF, JPG, PNG, atau DOCX.")
            # and in English for the visitor who has not chosen Indonesian
            self.opener.cookies.clear()
            self.assert_refused(self.post({"name": "S" * 201}), "The subject is too long")

    # ------------------------------------------------------------------
    # rate limit
    # ------------------------------------------------------------------
    def test_reserve_and_release(self):
        Log = self.env["pengaduan.request.log"]
        first, second = Log._reserve("form", "198.51.100.7", 2), Log._reserve("form", "198.51.100.7", 2)
        self.assertTrue(first and second and first != second)
        self.assertFalse(Log._reserve("form", "198.51.100.7", 2), "the limit is reached")
        self.assertTrue(Log._reserve("form", "198.51.100.8", 2), "per IP address")
        self.assertTrue(Log._reserve("track", "198.51.100.7", 2), "per kind")
        Log._release(first)
        self.assertTrue(Log._reserve("form", "198.51.100.7", 2), "a released request does not count")
        self.assertFalse(Log._reserve("form", "198.51.100.7", 2))
        self.assertFalse(Log._reserve("form", "198.51.100.9", 0), "no request at all")

    def test_refused_submissions_do_not_use_up_the_rate_limit(self):
        self.env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "1")
        self.post({"name": "S" * 201})
        self.post(files=[("attachments", ("laporan.pdf", EXE, "application/pdf"))])
        count = self.Complaint.search_count([])
        self.post({"name": "Diterima"})
        self.assertEqual(self.Complaint.search_count([]), count + 1)
        self.assert_refused(self.post({"name": "Kedua"}), "Too many complaints")

    # ------------------------------------------------------------------
    # the chatter's upload on a complaint
    # ------------------------------------------------------------------
    def upload(self, complaint, name, data, is_pending=False):
        values = {"thread_id": str(complaint.id), "thread_model": complaint._name, "csrf_token": self.csrf_token()}
        if is_pending:
            values["is_pending"] = "true"
        response = self.url_open("/mail/attachment/upload", data=values,
                                 files={"ufile": (name, data, "application/octet-stream")})
        self.assertEqual(response.status_code, 200)
        return json.loads(response.text)

    def test_portal_upload_is_checked(self):
        complaint = self.Complaint.create({"name": "Berkas portal", "partner_id": self.portal_user.partner_id.id})
        Attachment = self.env["ir.attachment"]
        self.authenticate("warga_terdaftar", "warga_terdaftar_pw")
        for name, data, message in [
            ("laporan.pdf", EXE, "The file laporan.pdf is not a PDF, JPG, PNG or DOCX document."),
            ("surat.docx", HOLLOW_DOCX, "The file surat.docx is not a real Word (DOCX) document."),
            ("setup.exe", EXE, "The file setup.exe is not a PDF, JPG, PNG or DOCX document."),
            ("catatan.txt", b"teks biasa", "The file catatan.txt is not a PDF, JPG, PNG or DOCX document."),
            ("kk.png", PDF, "The file kk.png is a PDF document but its name says otherwise"),
        ]:
            for is_pending in (False, True):
                with self.subTest(name=name, is_pending=is_pending):
                    count = Attachment.search_count([])
                    answer = self.upload(complaint, name, data, is_pending)
                    self.assertIn(message, answer.get("error", ""))
                    self.assertNotIn("data", answer)
                    self.assertEqual(Attachment.search_count([]), count, "nothing stored")
        self.env["ir.config_parameter"].set_param("pengaduan.attachment_max_mb", "1")
        answer = self.upload(complaint, "besar.pdf", PDF + b"0" * (1024 * 1024))
        self.assertIn("is larger than 1 MB", answer["error"])

        for name, data, mimetype in [("kk.pdf", PDF, "application/pdf"), ("surat.docx", REAL_DOCX, DOCX)]:
            answer = self.upload(complaint, name, data, is_pending=True)
            attachment = Attachment.browse(answer["data"]["attachment_id"])
            self.assertEqual((attachment.name, attachment.mimetype, attachment.raw), (name, mimetype, data),
                             "the whole file is stored, not only what was checked")

    def test_portal_upload_elsewhere_and_officer_upload_unchanged(self):
        complaint = self.Complaint.create({"name": "Berkas petugas"})
        self.internal_user.group_ids |= self.env.ref("pengaduan.group_manager")
        self.internal_user.password = "petugas_terdaftar_pw"
        self.authenticate("petugas_terdaftar", "petugas_terdaftar_pw")
        answer = self.upload(complaint, "catatan.txt", b"catatan internal")
        self.assertEqual(self.env["ir.attachment"].browse(answer["data"]["attachment_id"]).name, "catatan.txt")
