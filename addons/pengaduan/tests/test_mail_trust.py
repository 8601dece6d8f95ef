"""What the e-mail channel trusts, tested as an attacker writes mail.

Raw messages go through ``mail.thread.message_process`` as the mailgate script and fetchmail
hand them over (see test_mail_gateway): replies from strangers, forged display names, absurd
dates, oversized or executable attachments, mail from our own addresses, broken charsets and
NUL bytes, and the anonymity of a complainant who answers by e-mail.
"""

import base64
import uuid
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.mail import email_normalize, email_split, formataddr

from odoo.addons.mail.tests.common import MailCommon, mail_new_test_user

GATEWAY_LOGGERS = ("odoo.addons.mail.models.mail_thread", "odoo.addons.mail.models.mail_mail",
                   "odoo.addons.pengaduan.models.mail_thread")
COMPLAINANT = "budi.uji@example.com"
ATTACKER = "penyerang@evil.test"
# a small but real PDF (the one of tests/data/attachments.eml)
PDF = base64.b64decode(
    "JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqCjIgMCBv"
    "Ymo8PC9UeXBlL1BhZ2VzL0tpZHNbMyAwIFJdL0NvdW50IDE+PmVuZG9iagozIDAgb2JqPDwvVHlw"
    "ZS9QYWdlL1BhcmVudCAyIDAgUi9NZWRpYUJveFswIDAgMjAwIDIwMF0+PmVuZG9iagp0cmFpbGVy"
    "PDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==")
# the start of a Windows executable (DOS stub): what guess_mimetype sees of a real .exe
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 45 + b"\x80\x00\x00\x00" \
    + b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200


@tagged("post_install", "-at_install", "pengaduan_mail")
class TestMailTrust(MailCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["pengaduan.complaint"]
        cls.channel_email = cls.env.ref("pengaduan.channel_email")
        cls.company = cls.company_admin
        cls.company.write({
            "email": "kantor@disdukcapil-uji.example",
            "pengaduan_calendar_id": cls.env.ref("pengaduan.resource_calendar_office").id,
        })
        cls.alias_email = cls.company.pengaduan_alias_id.alias_full_name
        cls.alias_c2_email = cls.company_2.pengaduan_alias_id.alias_full_name
        cls.officer = mail_new_test_user(
            cls.env, login="pgd_trust_officer", name="Petugas Trust",
            email="petugas.trust@pemkot-uji.example", company_id=cls.company.id,
            groups="base.group_user,pengaduan.group_officer",
        )

    def setUp(self):
        super().setUp()
        self.new_complaints = self.Complaint

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def mail(self, sender=f"Budi Santoso <{COMPLAINANT}>", subject="Pelayanan KTP lambat", message_id=None,
             headers="", body="Saya menunggu KTP-el tiga bulan.", to=None, date="Mon, 02 Feb 2026 09:15:00 +0700",
             content_type="text/plain; charset=utf-8"):
        message_id = message_id or f"<{uuid.uuid4().hex}@uji.example>"
        date_line = f"Date: {date}\n" if date else ""
        return (f"From: {sender}\nTo: {to or self.alias_email}\nSubject: {subject}\n{date_line}"
                f"Message-ID: {message_id}\n{headers}MIME-Version: 1.0\nContent-Type: {content_type}\n\n"
                f"{body}\n").encode()

    def reply_headers(self, message_id):
        return f"In-Reply-To: {message_id}\nReferences: {message_id}\n"

    def gateway(self, raw, save_original=False):
        """Deliver ``raw``; the complaint it went to (empty when dropped). ``self._new_mails``:
        the e-mails queued meanwhile, ``self.new_complaints``: the complaints it created."""
        before = self.Complaint.search([]).ids
        with self.mock_mail_gateway():
            thread_id = self.env["mail.thread"].sudo().message_process(None, raw, save_original=save_original)
            self.Complaint._cron_send_acknowledgements()
        self.new_complaints = self.Complaint.search([("id", "not in", before)])
        return self.Complaint.browse(thread_id or [])

    def incoming(self, complaint, message_id):
        return complaint.sudo().message_ids.filtered(lambda m: m.message_id == message_id)

    def attachments_of(self, complaint):
        return self.env["ir.attachment"].search([("res_model", "=", complaint._name), ("res_id", "=", complaint.id)])

    def return_complaint(self, complaint):
        officer_complaint = complaint.with_user(self.officer)
        officer_complaint.action_verify()
        officer_complaint.return_reason = "Fotokopi Kartu Keluarga belum dilampirkan"
        with self.mock_mail_gateway():
            officer_complaint.action_return()
        self.assertEqual(complaint.state, "returned")
        notice = self._new_mails.filtered(
            lambda m: m.res_id == complaint.id and complaint.partner_id in m.recipient_ids)
        self.assertEqual(len(notice), 1)
        return notice

    def multipart(self, files, sender=f"Budi Santoso <{COMPLAINANT}>", subject="Berkas terlampir",
                  body="Berkas saya terlampir. TEKS-LAMPIRAN"):
        """A multipart/mixed message with ``files`` (name, bytes, content type) attached."""
        boundary = uuid.uuid4().hex
        parts = [f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"]
        for name, data, content_type in files:
            encoded = base64.encodebytes(data).decode()
            parts.append(f'--{boundary}\nContent-Type: {content_type}; name="{name}"\n'
                         f'Content-Disposition: attachment; filename="{name}"\n'
                         f"Content-Transfer-Encoding: base64\n\n{encoded}")
        return self.mail(sender=sender, subject=subject, content_type=f'multipart/mixed; boundary="{boundary}"',
                         body="\n".join(parts) + f"\n--{boundary}--")

    # ------------------------------------------------------------------
    # 1. who answers
    # ------------------------------------------------------------------
    def test_reply_from_another_sender_is_an_unknown_note(self):
        complaint = self.gateway(self.mail(message_id="<trust-awal@uji.example>"))
        self.assertEqual(complaint.reporter_email, COMPLAINANT)
        complaint.message_subscribe(self.officer.partner_id.ids)
        notice = self.return_complaint(complaint)
        attacker = self.env["res.partner"].create({"name": "Penyerang", "email": ATTACKER})
        senders = {
            "stranger": f"Penyerang <{ATTACKER}>",
            "display name is the complainant's address": f'"{COMPLAINANT}" <{ATTACKER}>',
            "unquoted display name": f"{COMPLAINANT} <{ATTACKER}>",
            "display name and comment": f'"Budi Santoso ({COMPLAINANT})" <{ATTACKER}>',
            "encoded display name": f"=?utf-8?q?{COMPLAINANT.replace('@', '=40')}?= <{ATTACKER}>",
            "address after the angle address": f"<{ATTACKER}> {COMPLAINANT}",
            "employee of another office": formataddr((self.user_employee_c2.name, self.user_employee_c2.email)),
        }
        for index, (case, sender) in enumerate(senders.items()):
            with self.subTest(case=case):
                message_id = f"<trust-asing-{index}@evil.test>"
                result = self.gateway(self.mail(
                    sender=sender, subject=f"Re: {notice.subject}", message_id=message_id,
                    headers=self.reply_headers(notice.message_id), body=f"Berkas palsu. ASING-{index}"))
                self.assertEqual(result, complaint, "threaded to the complaint")
                self.assertFalse(self.new_complaints)
                message = self.incoming(complaint, message_id)
                self.assertEqual(len(message), 1)
                self.assertIn(f"ASING-{index}", message.body)
                self.assertTrue(message.is_internal, "an internal note")
                self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
                self.assertIn("From an unknown sender", message.body)
                self.assertNotEqual(message.author_id, complaint.partner_id)
                self.assertFalse(message.notification_ids, "nobody notified")
                self.assertFalse(self._new_mails, f"not relayed: {self._new_mails.mapped('email_to')}")
                self.assertEqual(complaint.state, "returned", "not resumed")
                self.assertTrue(complaint.date_paused)
                self.assertNotIn(attacker, complaint.message_partner_ids, "the stranger does not follow")

        # an internal user of the office: posted as it came, without effect on the workflow
        result = self.gateway(self.mail(
            sender=formataddr((self.officer.name, self.officer.email)), subject=f"Re: {notice.subject}",
            message_id="<trust-petugas@uji.example>", headers=self.reply_headers(notice.message_id),
            body="Catatan petugas. PETUGAS"))
        self.assertEqual(result, complaint)
        message = self.incoming(complaint, "<trust-petugas@uji.example>")
        self.assertFalse(message.is_internal)
        self.assertNotIn("From an unknown sender", message.body)
        self.assertEqual(complaint.state, "returned", "staff do not complete the complainant's file")

        # the complainant's real address: a normal message, and the file is complete again
        result = self.gateway(self.mail(
            sender=f"Budi Santoso <{COMPLAINANT.upper()}>", subject=f"Re: {notice.subject}",
            message_id="<trust-pelapor@uji.example>", headers=self.reply_headers(notice.message_id),
            body="Fotokopi KK terlampir. ASLI"))
        self.assertEqual(result, complaint)
        message = self.incoming(complaint, "<trust-pelapor@uji.example>")
        self.assertIn("ASLI", message.body)
        self.assertFalse(message.is_internal)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertNotIn("From an unknown sender", message.body)
        self.assertEqual(message.author_id, complaint.partner_id)
        self.assertEqual(complaint.state, "verified", "resumed")
        self.assertFalse(complaint.date_paused)

    # ------------------------------------------------------------------
    # 2. the Date header
    # ------------------------------------------------------------------
    def test_date_received_stays_within_what_the_office_accepts(self):
        now = datetime(2026, 11, 20, 3, 0, 0)
        self.company.pengaduan_mail_max_age_days = 30

        def created(days_ago):
            self.env.flush_all()
            self.env.cr.execute("UPDATE res_company SET create_date = %s WHERE id = %s",
                                (now - timedelta(days=days_ago), self.company.id))
            self.company.invalidate_recordset(["create_date"])

        def received(date, tag):
            with freeze_time(now):
                complaint = self.gateway(self.mail(date=date, subject=f"Tanggal {tag}",
                                                   message_id=f"<trust-date-{tag}@uji.example>"))
            self.assertTrue(complaint, tag)
            return complaint.date_received

        def rfc(value):
            return format_datetime(value.replace(tzinfo=timezone.utc))

        recent = now - timedelta(days=2, hours=3)
        for days_ago, oldest in ((400, now - timedelta(days=30)), (5, now - timedelta(days=5))):
            created(days_ago)
            with self.subTest(company_created_days_ago=days_ago):
                for tag, date in (("1900", "Mon, 01 Jan 1900 09:00:00 +0700"),
                                  ("1900-naive", "Mon, 01 Jan 1900 00:00:00"),
                                  ("future", "Mon, 23 Nov 2099 09:00:00 +0700"),
                                  ("tomorrow", rfc(now + timedelta(days=1))),
                                  ("before-the-office", rfc(now - timedelta(days=10)))):
                    value = received(date, f"{days_ago}-{tag}")
                    self.assertGreaterEqual(value, oldest, tag)
                    self.assertLessEqual(value, now, tag)
                # a normal recent date is the date received
                self.assertEqual(received(rfc(recent), f"{days_ago}-recent"), recent)
        # within both limits: kept
        created(400)
        self.assertEqual(received(rfc(now - timedelta(days=10)), "ten-days"), now - timedelta(days=10))

    # ------------------------------------------------------------------
    # 3. attachments
    # ------------------------------------------------------------------
    def test_oversized_and_executable_attachments_are_refused_and_noted(self):
        big = b"%PDF-1.4\n" + b"0" * (25 * 1024 * 1024)
        raw = self.multipart([("laporan_besar.pdf", big, "application/pdf"),
                              ("setup.exe", EXE, "application/octet-stream"),
                              ("bukti.pdf", PDF, "application/pdf")])
        complaint = self.gateway(raw)
        self.assertEqual(self.new_complaints, complaint, "the complaint is created")
        self.assertIn("TEKS-LAMPIRAN", complaint.description)
        message = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(message), 1, "and its message")
        kept = self.attachments_of(complaint)
        self.assertEqual(kept.mapped("name"), ["bukti.pdf"])
        self.assertEqual(kept.raw, PDF)
        self.assertEqual(message.attachment_ids, kept)
        note = complaint.message_ids.filtered(lambda m: "were not kept" in (m.body or ""))
        self.assertEqual(len(note), 1, "the refused files are listed in a note")
        self.assertTrue(note.is_internal or note.subtype_id.internal or note.message_type == "notification")
        self.assertIn("laporan_besar.pdf is larger than 10 MB", note.body)
        self.assertIn("setup.exe is not a PDF, JPG, PNG or DOCX document", note.body)
        self.assertNotIn("bukti.pdf", note.body)
        self.assertNotIn(COMPLAINANT, note.body, "the note does not name the sender")

    def test_original_email_is_kept_but_cannot_be_forged(self):
        raw = self.multipart([("setup.exe", EXE, "application/octet-stream"),
                              # an executable named as the copy Odoo keeps of the raw message
                              ("original_email.eml", EXE, "message/rfc822-fake"),
                              ("bukti.pdf", PDF, "application/pdf")])
        complaint = self.gateway(raw, save_original=True)
        self.assertEqual(self.new_complaints, complaint)
        attachments = self.attachments_of(complaint)
        self.assertEqual(sorted(attachments.mapped("name")), ["bukti.pdf", "original_email.eml"])
        original = attachments.filtered(lambda a: a.name == "original_email.eml")
        self.assertNotIn(b"MZ\x90", original.raw, "the copy of the raw message, not the forged file")
        self.assertIn(b"Berkas terlampir", original.raw)
        self.assertIn(base64.encodebytes(EXE)[:40], original.raw, "the whole message, as it came")
        note = complaint.message_ids.filtered(lambda m: "were not kept" in (m.body or ""))
        self.assertIn("setup.exe", note.body)
        self.assertIn("original_email.eml is not a PDF", note.body)
        # without the mail server's option, there is no copy
        plain = self.gateway(self.multipart([("bukti.pdf", PDF, "application/pdf")], subject="Tanpa salinan"))
        self.assertEqual(self.attachments_of(plain).mapped("name"), ["bukti.pdf"])
        self.assertFalse(plain.message_ids.filtered(lambda m: "were not kept" in (m.body or "")))

    def test_same_name_refused_and_kept_keeps_the_real_document(self):
        raw = self.multipart([("bukti.pdf", EXE, "application/pdf"), ("bukti.pdf", PDF, "application/pdf")])
        complaint = self.gateway(raw)
        attachments = self.attachments_of(complaint)
        self.assertEqual(len(attachments), 1)
        self.assertEqual(attachments.raw, PDF, "the executable is refused, not the PDF of the same name")

    def test_forwarded_message_is_opened_and_its_attachments_filtered(self):
        boundary, inner = uuid.uuid4().hex, uuid.uuid4().hex
        forwarded = (f"From: Hasan <hasan.uji@example.net>\nSubject: Surat pindah\nMIME-Version: 1.0\n"
                     f'Content-Type: multipart/mixed; boundary="{inner}"\n\n'
                     f"--{inner}\nContent-Type: text/plain; charset=utf-8\n\nTEKS-ASLI-DITERUSKAN\n"
                     f'--{inner}\nContent-Type: application/pdf; name="surat.pdf"\n'
                     f'Content-Disposition: attachment; filename="surat.pdf"\nContent-Transfer-Encoding: base64\n\n'
                     f"{base64.encodebytes(PDF).decode()}"
                     f'--{inner}\nContent-Type: application/octet-stream; name="virus.exe"\n'
                     f'Content-Disposition: attachment; filename="virus.exe"\nContent-Transfer-Encoding: base64\n\n'
                     f"{base64.encodebytes(EXE).decode()}--{inner}--\n")
        body = (f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\nKami teruskan. CATATAN-PENERUS\n"
                f'--{boundary}\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename="fwd.eml"\n\n'
                f"{forwarded}\n--{boundary}--")
        complaint = self.gateway(self.mail(subject="Fwd: Surat pindah", body=body,
                                           content_type=f'multipart/mixed; boundary="{boundary}"'))
        self.assertIn("CATATAN-PENERUS", complaint.description)
        self.assertIn("TEKS-ASLI-DITERUSKAN", complaint.description, "the forwarded text is kept")
        self.assertIn("Forwarded message:", complaint.description)
        self.assertIn("hasan.uji@example.net", complaint.description, "who wrote the forwarded message")
        self.assertEqual(complaint.description.count("TEKS-ASLI-DITERUSKAN"), 1)
        self.assertEqual(self.attachments_of(complaint).mapped("name"), ["surat.pdf"])
        note = complaint.message_ids.filtered(lambda m: "were not kept" in (m.body or ""))
        self.assertIn("virus.exe", note.body)
        self.assertFalse(self.env["res.partner"].search([("email", "=", "hasan.uji@example.net")]))

    def test_refused_attachments_of_a_reply_are_noted(self):
        complaint = self.gateway(self.mail(message_id="<trust-lampiran@uji.example>"))
        incoming = self.incoming(complaint, "<trust-lampiran@uji.example>")
        raw = self.multipart([("setup.exe", EXE, "application/octet-stream"), ("bukti.pdf", PDF, "application/pdf")],
                             subject="Re: Pelayanan KTP lambat")
        raw = raw.replace(b"MIME-Version", self.reply_headers(incoming.message_id).encode() + b"MIME-Version", 1)
        self.assertEqual(self.gateway(raw), complaint)
        self.assertEqual(self.attachments_of(complaint).mapped("name"), ["bukti.pdf"])
        note = complaint.message_ids.filtered(lambda m: "were not kept" in (m.body or ""))
        self.assertIn("setup.exe", note.body)

    # ------------------------------------------------------------------
    # 4. our own addresses
    # ------------------------------------------------------------------
    def test_mail_from_our_own_addresses_never_creates_a_complaint(self):
        domain, domain_c2 = self.company.alias_domain_id, self.company_2.alias_domain_id
        self.assertNotEqual(domain, domain_c2)
        self.company_2.email = "kantor@dpmptsp-uji.example"
        senders = {
            "complaint alias": self.alias_email,
            "complaint alias, other case and a name": f"Pengaduan <{self.alias_email.upper()}>",
            "catchall": domain.catchall_email,
            "bounce": domain.bounce_email,
            "default from": domain.default_from_email,
            "company e-mail": self.company.email,
            "second company's alias": self.alias_c2_email,
            "second company's catchall": domain_c2.catchall_email,
            "second company's bounce": domain_c2.bounce_email,
            "second company's default from": domain_c2.default_from_email,
            "second company's e-mail": self.company_2.email,
        }
        count = self.Complaint.search_count([])
        for index, (case, sender) in enumerate(senders.items()):
            for to in (self.alias_email, self.alias_c2_email):
                with self.subTest(case=case, to=to), mute_logger(*GATEWAY_LOGGERS):
                    self.assertTrue(sender and "@" in sender, case)
                    result = self.gateway(self.mail(sender=sender, subject=f"Dari {case}",
                                                    message_id=f"<trust-own-{index}-{to}>", to=to))
                    self.assertFalse(result, "no complaint")
                    self.assertFalse(self.new_complaints)
                    self.assertFalse(self._new_mails.filtered(lambda m: m.model == self.Complaint._name))
        self.assertEqual(self.Complaint.search_count([]), count)
        # a citizen whose address merely looks like ours is served
        complaint = self.gateway(self.mail(sender=f"warga.{domain.catchall_email}.example.com@example.com",
                                           message_id="<trust-own-mirip@uji.example>"))
        self.assertTrue(complaint)

    # ------------------------------------------------------------------
    # 5. broken encodings
    # ------------------------------------------------------------------
    def test_unknown_charset_and_nul_bytes_create_a_complaint(self):
        raw = (b"From: Budi Santoso <budi.8bit@example.com>\nTo: " + self.alias_email.encode()
               + b"\nSubject: Caf\xe9 KTP =?unknown-8bit?q?lam=E9at?=\nDate: Mon, 02 Feb 2026 09:15:00 +0700\n"
               b"Message-ID: <trust-8bit@uji.example>\nMIME-Version: 1.0\n"
               b"Content-Type: text/plain; charset=unknown-8bit\nContent-Transfer-Encoding: 8bit\n\n"
               b"Awal \xe9\xe8 TENGAH-8BIT \xc3\xa9 akhir-8bit.\n")
        complaint = self.gateway(raw)
        self.assertEqual(self.new_complaints, complaint)
        self.assertIn("Caf\ufffd KTP", complaint.name)
        self.assertIn("lam\ufffdat", complaint.name)
        description = complaint._description_text() if hasattr(complaint, "_description_text") \
            else complaint.description
        for text in ("Awal \ufffd\ufffd TENGAH-8BIT", "\u00e9 akhir-8bit."):
            self.assertIn(text, description, "nothing lost around the undecodable bytes")
        self.assertTrue(self.incoming(complaint, "<trust-8bit@uji.example>"))

        nul_cases = {
            "text": ("text/plain; charset=utf-8", "Awal\x00akhir BODY-NUL", ""),
            "html": ("text/html; charset=utf-8", "<p>Awal\x00akhir <b>BODY-NUL</b></p>", ""),
            # the NUL is seen once the transfer encoding is undone
            "base64": ("text/plain; charset=utf-8", base64.b64encode(b"Awal\x00akhir BODY-NUL").decode(),
                       "Content-Transfer-Encoding: base64\n"),
            "quoted-printable": ("text/html; charset=utf-8", "<p>Awal=00akhir <b>BODY-NUL</b></p>",
                                 "Content-Transfer-Encoding: quoted-printable\n"),
        }
        for index, (case, (content_type, body, encoding)) in enumerate(nul_cases.items()):
            with self.subTest(case=case), mute_logger(*GATEWAY_LOGGERS):
                message_id = f"<trust-nul-{index}@uji.example>"
                raw = self.mail(sender=f'"Bu\x00di" <budi.nul{index}@example.com>', subject="Laporan\x00NUL",
                                body=body, content_type=content_type, message_id=message_id,
                                headers="In-Reply-To: <tidak=?utf-8?q?=00?=ada@lain.example>\n"
                                        "X-Catatan: =?utf-8?q?a=00b?=\n" + encoding)
                self.assertIn(b"\x00", raw)
                complaint = self.gateway(raw)
                self.assertEqual(self.new_complaints, complaint)
                self.assertEqual(complaint.name, "Laporan\ufffdNUL")
                self.assertIn("Awal\ufffdakhir", complaint.description)
                self.assertIn("BODY-NUL", complaint.description)
                self.assertEqual(complaint.reporter_email, f"budi.nul{index}@example.com")
                message = self.incoming(complaint, message_id)
                self.assertIn("BODY-NUL", message.body)
                self.assertNotIn("\x00", message.body + (message.subject or "") + (message.email_from or ""))

    # ------------------------------------------------------------------
    # 6. anonymity
    # ------------------------------------------------------------------
    def test_anonymous_complainant_answers_under_the_pseudonym(self):
        real_email = "siti.rahasia@warga.example"
        real = self.env["res.partner"].create({"name": "Siti Rahasia", "email": real_email})
        complaint = self.Complaint.sudo().create({
            "name": "Pungutan liar di loket", "description": "<p>Saya diminta uang.</p>",
            "channel_id": self.channel_email.id, "company_id": self.company.id, "anonymity": "anonim",
            "partner_id": real.id, "reporter_name": "Siti Rahasia", "reporter_email": real_email,
            "date_received": fields.Datetime.now(),
        }).with_env(self.env)
        pseudonym = complaint.sudo().partner_id
        self.assertEqual(pseudonym.email, f"pelapor.{complaint.id}@pelapor.invalid")
        self.assertEqual(complaint.sudo().identity_id.email, real_email)
        self.assertIn(pseudonym, complaint.message_partner_ids)
        self.assertNotIn(real, complaint.message_partner_ids)

        # the office answers: the real address is the SMTP recipient, nowhere else
        with self.mock_mail_gateway():
            answer = complaint.with_user(self.officer).message_post(
                body="Jawaban kantor. JAWABAN", message_type="comment", subtype_xmlid="mail.mt_comment")
            outgoing = self._new_mails.filtered(lambda m: m.mail_message_id == answer)
            self.assertEqual(outgoing.recipient_ids, pseudonym)
            self.assertNotIn(real_email, (outgoing.email_to or "") + (outgoing.email_cc or ""),
                             "the queued mail.mail does not hold the real address")
            outgoing.filtered(lambda m: m.state == "outgoing").send()
        self.assertSentEmail(self.officer.partner_id, [formataddr((pseudonym.name, real_email))])
        self.assertTrue(self._mails)
        for sent in self._mails:
            recipients = [email_normalize(address) for address in sent["email_to"] + (sent.get("email_cc") or [])]
            self.assertNotIn(pseudonym.email, recipients, "the pseudonym address is never an SMTP recipient")
        self.assertEqual([email_normalize(a) for m in self._mails for a in m["email_to"]], [real_email])

        # the real complainant answers it, then writes again quoting the number only
        replies = {
            "<trust-anon-1@warga.example>": self.mail(
                sender=f"Siti Rahasia <{real_email}>", subject=f"Re: {complaint.number}",
                message_id="<trust-anon-1@warga.example>", headers=self.reply_headers(answer.message_id),
                body="Terima kasih. BALASAN-ANONIM", to=f"Kantor <{self.alias_email}>, Siti <{real_email}>"),
            "<trust-anon-2@warga.example>": self.mail(
                sender=f"Siti Rahasia <{real_email.upper()}>", subject=f"Tambahan [{complaint.number}]",
                message_id="<trust-anon-2@warga.example>", body="Satu lagi. TAMBAHAN-ANONIM"),
        }
        for message_id, raw in replies.items():
            with self.subTest(message_id=message_id):
                self.assertEqual(self.gateway(raw), complaint)
                self.assertFalse(self.new_complaints)
                message = self.incoming(complaint, message_id)
                self.assertEqual(len(message), 1)
                self.assertFalse(message.is_internal, "the complainant's message, not an unknown sender's")
                self.assertEqual(message.author_id, pseudonym)
                self.assertEqual(message.email_from, pseudonym.email_formatted)
                self.assertNotIn(real, message.partner_ids)
                for fname in ("email_from", "reply_to", "incoming_email_to", "incoming_email_cc", "author_id"):
                    value = str(message[fname].display_name if fname == "author_id" else message[fname] or "")
                    self.assertNotIn("siti", value.lower(), f"{fname}: {value}")
                self.assertNotIn(real, complaint.message_partner_ids, "the real contact never follows")
                self.assertNotIn(real_email, [m for mail in self._new_mails for m in email_split(mail.email_to or "")])
        # nothing of the whole thread names the real complainant
        messages = self.env["mail.message"].sudo().search([("model", "=", complaint._name),
                                                           ("res_id", "=", complaint.id)])
        self.assertFalse(messages.filtered(lambda m: m.author_id == real or real in m.partner_ids))
        self.assertFalse(messages.filtered(lambda m: real_email in (m.email_from or "").lower()))
        self.assertFalse(self.env["mail.notification"].sudo().search([("mail_message_id", "in", messages.ids),
                                                                      ("res_partner_id", "=", real.id)]))
