"""E-mail gateway of the complaint desk.

Raw RFC 822 messages (tests/data/*.eml and a small builder for header variants) go
through ``mail.thread.message_process`` exactly as the mailgate script and fetchmail
hand them over: routing by alias, parsing, loop detection, ``message_new`` /
``message_update`` and the acknowledgement.
"""

import email
import email.policy
import uuid
from datetime import datetime, timedelta
from unittest.mock import patch

import pytz
from babel.dates import format_datetime as babel_format_datetime
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.mail import email_split, formataddr
from odoo.tools.misc import file_open
from odoo.tools.sql import SQL

from odoo.addons.mail.tests.common import MailCommon, mail_new_test_user

DATA_DIR = "pengaduan/tests/data"
NUMBER_RE = r"^ADU-\d{4}-\d{6}$"
# e-mails the gateway logs at INFO/WARNING level while refusing or bouncing them
GATEWAY_LOGGERS = ("odoo.addons.mail.models.mail_thread", "odoo.addons.mail.models.mail_mail")


@tagged("post_install", "-at_install", "pengaduan_mail")
class TestMailGateway(MailCommon):
    """Gateway behaviour on the main company (alias pengaduan@<its alias domain>),
    with a second company holding its own complaint alias."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Indonesian with the addon's translations, as on a production database
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["pengaduan"], ["id_ID"])

        cls.Complaint = cls.env["pengaduan.complaint"]
        cls.channel_email = cls.env.ref("pengaduan.channel_email")
        cls.company = cls.company_admin
        cls.company.write({
            "email": "kantor@disdukcapil-uji.example",
            "pengaduan_calendar_id": cls.env.ref("pengaduan.resource_calendar_office").id,
        })
        cls.alias = cls.company.pengaduan_alias_id
        cls.alias_email = cls.alias.alias_full_name
        cls.alias_c2_email = cls.company_2.pengaduan_alias_id.alias_full_name
        cls.officer = mail_new_test_user(
            cls.env, login="pgd_gw_officer", name="Petugas Gateway",
            email="petugas.gateway@pemkot-uji.example", company_id=cls.company.id,
            groups="base.group_user,pengaduan.group_officer",
        )
        cls.department = cls.env["hr.department"].create({"name": "Bidang Uji Gateway",
                                                          "company_id": cls.company.id})

    def setUp(self):
        super().setUp()
        self.new_complaints = self.Complaint

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def eml(self, name, **values):
        """A raw message of tests/data with its {{KEY}} placeholders filled in."""
        with file_open(f"{DATA_DIR}/{name}", "rb") as handle:
            raw = handle.read().decode()
        values.setdefault("to", self.alias_email)
        values.setdefault("msgid", f"{uuid.uuid4().hex}@uji.example")
        for key, value in values.items():
            raw = raw.replace("{{%s}}" % key.upper(), value)
        self.assertNotIn("{{", raw, f"unfilled placeholder in {name}")
        return raw.encode()

    def mail(self, sender="Budi Santoso <budi.uji@example.com>", subject="Pelayanan KTP lambat",
             message_id=None, headers="", body="Saya menunggu KTP-el tiga bulan.", to=None,
             date="Mon, 02 Feb 2026 09:15:00 +0700", content_type="text/plain; charset=utf-8"):
        """A simple message; ``headers``: extra header lines, each ending with a newline."""
        message_id = message_id or f"<{uuid.uuid4().hex}@uji.example>"
        date_line = f"Date: {date}\n" if date else ""
        return (f"From: {sender}\nTo: {to or self.alias_email}\nSubject: {subject}\n{date_line}"
                f"Message-ID: {message_id}\n{headers}MIME-Version: 1.0\nContent-Type: {content_type}\n\n"
                f"{body}\n").encode()

    def gateway(self, raw):
        """Deliver ``raw`` as the mailgate script / fetchmail do; returns the complaint the
        message went to (empty when ignored). ``self._new_mails``: the e-mails it queued."""
        before = self.Complaint.search([]).ids
        with self.mock_mail_gateway():
            thread_id = self.env["mail.thread"].sudo().message_process(None, raw)
            # then the scheduled action (every minute) e-mails the acknowledgements due
            self.Complaint._cron_send_acknowledgements()
        self.new_complaints = self.Complaint.search([("id", "not in", before)])
        return self.Complaint.browse(thread_id or [])

    def acknowledgements(self, complaint):
        """E-mails carrying the tracking number queued during the last ``gateway`` call."""
        return self._new_mails.filtered(
            lambda m: m.model == complaint._name and m.res_id == complaint.id
            and complaint.number in (m.subject or "") and (
                (complaint.partner_id and complaint.partner_id in m.recipient_ids)
                or complaint.reporter_email in email_split(m.email_to or "")))

    def deadline_text(self, value, lang):
        """A deadline as written in the acknowledgement: office time zone, month in ``lang``."""
        tz = pytz.timezone(self.company._pengaduan_calendar().tz or "Asia/Jakarta")
        return babel_format_datetime(pytz.utc.localize(value).astimezone(tz), "d MMMM yyyy HH:mm", locale=lang)

    def assert_acknowledged(self, complaint, lang="id_ID"):
        """Exactly one acknowledgement, to the complainant, with the number and both deadlines."""
        ack = self.acknowledgements(complaint)
        self.assertEqual(len(ack), 1,
                         f"one acknowledgement expected for {complaint.number}, got {ack.mapped('subject')}")
        self.assertIn(f"[{complaint.number}]", ack.subject)
        self.assertEqual(ack.recipient_ids, complaint.partner_id)
        self.assertEqual(ack.state, "outgoing", "queued, not sent inside the gateway transaction")
        company = complaint.company_id
        office_email = company.email or complaint._pengaduan_alias_email()
        self.assertEqual(ack.email_from, formataddr((company.name, office_email)), "from the office, not OdooBot")
        self.assertTrue(complaint.response_deadline and complaint.resolution_deadline)
        for deadline in (complaint.response_deadline, complaint.resolution_deadline):
            self.assertIn(self.deadline_text(deadline, lang), ack.body_html)
        if lang == "id_ID":
            self.assertIn("Pengaduan Anda telah diterima", ack.subject)
            for text in ("Batas waktu tanggapan pertama", "Batas waktu penyelesaian", "Terima kasih"):
                self.assertIn(text, ack.body_html)
            self.assertNotIn("First response due by", ack.body_html)
        else:
            self.assertIn("Your complaint has been received", ack.subject)
            self.assertIn("First response due by", ack.body_html)
            self.assertIn("Resolution due by", ack.body_html)
        # visible in the chatter as the message sent to the complainant
        self.assertEqual(ack.mail_message_id.model, complaint._name)
        self.assertEqual(ack.mail_message_id.res_id, complaint.id)
        self.assertIn(complaint.partner_id, ack.mail_message_id.notification_ids.res_partner_id)
        return ack

    def assert_nothing_sent(self, what):
        """Nothing at all went out: no acknowledgement, no notification, no bounce."""
        self.assertFalse(self._new_mails, f"{what}: no e-mail may be sent, got "
                         f"{[(m.subject, m.recipient_ids.mapped('email'), m.email_to) for m in self._new_mails]}")

    def assert_no_mail_to(self, address, what):
        """Nothing went out to ``address`` (internal followers may still be notified)."""
        sent_to = self._new_mails.filtered(
            lambda m: address in m.recipient_ids.mapped("email_normalized") + email_split(m.email_to or ""))
        self.assertFalse(sent_to, f"{what}: nothing may be sent to {address}, got {sent_to.mapped('subject')}")

    def attachments_of(self, complaint):
        return self.env["ir.attachment"].search([("res_model", "=", complaint._name), ("res_id", "=", complaint.id)])

    def return_complaint(self, complaint, reason="Fotokopi Kartu Keluarga belum dilampirkan"):
        """Verify then return to the complainant, as an officer; returns the e-mail sent."""
        officer_complaint = complaint.with_user(self.officer)
        officer_complaint.action_verify()
        officer_complaint.return_reason = reason
        with self.mock_mail_gateway():
            officer_complaint.action_return()
        self.assertEqual(complaint.state, "returned")
        self.assertTrue(complaint.date_paused)
        notice = self._new_mails.filtered(
            lambda m: m.res_id == complaint.id and complaint.partner_id in m.recipient_ids)
        self.assertEqual(len(notice), 1, "the complainant is told what is missing")
        return notice

    # ------------------------------------------------------------------
    # new message -> complaint
    # ------------------------------------------------------------------
    def test_new_message_becomes_a_complaint(self):
        self.assertEqual(self.alias.alias_domain_id, self.company.alias_domain_id)
        self.assertEqual(self.alias.alias_name, "pengaduan")
        # received a week after it was written: within the window of e-mails the office accepts
        with freeze_time("2026-02-09 03:00:00"):
            complaint = self.gateway(self.mail(message_id="<baru-1@uji.example>"))
        self.assertEqual(self.new_complaints, complaint)
        self.assertEqual(complaint.name, "Pelayanan KTP lambat")
        self.assertIn("tiga bulan", complaint.description)
        self.assertRegex(complaint.number, NUMBER_RE)
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.channel_id, self.channel_email)
        self.assertEqual(complaint.company_id, self.company)
        # Date: 09:15 WIB (+0700) is 02:15 UTC
        self.assertEqual(complaint.date_received, datetime(2026, 2, 2, 2, 15))
        self.assertEqual(complaint.reporter_name, "Budi Santoso")
        self.assertEqual(complaint.reporter_email, "budi.uji@example.com")
        partner = complaint.partner_id
        self.assertEqual((partner.name, partner.email, partner.lang), ("Budi Santoso", "budi.uji@example.com", "id_ID"))
        self.assertIn(partner, complaint.message_partner_ids, "the complainant follows the complaint")
        incoming = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(incoming), 1)
        self.assertEqual(incoming.message_id, "<baru-1@uji.example>")
        self.assertEqual(incoming.author_id, partner)
        ack = self.assert_acknowledged(complaint, "id_ID")
        self.assertIn(complaint.number, ack.body_html)
        self.assertIn("Budi Santoso", ack.body_html)

    def test_existing_partner_is_reused_and_answered_in_their_language(self):
        dewi = self.env["res.partner"].create({"name": "Dewi Lestari", "email": "dewi.uji@example.com",
                                               "lang": "en_US"})
        partners = self.env["res.partner"].search_count([])
        complaint = self.gateway(self.mail(sender='"DEWI L." <Dewi.Uji@Example.COM>', message_id="<dewi@uji.example>"))
        self.assertEqual(complaint.partner_id, dewi)
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "no duplicate partner")
        self.assertEqual(complaint.reporter_email, "dewi.uji@example.com")
        self.assertEqual(complaint.reporter_name, "DEWI L.")
        self.assertEqual(dewi.name, "Dewi Lestari", "the partner is not renamed")
        self.assert_acknowledged(complaint, "en_US")

    def test_a_different_person_is_never_merged(self):
        budi = self.env["res.partner"].create({"name": "Budi Santoso", "email": "budi.santoso@kantor-lain.example"})
        complaint = self.gateway(self.mail(sender="Budi Santoso <budi.uji@example.com>", message_id="<namesake@x>"))
        self.assertNotEqual(complaint.partner_id, budi, "same name, other e-mail: another person")
        self.assertEqual(complaint.partner_id.email, "budi.uji@example.com")
        self.assertEqual(budi.email, "budi.santoso@kantor-lain.example", "the namesake keeps their e-mail")
        # the next message of the same sender finds the partner created for them
        second = self.gateway(self.mail(sender="budi.uji@example.com", subject="KTP-el lagi",
                                        message_id="<namesake2@x>"))
        self.assertNotEqual(second, complaint)
        self.assertEqual(second.partner_id, complaint.partner_id)
        self.assertEqual(self.env["res.partner"].search_count([("email_normalized", "=", "budi.uji@example.com")]), 1)

    def test_date_received_is_the_message_date_never_in_the_future(self):
        future = self.gateway(self.mail(date="Mon, 23 Nov 2099 09:00:00 +0700", message_id="<future@x>"))
        self.assertLessEqual(future.date_received, fields.Datetime.now())
        self.assertGreater(future.date_received, fields.Datetime.now() - timedelta(minutes=5))
        undated = self.gateway(self.mail(date=None, subject="Tanpa tanggal", message_id="<undated@x>"))
        self.assertLessEqual(undated.date_received, fields.Datetime.now())
        self.assertGreater(undated.date_received, fields.Datetime.now() - timedelta(minutes=5))
        with freeze_time("2026-11-23 03:00:00"):
            late = self.gateway(self.mail(date="Sun, 22 Nov 2026 23:30:00 +0700", subject="Semalam",
                                          message_id="<night@x>"))
        self.assertEqual(late.date_received, datetime(2026, 11, 22, 16, 30))

    def test_senders_are_looked_up_by_an_index(self):
        """The gateway looks the sender's contact up by its normalized address (several times per
        message): an index, not a read of every contact, whatever the number of complainants."""
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        query = self.env["res.partner"]._search([("email_normalized", "in", ["budi.uji@example.com"])])
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = " ".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("res_partner__email_normalized_index", plan)

    def test_company_and_channel_come_from_the_alias(self):
        self.assertEqual(self.company_2.pengaduan_alias_id.alias_domain_id, self.company_2.alias_domain_id)
        self.assertNotEqual(self.alias_c2_email.split("@")[1], self.alias_email.split("@")[1])
        complaint = self.gateway(self.mail(to=self.alias_c2_email, message_id="<c2@uji.example>"))
        self.assertEqual(complaint.company_id, self.company_2)
        self.assertEqual(complaint.channel_id, self.channel_email)
        self.assertRegex(complaint.number, NUMBER_RE)
        self.assertTrue(self.acknowledgements(complaint))
        main = self.gateway(self.mail(subject="Ke kantor utama", message_id="<c1@uji.example>"))
        self.assertEqual(main.company_id, self.company)

    def test_category_alias_creates_complaints_of_that_category(self):
        category = self.env["pengaduan.category"].create({
            "name": "KTP-el Uji", "sla_value": 3, "sla_unit": "working_days", "department_id": self.department.id,
        })
        category.alias_name = "ktp-el"
        self.assertEqual(category.alias_id.alias_model_id.model, "pengaduan.complaint")
        self.assertEqual(category.alias_id.alias_domain_id, self.company.alias_domain_id)
        address = category.alias_id.alias_full_name
        self.assertEqual(address, f"ktp-el@{self.company.alias_domain_id.name}")
        complaint = self.gateway(self.mail(to=f"Layanan KTP-el <{address}>", message_id="<cat@uji.example>"))
        self.assertEqual(complaint.category_id, category)
        self.assertEqual(complaint.department_id, self.department)
        self.assertEqual(complaint.channel_id, self.channel_email)
        self.assertEqual(complaint.company_id, self.company)
        self.assert_acknowledged(complaint)
        # the resolution standard of the category applies (3 working days < company's 5)
        plain = self.gateway(self.mail(subject="Tanpa kategori", message_id="<nocat@uji.example>"))
        self.assertFalse(plain.category_id)
        self.assertLess(complaint.resolution_deadline, plain.resolution_deadline)

    # ------------------------------------------------------------------
    # message formats
    # ------------------------------------------------------------------
    def test_indonesian_rfc2047_subject_and_quoted_printable_body(self):
        with freeze_time("2026-02-09 03:00:00"):
            complaint = self.gateway(self.eml("indonesian_qp.eml"))
        self.assertEqual(complaint.name,
                         "Pengaduan: e\u2011KTP belum jadi \u201csudah 3 bulan\u201d \u2013 mohon bantuan Pak/Bu")
        self.assertEqual(complaint.reporter_name, "Ni Luh Putu W\u00e9dari")
        self.assertEqual(complaint.partner_id.name, "Ni Luh Putu W\u00e9dari")
        text = complaint._description_text()
        self.assertIn("pada 12 Agustus 2026, tetapi", text, "soft line breaks joined")
        self.assertIn("\u201cblanko habis\u201d \u2013 apakah benar?", text)
        self.assertIn("Rp 15.000 juga diminta \u00b1 tiga kali", text)
        self.assertNotIn("=E2", text)
        self.assertEqual(complaint.date_received, datetime(2026, 2, 2, 2, 15))
        self.assert_acknowledged(complaint)

    def test_multipart_alternative_keeps_the_html_part(self):
        complaint = self.gateway(self.eml("multipart_alternative.eml"))
        self.assertEqual(complaint.name, "Antrean akta kelahiran sangat panjang")
        self.assertIn("HTML-VERSION", complaint.description)
        self.assertIn("<b>07.00</b>", complaint.description)
        self.assertNotIn("PLAINTEXT-VERSION", complaint.description, "the text part is the same content")
        self.assertEqual(complaint.reporter_email, "rahmat.uji@example.com")
        self.assertFalse(self.attachments_of(complaint))
        self.assert_acknowledged(complaint)

    def test_html_only_message_is_sanitized(self):
        complaint = self.gateway(self.eml("html_only.eml"))
        self.assertEqual(complaint.name, "Petugas loket meminta uang pelicin")
        self.assertIn("<strong>nomor 3</strong>", complaint.description)
        self.assertIn("agar KK saya cepat selesai", complaint.description)
        self.assertIn("\u00b1 pukul 10.00", complaint.description, "ISO-8859-1 quoted-printable decoded")
        for unsafe in ("<script", "alert(", "javascript:", "onclick"):
            self.assertNotIn(unsafe, complaint.description)
        self.assert_acknowledged(complaint)

    def test_pdf_and_png_attachments_are_kept_on_the_complaint(self):
        raw = self.eml("attachments.eml").replace(b"\n", b"\r\n")  # as fetched over IMAP
        expected = {
            part.get_filename(): part.get_payload(decode=True)
            for part in email.message_from_bytes(raw, policy=email.policy.default).iter_attachments()
        }
        self.assertEqual(set(expected), {"surat_pengantar_RT.pdf", "foto_KK.png"})
        complaint = self.gateway(raw)
        self.assertIn("Kartu Keluarga", complaint.description)
        attachments = self.attachments_of(complaint)
        self.assertEqual({a.name: a.raw for a in attachments}, expected)
        self.assertEqual(
            {a.name: a.mimetype for a in attachments},
            {"surat_pengantar_RT.pdf": "application/pdf", "foto_KK.png": "image/png"},
        )
        incoming = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(incoming.attachment_ids, attachments, "shown on the incoming message in the chatter")
        self.assert_acknowledged(complaint)

    def test_forwarded_message_as_rfc822_attachment(self):
        complaint = self.gateway(self.eml("forwarded_rfc822.eml"))
        self.assertEqual(complaint.name, "Fwd: Surat pindah belum diproses")
        self.assertEqual(complaint.reporter_email, "lurah.uji@example.com", "the forwarder wrote to us")
        self.assertIn("NOTE-FROM-FORWARDER", complaint.description)
        # the forwarded complaint is kept: in the description or as the attached .eml
        kept = "ORIGINAL-COMPLAINT-TEXT" in complaint.description or any(
            b"ORIGINAL-COMPLAINT-TEXT" in (a.raw or b"") for a in self.attachments_of(complaint))
        self.assertTrue(kept, "the forwarded message must not be lost")
        self.assertFalse(self.env["res.partner"].search([("email", "=", "hasan.uji@example.net")]),
                         "nobody is created from the headers of the forwarded message")
        self.assert_acknowledged(complaint)

    def test_inline_forwarded_message(self):
        complaint = self.gateway(self.eml("forwarded_inline.eml"))
        self.assertEqual(complaint.name, "Fwd: Tolong bantu ibu saya")
        self.assertEqual(complaint.reporter_email, "anak.uji@example.com")
        self.assertIn("INLINE-FORWARDER-NOTE", complaint.description)
        self.assertIn("INLINE-ORIGINAL-TEXT", complaint.description)
        self.assertIn("Forwarded message", complaint.description)
        self.assert_acknowledged(complaint)

    # ------------------------------------------------------------------
    # the acknowledgement, e-mailed by the scheduled action
    # ------------------------------------------------------------------
    def test_acknowledgement_is_sent_by_the_scheduled_action_once(self):
        with self.mock_mail_gateway():
            thread_id = self.env["mail.thread"].sudo().message_process(
                None, self.mail(sender="Rina Ayu <rina.jadwal@example.com>", message_id="<jadwal@x>"))
        complaint = self.Complaint.browse(thread_id)
        self.assertTrue(complaint.acknowledgement_due)
        self.assertFalse(self._new_mails.filtered(lambda m: complaint.number in (m.subject or "")),
                         "the intake only marks the complaint")
        cron = self.env.ref("pengaduan.ir_cron_pengaduan_send_acknowledgements")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "minutes"))
        queue_triggers = self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.env.ref("mail.ir_cron_mail_scheduler_action").id)])
        with self.mock_mail_gateway():
            self.assertEqual(self.Complaint._cron_send_acknowledgements(), 1)
        self.assert_acknowledged(complaint)
        self.assertFalse(complaint.acknowledgement_due)
        self.assertEqual(self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.env.ref("mail.ir_cron_mail_scheduler_action").id)]), queue_triggers + 1,
            "the mail queue is woken up to send it at once")
        with self.mock_mail_gateway():
            self.assertEqual(self.Complaint._cron_send_acknowledgements(), 0)
        self.assertFalse(self.acknowledgements(complaint), "acknowledged once only")

    def test_confidential_acknowledgement_stays_out_of_the_chatter(self):
        """A confidential complaint's acknowledgement goes to the real address only: not in the
        chatter, no contact as recipient; the chatter gets a note that it went out."""
        real_email = "rahasia.ack@warga.example"
        partner = self.env["res.partner"].create({"name": "Wulan Rahasia", "email": real_email, "lang": "id_ID"})
        identified, confidential = self.Complaint.sudo().create([{
            "name": name, "channel_id": self.env.ref("pengaduan.channel_email").id, "company_id": self.company.id,
            "anonymity": anonymity, "partner_id": partner.id, "reporter_name": "Wulan Rahasia",
            "reporter_email": real_email, "acknowledgement_due": True,
        } for name, anonymity in (("Antrean panjang", "none"), ("Pungli di loket", "rahasia"))])
        with self.mock_mail_gateway():
            self.assertEqual(self.Complaint._cron_send_acknowledgements(), 2)
        self.assert_acknowledged(identified)
        sent = self._new_mails.filtered(lambda m: confidential.number in (m.subject or ""))
        self.assertEqual(len(sent), 1)
        self.assertEqual(email_split(sent.email_to), [real_email])
        self.assertFalse(sent.recipient_ids or sent.mail_message_id.partner_ids, "no contact as recipient")
        self.assertFalse(sent.model or sent.res_id, "not a message of the complaint")
        self.assertEqual(sent.mail_message_id.message_type, "email_outgoing")
        company = self.company
        office_email = company.email or confidential._pengaduan_alias_email()
        self.assertEqual(sent.email_from, formataddr((company.name, office_email)))
        self.assertFalse(confidential.message_ids.filtered(lambda m: confidential.number in (m.subject or "")))
        self.assertIn("Acknowledgement sent to the complainant", str(confidential.message_ids[0].body))
        self.assertFalse(confidential.acknowledgement_due or identified.acknowledgement_due)

    def test_a_failing_acknowledgement_does_not_hold_back_the_others(self):
        with self.mock_mail_gateway():
            good, bad = (self.Complaint.browse(self.env["mail.thread"].sudo().message_process(
                None, self.mail(sender=sender, message_id=f"<gagal{index}@x>")))
                for index, sender in enumerate(("Andi <andi.gagal@example.com>", "Bayu <bayu.gagal@example.com>")))
        queue = type(self.Complaint)._queue_acknowledgements

        def failing_queue(complaints, template):
            if bad in complaints:
                raise ValueError("template rusak")
            return queue(complaints, template)

        with patch.object(type(self.Complaint), "_queue_acknowledgements", failing_queue), \
                mute_logger("odoo.addons.pengaduan.models.pengaduan_complaint_acknowledgement"), \
                self.mock_mail_gateway():
            self.Complaint._cron_send_acknowledgements()
        self.assert_acknowledged(good)
        self.assertFalse(self.acknowledgements(bad))
        self.assertFalse(bad.acknowledgement_due, "not tried again at every run")
        self.assertIn("template rusak", str(bad.message_ids[0].body), "the officers see why in the chatter")
        self.assertIn(bad.message_ids[0].message_type, ("notification", "comment"))

    # ------------------------------------------------------------------
    # replies
    # ------------------------------------------------------------------
    def test_reply_to_the_acknowledgement_goes_to_the_same_complaint(self):
        complaint = self.gateway(self.mail(message_id="<awal@uji.example>"))
        ack = self.assert_acknowledged(complaint)
        reply_to = email_split(ack.reply_to)[0]
        reply = self.gateway(self.mail(
            subject=f"Re: {ack.subject}", to=reply_to, message_id="<balas@uji.example>",
            headers=f"In-Reply-To: {ack.message_id}\nReferences: <awal@uji.example> {ack.message_id}\n",
            body="Ini nomor antrean saya: A-117. BALASAN-REFERENCES"))
        self.assertEqual(reply, complaint)
        self.assertFalse(self.new_complaints, "no new complaint")
        self.assertFalse(self.acknowledgements(complaint), "acknowledged once only")
        message = complaint.message_ids.filtered(lambda m: m.message_id == "<balas@uji.example>")
        self.assertIn("BALASAN-REFERENCES", message.body)
        self.assertEqual(message.author_id, complaint.partner_id)

    def test_outlook_reply_without_references_goes_to_the_same_complaint(self):
        complaint = self.gateway(self.mail(message_id="<awal-ol@uji.example>"))
        ack = self.assert_acknowledged(complaint)
        # Outlook drops In-Reply-To/References and answers to the Reply-To of the acknowledgement
        raw = self.eml("outlook_reply.eml", to=email_split(ack.reply_to)[0], number=complaint.number,
                       subject="Pengaduan Anda telah diterima", msgid="SG2PR01MB5678-ol1@outlook.example",
                       **{"from": "Budi Santoso <BUDI.UJI@example.com>",
                          "body": "Fotokopi KK menyusul besok. BALASAN-OUTLOOK"})
        self.assertNotIn(b"In-Reply-To", raw)
        self.assertNotIn(b"References", raw)
        with mute_logger(*GATEWAY_LOGGERS):
            reply = self.gateway(raw)
        self.assertEqual(reply, complaint, "the tracking number in the subject finds the complaint")
        self.assertFalse(self.new_complaints, "no new complaint")
        self.assertFalse(self.acknowledgements(complaint), "no second acknowledgement")
        self.assertFalse(self._new_mails.filtered(lambda m: not m.model), "not bounced")
        self.assertEqual(email_split(ack.reply_to), [self.alias_email], "replies go to the complaint alias")
        message = complaint.message_ids.filtered(lambda m: m.message_id == "<SG2PR01MB5678-ol1@outlook.example>")
        self.assertIn("BALASAN-OUTLOOK", message.body)
        # also when the reply is written to the complaint address itself
        again = self.gateway(self.eml("outlook_reply.eml", number=complaint.number, subject="tambahan",
                                      msgid="SG2PR01MB5678-ol2@outlook.example",
                                      **{"from": "budi.uji@example.com", "body": "Satu lagi."}))
        self.assertEqual(again, complaint)
        self.assertFalse(self.new_complaints)

    def test_same_subject_from_another_sender_is_a_new_complaint(self):
        complaint = self.gateway(self.mail(message_id="<pemilik@uji.example>"))
        messages = complaint.message_ids
        other = self.gateway(self.eml("outlook_reply.eml", number=complaint.number, subject="Pelayanan KTP lambat",
                                      msgid="SG2PR01MB5678-hijack@outlook.example",
                                      **{"from": "Orang Lain <orang.lain@example.com>", "body": "Saya ikut."}))
        self.assertEqual(self.new_complaints, other, "a complaint of their own")
        self.assertNotEqual(other, complaint)
        self.assertEqual(other.reporter_email, "orang.lain@example.com")
        self.assertEqual(complaint.message_ids, messages, "nothing added to the first complaint")
        self.assertEqual(complaint.partner_id.email, "budi.uji@example.com")
        self.assert_acknowledged(other)

    def test_reply_to_a_returned_complaint_restarts_the_clock(self):
        with freeze_time("2026-11-16 03:00:00"):
            complaint = self.gateway(self.mail(date="Mon, 16 Nov 2026 09:00:00 +0700", message_id="<kembali@x>"))
        with freeze_time("2026-11-17 03:00:00"):
            notice = self.return_complaint(complaint)
            deadline = complaint.resolution_deadline
        self.assertEqual(complaint.state_before_return, "verified")
        with freeze_time("2026-11-18 03:00:00"):
            reply = self.gateway(self.mail(
                subject=f"Re: {notice.subject}", to=email_split(notice.reply_to)[0], message_id="<kk-terlampir@x>",
                headers=f"In-Reply-To: {notice.message_id}\nReferences: {notice.message_id}\n",
                body="Fotokopi KK terlampir."))
            self.env.flush_all()
        self.assertEqual(reply, complaint)
        self.assertEqual(complaint.state, "verified", "back to the state before the return")
        self.assertFalse(complaint.date_paused)
        self.assertFalse(complaint.state_before_return)
        self.assertAlmostEqual(complaint.pause_calendar_hours, 24.0, places=2)
        self.assertGreater(complaint.resolution_deadline, deadline, "the paused time is added to the deadline")
        self.assertFalse(self.acknowledgements(complaint))

    def test_outlook_reply_to_a_returned_complaint_restarts_the_clock(self):
        complaint = self.gateway(self.mail(message_id="<kembali-ol@x>"))
        self.return_complaint(complaint)
        self.gateway(self.eml("outlook_reply.eml", number=complaint.number, subject="Berkas kurang",
                              msgid="SG2PR01MB5678-returned@outlook.example",
                              **{"from": "Budi Santoso <budi.uji@example.com>", "body": "KK terlampir."}))
        self.assertFalse(self.new_complaints)
        self.assertEqual(complaint.state, "verified")
        self.assertFalse(complaint.date_paused)

    def test_automated_or_foreign_replies_do_not_restart_the_clock(self):
        complaint = self.gateway(self.mail(message_id="<kembali-auto@x>"))
        notice = self.return_complaint(complaint)
        # the complainant's out-of-office answer to the notice
        auto = self.gateway(self.eml("auto_reply.eml", sender="budi.uji@example.com",
                                     to=email_split(notice.reply_to)[0], subject=notice.subject,
                                     in_reply_to=notice.message_id,
                                     **{"from": "Budi Santoso <budi.uji@example.com>"}))
        self.assertEqual(auto, complaint)
        self.assertEqual(complaint.state, "returned", "an auto-reply does not complete the file")
        self.assert_no_mail_to("budi.uji@example.com", "auto-reply")
        # somebody else answering the notice
        other = self.gateway(self.mail(
            sender="Tetangga <tetangga.uji@example.com>", subject=f"Re: {notice.subject}",
            message_id="<tetangga@x>", headers=f"In-Reply-To: {notice.message_id}\n"))
        self.assertEqual(other, complaint)
        self.assertEqual(complaint.state, "returned", "only the complainant completes the file")
        self.assertTrue(complaint.date_paused)

    # ------------------------------------------------------------------
    # no acknowledgement
    # ------------------------------------------------------------------
    def test_no_acknowledgement_to_automated_messages(self):
        cases = {
            "auto-replied": "Auto-Submitted: auto-replied\n",
            "auto-generated": "Auto-Submitted: auto-generated\n",
            "precedence bulk": "Precedence: bulk\n",
            "precedence junk": "Precedence: junk\n",
            "exchange auto-response": "X-Auto-Response-Suppress: All\n",
            "mailing list id": "List-Id: Warga Dumai <warga.lists.example.com>\n",
            "list unsubscribe": "List-Unsubscribe: <mailto:leave@lists.example.com>\n",
            "x-loop": "X-Loop: pengaduan@lain.example\n",
            "null sender": "Return-Path: <>\n",
        }
        for index, (case, header) in enumerate(cases.items()):
            with self.subTest(case=case):
                complaint = self.gateway(self.mail(sender=f"Robot {index} <robot{index}@example.com>",
                                                   subject=f"Otomatis {case}", message_id=f"<auto{index}@x>",
                                                   headers=header))
                self.assertTrue(complaint, "the message is still registered")
                self.assert_nothing_sent(case)
        with self.subTest(case="out-of-office file"):
            complaint = self.gateway(self.eml("auto_reply.eml", sender="cuti.uji@example.com",
                                              subject="Info layanan", in_reply_to="<tidak-dikenal@lain.example>",
                                              **{"from": "Pegawai Cuti <cuti.uji@example.com>"}))
            self.assertTrue(complaint)
            self.assert_nothing_sent("out-of-office")
        # the same sender without those headers is answered: the headers made the difference
        normal = self.gateway(self.mail(sender="Robot 0 <robot0@example.com>", subject="Bukan otomatis",
                                        message_id="<notauto@x>"))
        self.assert_acknowledged(normal)

    def test_bounce_creates_nothing_and_gets_no_answer(self):
        complaint = self.gateway(self.mail(sender="Salah Alamat <tidak.ada@example.com>", message_id="<bounce-src@x>"))
        ack = self.assert_acknowledged(complaint)
        count = self.Complaint.search_count([])
        bounce_address = self.company.alias_domain_id.bounce_email
        for index, to in enumerate((bounce_address, self.alias_email)):
            with self.subTest(to=to), mute_logger(*GATEWAY_LOGGERS):
                result = self.gateway(self.eml("bounce_dsn.eml", to=to, msgid=f"dsn{index}@mx.example.org",
                                               number=complaint.number, bounced_email="tidak.ada@example.com",
                                               bounced_msgid=ack.message_id))
                self.assertFalse(result)
                self.assertEqual(self.Complaint.search_count([]), count, "a bounce is not a complaint")
                self.assert_nothing_sent("bounce")
        self.assertGreaterEqual(complaint.partner_id.message_bounce, 1, "Odoo recorded the bounce")

    def test_no_acknowledgement_to_our_own_addresses(self):
        catchall = self.company.alias_domain_id.catchall_email
        for case, sender in {"the alias itself": f"Pengaduan <{self.alias_email}>",
                             "the office e-mail": f"Disdukcapil <{self.company.email}>",
                             "another address of our domain": f"catchall <{catchall}>"}.items():
            with self.subTest(case=case), mute_logger(*GATEWAY_LOGGERS):
                complaint = self.gateway(self.mail(sender=sender, subject=f"Dari {case}",
                                                   message_id=f"<own-{len(case)}@x>"))
                # our own addresses never open a complaint (a loop): nothing created, nothing sent
                self.assertFalse(complaint, "no complaint from our own address")
                self.assertFalse(self.Complaint.search([("name", "=", f"Dari {case}")]))
                self.assert_nothing_sent(case)

    def test_sender_over_the_loop_limit_gets_nothing(self):
        config = self.env["ir.config_parameter"].sudo()
        config.set_param("mail.gateway.loop.minutes", 60)
        config.set_param("mail.gateway.loop.threshold", 3)
        for index in range(3):
            complaint = self.gateway(self.mail(sender="Banjir <banjir@example.com>", subject=f"Banjir {index}",
                                               message_id=f"<banjir{index}@x>"))
            self.assert_acknowledged(complaint)
        count = self.Complaint.search_count([])
        for index in range(3, 5):
            with mute_logger(*GATEWAY_LOGGERS):
                result = self.gateway(self.mail(sender="Banjir <banjir@example.com>", subject=f"Banjir {index}",
                                                message_id=f"<banjir{index}@x>"))
            self.assertFalse(result)
            self.assertEqual(self.Complaint.search_count([]), count, "no new complaint over the limit")
            self.assertFalse(self._new_mails.filtered(lambda m: m.model == "pengaduan.complaint"),
                             "no acknowledgement over the limit")
            self.assertFalse(self._new_mails.filtered(lambda m: "ADU-" in (m.subject or "")))
            self.assertFalse(self.env["mail.message"].search([("message_id", "=", f"<banjir{index}@x>")]))
        # other senders are not affected
        other = self.gateway(self.mail(sender="warga.lain@example.com", subject="Lain", message_id="<lain@x>"))
        self.assert_acknowledged(other)

    def test_a_sender_without_a_readable_address_is_never_a_loop(self):
        """Complaints without an e-mail (the desk's walk-ins and calls) are not the messages of a
        sender whose address cannot be read; an unreadable address is quoted, not a failure."""
        config = self.env["ir.config_parameter"].sudo()
        config.set_param("mail.gateway.loop.threshold", 3)
        for index in range(4):
            self.Complaint.create({"name": f"Datang langsung {index}", "channel_id": self.channel_email.id,
                                   "reporter_name": "Warga Loket"})
        for index, sender in enumerate(["not-an-address", "", "a@", "Budi <a@>", "a@b@c.example"]):
            with self.subTest(sender=sender), mute_logger(*GATEWAY_LOGGERS):
                complaint = self.gateway(self.mail(sender=sender, subject=f"Tanpa alamat {index}",
                                                   message_id=f"<tanpa-alamat{index}@x>"))
                self.assertEqual(len(self.new_complaints), 1, "the message is a complaint")
                self.assertEqual(complaint, self.new_complaints)
                self.assertTrue(self.env["mail.message"].search([("message_id", "=", f"<tanpa-alamat{index}@x>"),
                                                                 ("res_id", "=", complaint.id)]))
                self.assertFalse(complaint.reporter_email)
