"""E-mail gateway: real RFC 822 messages through ``mail.thread.message_process``."""

import base64
from datetime import datetime

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@tagged("post_install", "-at_install")
class TestMailGateway(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.domain = cls.env["mail.alias.domain"].create({"name": "dukcapil-uji.example"})
        cls.env.company.write({"alias_domain_id": cls.domain.id, "email": "kantor@dukcapil-uji.example",
                               "pengaduan_calendar_id": cls.env.ref("pengaduan.resource_calendar_office").id})
        cls.alias = cls.env.company.pengaduan_alias_id
        cls.to = f"{cls.alias.alias_name}@{cls.domain.name}"
        cls.Complaint = cls.env["pengaduan.complaint"]

    def process(self, raw):
        return self.Complaint.browse(self.env["mail.thread"].message_process(None, raw.encode()))

    def mail(self, sender="Budi Santoso <budi.uji@example.com>", subject="Pelayanan KTP lambat",
             message_id="<m1@example.com>", headers="", body="Saya menunggu tiga bulan.",
             date="Mon, 23 Nov 2026 02:00:00 +0000", content_type="text/plain; charset=utf-8"):
        return (f"From: {sender}\nTo: {self.to}\nSubject: {subject}\nDate: {date}\n"
                f"Message-ID: {message_id}\n{headers}MIME-Version: 1.0\nContent-Type: {content_type}\n\n{body}\n")

    def acknowledgements(self, complaint):
        return self.env["mail.mail"].sudo().search([("model", "=", complaint._name), ("res_id", "=", complaint.id),
                                                    ("subject", "like", complaint.number)])

    def test_new_message_becomes_a_complaint_with_acknowledgement(self):
        complaint = self.process(self.mail())
        self.assertEqual(complaint.name, "Pelayanan KTP lambat")
        self.assertIn("tiga bulan", complaint.description)
        self.assertEqual(complaint.channel_id, self.env.ref("pengaduan.channel_email"))
        self.assertEqual(complaint.company_id, self.env.company)
        self.assertEqual(complaint.reporter_email, "budi.uji@example.com")
        self.assertEqual(complaint.reporter_name, "Budi Santoso")
        self.assertEqual(complaint.partner_id.email, "budi.uji@example.com")
        self.assertEqual(complaint.partner_id.lang, "id_ID")
        self.assertEqual(complaint.date_received, datetime(2026, 11, 23, 2, 0))
        self.assertRegex(complaint.number, r"^ADU-\d{4}-\d{6}$")
        ack = self.acknowledgements(complaint)
        self.assertEqual(len(ack), 1, "one acknowledgement with the tracking number")
        self.assertIn(complaint.partner_id, ack.recipient_ids)

    def test_existing_partner_is_reused_and_future_date_clamped(self):
        partner = self.env["res.partner"].create({"name": "Dewi Lestari", "email": "dewi.uji@example.com"})
        complaint = self.process(self.mail(sender="Dewi <dewi.uji@example.com>", message_id="<m2@example.com>",
                                           date="Mon, 23 Nov 2099 02:00:00 +0000"))
        self.assertEqual(complaint.partner_id, partner)
        self.assertLessEqual(complaint.date_received, datetime.now())

    def test_utf8_quoted_printable_html_and_attachment(self):
        raw = (
            f"From: =?utf-8?q?Sri_W=C3=A1hyuni?= <sri.uji@example.com>\nTo: {self.to}\n"
            "Subject: =?utf-8?q?Akta_kelahiran_belum_terbit_=E2=80=93_mohon_bantuan?=\n"
            "Message-ID: <m3@example.com>\nMIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="XX"\n\n'
            "--XX\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
            "<p>Sudah =C2=B1 dua minggu.</p>\n"
            '--XX\nContent-Type: application/pdf; name="kk.pdf"\nContent-Disposition: attachment; filename="kk.pdf"\n'
            "Content-Transfer-Encoding: base64\n\n" + base64.b64encode(PDF).decode() + "\n--XX--\n"
        )
        complaint = self.process(raw)
        self.assertEqual(complaint.name, "Akta kelahiran belum terbit \u2013 mohon bantuan")
        self.assertIn("±", complaint.description)
        attachment = self.env["ir.attachment"].search([("res_model", "=", complaint._name),
                                                       ("res_id", "=", complaint.id)])
        self.assertEqual(attachment.name, "kk.pdf")
        self.assertEqual(attachment.raw, PDF)

    def test_reply_with_references_and_outlook_reply_go_to_the_same_complaint(self):
        complaint = self.process(self.mail())
        ack = self.acknowledgements(complaint)
        count = self.Complaint.search_count([])
        reply = self.process(self.mail(subject=f"Re: [{complaint.number}] Pelayanan", message_id="<m4@example.com>",
                                       headers=f"In-Reply-To: {ack.message_id}\nReferences: {ack.message_id}\n"))
        self.assertEqual(reply, complaint)
        # Outlook drops the references but keeps the number in the subject
        outlook = self.process(self.mail(sender="budi.uji@example.com", subject=f"RE: [{complaint.number}] tambahan",
                                         message_id="<m5@example.com>"))
        self.assertEqual(outlook, complaint)
        self.assertEqual(self.Complaint.search_count([]), count, "no new complaint")
        # another sender quoting the number gets a complaint of their own
        other = self.process(self.mail(sender="orang.lain@example.com", subject=f"RE: [{complaint.number}] x",
                                       message_id="<m6@example.com>"))
        self.assertNotEqual(other, complaint)

    def test_reply_to_returned_complaint_restarts_the_clock(self):
        complaint = self.process(self.mail())
        complaint.return_reason = "Fotokopi KK"
        complaint.action_return()
        self.assertEqual(complaint.state, "returned")
        self.process(self.mail(subject=f"Re: [{complaint.number}] KK terlampir", message_id="<m7@example.com>"))
        self.assertEqual(complaint.state, "new")
        self.assertFalse(complaint.date_paused)

    def test_no_acknowledgement_to_automated_mail(self):
        cases = {
            "auto-reply": "Auto-Submitted: auto-replied\n",
            "bulk": "Precedence: bulk\n",
            "outlook": "X-Auto-Response-Suppress: All\n",
            "list": "List-Id: <warga.example.com>\n",
            "loop": "X-Loop: pengaduan\n",
        }
        for index, (name, header) in enumerate(cases.items()):
            complaint = self.process(self.mail(sender=f"robot{index}@example.com", message_id=f"<auto{index}@x>",
                                               headers=header, subject=f"Otomatis {name}"))
            self.assertFalse(self.acknowledgements(complaint), name)
        own = self.process(self.mail(sender=self.env.company.email, message_id="<own@x>", subject="Dari kantor"))
        self.assertFalse(self.acknowledgements(own), "never to our own address")

    def test_bounce_gets_no_acknowledgement(self):
        raw = (
            f"From: MAILER-DAEMON@mail.example.com\nTo: {self.to}\nSubject: Undelivered Mail Returned to Sender\n"
            "Message-ID: <bounce1@mail.example.com>\nMIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
            "--B\nContent-Type: text/plain\n\nDelivery failed.\n"
            "--B\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n--B--\n"
        )
        complaints = self.Complaint.search([])
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process(None, raw.encode())
        for complaint in self.Complaint.search([]) - complaints:
            self.assertFalse(self.acknowledgements(complaint))

    def test_sender_over_the_loop_limit_gets_nothing(self):
        self.env["ir.config_parameter"].set_param("mail.gateway.loop.threshold", "2")
        for index in range(2):
            self.process(self.mail(sender="banjir@example.com", message_id=f"<loop{index}@x>", subject=f"L{index}"))
        count = self.Complaint.search_count([])
        mails = self.env["mail.mail"].sudo().search_count([("subject", "like", "ADU-")])
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process(None, self.mail(sender="banjir@example.com",
                                                                    message_id="<loop9@x>").encode())
        self.assertEqual(self.Complaint.search_count([]), count, "no new complaint")
        self.assertEqual(self.env["mail.mail"].sudo().search_count([("subject", "like", "ADU-")]), mails,
                         "no acknowledgement")

    def test_category_alias(self):
        category = self.env["pengaduan.category"].create({"name": "KTP-el", "sla_value": 5})
        category.alias_name = "ktp"
        self.assertEqual(category.alias_id.alias_domain_id, self.domain)
        raw = self.mail(message_id="<cat@x>").replace(f"To: {self.to}", f"To: ktp@{self.domain.name}")
        complaint = self.process(raw)
        self.assertEqual(complaint.category_id, category)
