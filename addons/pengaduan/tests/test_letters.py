"""Official letters: numbering at signature, the printed Surat Jawaban (A4/F4), the Lembar
Disposisi, and the register and summary of a period, rendered for real with wkhtmltopdf.

HttpCase, not TransactionCase: wkhtmltopdf fetches the report assets from the test HTTP
server, which a TransactionCase does not run (the rendering would wait forever).
"""
import re
import subprocess
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import PengaduanCase, wib

NIP_HEAD = "197805122003121002"  # born 12 May 1978, civil servant since December 2003, man, no. 002
NIP_KABID = "198203152006042001"  # born 15 March 1982, since April 2006, woman, no. 001
COMPANY_NAME = "Dinas Kependudukan Kota Uji"
# Sunday 22 November 2026, 10:00 in Jakarta
SIGN_AT = wib(2026, 11, 22, 10)
MM_TO_PT = 72 / 25.4


@tagged("post_install", "-at_install")
class TestLetters(PengaduanCase, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.Letter = cls.env["pengaduan.letter"]
        cls.company.write({"name": COMPANY_NAME, "city": "Dumai"})

        # a fresh numbering with the default pattern: numbers independent of other data
        Numbering = cls.env["pengaduan.letter.numbering"]
        Numbering.search([("company_id", "=", cls.company.id)]).unlink()
        cls.numbering = Numbering.create({
            "name": "Surat Jawaban Uji", "document_type": "answer", "company_id": cls.company.id,
            "classification_code": "000.8.3.3", "unit_code": "Dukcapil",
        })

        cls.emp_head.write({"nip": NIP_HEAD, "pangkat_golongan": "Pembina Utama Muda (IV/c)",
                            "job_title": "Kepala Dinas"})
        cls.emp_kabid_a.write({"nip": NIP_KABID, "pangkat_golongan": "Penata Tingkat I (III/d)",
                               "job_title": "Kepala Bidang Pelayanan"})


    def setUp(self):
        super().setUp()
        self.complaint = self.receive(wib(2026, 11, 20, 9), name="Antrean KTP-el lama")
        self.complaint.answer = "<p>Dengan hormat, pengaduan Saudara telah kami tindak lanjuti.</p>"
        self.anonymous = self.receive(wib(2026, 11, 20, 10), name="Pungutan liar di loket",
                                      anonymity="anonim", reporter_name="Rahasia Sekali",
                                      reporter_email="rahasia@warga.example")
        with self.at(wib(2026, 11, 20, 11)):  # verified: they reached the Bidang, who write the letters
            (self.complaint | self.anonymous).with_user(self.officer).action_verify()

    # -- helpers ---------------------------------------------------------------------------
    def new_letter(self, complaint=None, user=None, **values):
        vals = {"signatory_id": self.emp_head.id}
        vals.update(values)
        return self.Letter.with_user(user or self.officer).with_context(
            default_complaint_id=(complaint or self.complaint).id).create(vals).with_env(self.env)

    def sign(self, letters, user=None, when=SIGN_AT):
        with freeze_time(when):
            letters.with_user(user or self.head).action_sign()
            self.env.flush_all()
        return letters

    def assert_refused(self, exception, func, *args):
        """No savepoint: the refusal must come before anything is written (no number taken)."""
        try:
            func(*args)
        except exception as error:
            return error
        self.fail(f"{func} should have raised {exception.__name__}")
        return None

    def sequence_part(self, letter):
        return int(letter.number.split("/")[-4])

    @staticmethod
    def _run(command, pdf):
        return subprocess.run(command, input=pdf, capture_output=True, check=True, timeout=60).stdout.decode()

    def render(self, report_ref, records, user=None):
        """Render the PDF for real: its text (spaces squashed), page size in points and page count."""
        Report = self.env["ir.actions.report"].with_user(user or self.officer)
        pdf, report_format = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report_ref, records.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        text = re.sub(r"[ \t]+", " ", self._run(["pdftotext", "-layout", "-", "-"], pdf))
        info = self._run(["pdfinfo", "-"], pdf)
        size = tuple(float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        return text, size, pages

    def assert_page_size(self, size, width_mm, height_mm):
        # within 1 mm: Qt snaps 215 x 330 mm to the standard 8.5 x 13 in folio (612 x 936 pt)
        self.assertAlmostEqual(size[0], width_mm * MM_TO_PT, delta=MM_TO_PT, msg=f"page width of {size}")
        self.assertAlmostEqual(size[1], height_mm * MM_TO_PT, delta=MM_TO_PT, msg=f"page height of {size}")

    # -- numbering -------------------------------------------------------------------------
    def test_draft_defaults_and_no_number(self):
        letter = self.new_letter()
        self.assertEqual(letter.state, "draft")
        self.assertFalse(letter.number, "a draft has no number")
        self.assertFalse(letter.letter_date)
        self.assertEqual(letter.addressee, "Budi Santoso")
        self.assertEqual(letter.perihal, f"Jawaban atas pengaduan {self.complaint.number}")
        self.assertIn("telah kami tindak lanjuti", letter.body)
        self.assertEqual(letter.place, "Dumai")
        self.assertEqual(self.new_letter(self.anonymous).addressee, "Pelapor",
                         "an anonymous complainant is never named on a letter")

    def test_number_at_signature_consecutive(self):
        first, second, third = self.new_letter(), self.new_letter(), self.new_letter()
        self.sign(first)
        self.assertEqual(first.state, "signed")
        self.assertEqual(first.number, "000.8.3.3/1/Dukcapil/XI/2026")
        self.assertEqual(first.name, first.number)
        self.assertEqual(first.letter_date, date(2026, 11, 22))
        self.assertEqual(first.signed_by_id, self.head)
        self.assertEqual(first._date_long(), "22 November 2026")
        self.assertFalse(second.number, "signing one letter does not number the others")
        self.assertTrue(self.messages_with(self.complaint, first.number), "the signature is logged")

        # signing again is refused, changes nothing and takes no number
        with self.assertRaisesRegex(UserError, "already signed"):
            self.sign(first)
        self.assertEqual(first.number, "000.8.3.3/1/Dukcapil/XI/2026")
        # several letters at once: consecutive, in order
        self.sign(second | third)
        self.assertEqual(second.number, "000.8.3.3/2/Dukcapil/XI/2026")
        self.assertEqual(third.number, "000.8.3.3/3/Dukcapil/XI/2026")

    def test_numbering_restarts_every_year(self):
        december, january, january_2 = self.new_letter(), self.new_letter(), self.new_letter()
        self.sign(december, when=wib(2026, 12, 31, 15))
        self.assertEqual(december.number, "000.8.3.3/1/Dukcapil/XII/2026")
        self.sign(january, when=wib(2027, 1, 4, 8))
        self.assertEqual(january.number, "000.8.3.3/1/Dukcapil/I/2027")
        self.assertEqual(january._date_long(), "4 Januari 2027")
        self.sign(january_2, when=wib(2027, 1, 4, 9))
        self.assertEqual(january_2.number, "000.8.3.3/2/Dukcapil/I/2027")

    def test_letter_date_is_the_office_day(self):
        # 23:30 in Jakarta on 30 November is still November there (16:30 UTC)
        letter = self.sign(self.new_letter(), when=wib(2026, 11, 30, 23, 30))
        self.assertEqual(letter.letter_date, date(2026, 11, 30))
        self.assertTrue(letter.number.endswith("/XI/2026"))

    def test_pattern_and_padding(self):
        self.numbering.write({"pattern": "{sequence}/{classification}/{unit}/{month}/{year}", "padding": 3})
        letter = self.sign(self.new_letter())
        self.assertEqual(letter.number, "001/000.8.3.3/Dukcapil/11/2026")
        with self.assertRaisesRegex(ValidationError, "must contain"):
            self.numbering.write({"pattern": "{classification}/{unit}/{month_roman}/{year}"})
        with self.assertRaisesRegex(ValidationError, "Unknown placeholder"):
            self.numbering.write({"pattern": "{classification}/{sequence}/{seksi}/{year}"})

    def test_signed_letter_locked(self):
        letter = self.sign(self.new_letter())
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            letter.with_user(self.officer).write({"perihal": "Diubah setelah ditandatangani"})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            letter.write({"body": "<p>Diubah oleh administrator</p>"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            letter.with_user(self.officer).unlink()
        draft = self.new_letter()
        draft.with_user(self.officer).write({"perihal": "Perbaikan perihal"})
        draft.with_user(self.officer).unlink()
        self.assertFalse(draft.exists(), "a draft may be changed and deleted")

    def test_a_signed_letter_is_not_signed_again(self):
        """Two tabs (or a retried call) sign the same letter: the second is told, nothing moves."""
        letter = self.sign(self.new_letter())
        number, signed_on = letter.number, letter.date_signed
        messages = len(self.complaint.message_ids)
        with self.assertRaisesRegex(UserError, rf"Letter {re.escape(number)} is already signed"):
            letter.with_user(self.head).action_sign()
        self.env.invalidate_all()
        self.assertEqual((letter.number, letter.date_signed), (number, signed_on))
        self.assertEqual(len(self.complaint.message_ids), messages, "no second note of the signature")
        following = self.sign(self.new_letter())
        self.assertEqual(self.sequence_part(following), self.sequence_part(letter) + 1, "no number taken")

    def test_only_the_signatory_signs_and_no_gap(self):
        first, second = self.new_letter(), self.new_letter()
        self.sign(first)
        for intruder in (self.officer, self.kabid_a, self.manager):
            error = self.assert_refused(AccessError, second.with_user(intruder).action_sign)
            self.assertIn("Kepala Dinas Uji", str(error))
        self.env.invalidate_all()
        self.assertEqual(second.state, "draft")
        self.assertFalse(second.number, "a refused signature takes no number")
        self.sign(second)
        self.assertEqual(self.sequence_part(second), self.sequence_part(first) + 1, "no gap after a refusal")

    def test_signatory_and_content_required(self):
        good = self.new_letter()
        no_nip = self.new_letter(signatory_id=self.emp_b.id)
        self.assert_refused(UserError, (good | no_nip).action_sign)
        self.assertFalse(good.number, "nothing is signed when one letter of the batch is refused")
        self.assert_refused(UserError, self.new_letter(signatory_id=False).action_sign)
        self.assert_refused(UserError, self.new_letter(body="<p><br></p>").action_sign)
        self.sign(good)
        self.assertEqual(self.sequence_part(good), 1, "the refused signatures took no number")

    def test_nip_validation(self):
        employee = self.emp_b
        for nip in ("19780512200312100",      # 17 digits
                    "1978051220031210021",    # 19 digits (never cut to 18)
                    "19780512200312100A",     # not only digits
                    "197813122003121002",     # month 13
                    "197802302003121002",     # 30 February
                    "197805122003123002",     # sex digit 3
                    "197805121975121002",     # service before birth
                    "197805122003121000"):    # serial 000
            with self.subTest(nip=nip), self.assertRaisesRegex(ValidationError, "Invalid NIP"):
                employee.write({"nip": nip})
        employee.write({"nip": "198408172010012003"})
        self.assertEqual(employee.nip, "198408172010012003")

    # -- printed letters -------------------------------------------------------------------
    def test_render_surat_jawaban_a4(self):
        letter = self.new_letter(sifat="segera", lampiran="1 (satu) berkas",
                                 tembusan="Wali Kota Uji\n\nInspektur Kota Uji\n")
        draft_text, size, pages = self.render("pengaduan.action_report_surat_jawaban", letter)
        self.assert_page_size(size, 210, 297)
        self.assertIn("(belum ditandatangani)", draft_text)
        self.assertNotIn("000.8.3.3/", draft_text, "a draft shows no number")

        self.sign(letter)
        action = letter.with_user(self.officer).action_print()
        self.assertEqual(action["report_name"], "pengaduan.report_surat_jawaban")
        text, size, pages = self.render("pengaduan.action_report_surat_jawaban", letter)
        self.assertEqual(pages, 1)
        self.assert_page_size(size, 210, 297)
        self.assertIn(COMPANY_NAME.upper(), text, "the kop shows the office")
        self.assertIn("Nomor : 000.8.3.3/1/Dukcapil/XI/2026", text)
        self.assertIn("Dumai, 22 November 2026", text)
        self.assertIn("Segera", text)
        self.assertIn("1 (satu) berkas", text)
        self.assertIn(f"Hal : Jawaban atas pengaduan {self.complaint.number}", text)
        self.assertIn("Yth. Budi Santoso", text)
        self.assertIn("telah kami tindak lanjuti", text)
        self.assertIn("Kepala Dinas Uji", text)
        self.assertIn("Pembina Utama Muda (IV/c)", text)
        self.assertIn("NIP. 19780512 200312 1 002", text, "the NIP grouped as on official letters")
        self.assertNotIn("a.n.", text)
        self.assertNotIn("belum ditandatangani", text)
        self.assertIn("Tembusan:", text)
        tembusan = text[text.index("Tembusan:"):]
        self.assertRegex(tembusan, r"1\.\s*Wali Kota Uji")
        self.assertRegex(tembusan, r"2\.\s*Inspektur Kota Uji", "empty lines are not numbered")

    def test_render_surat_jawaban_f4_on_behalf_anonymous(self):
        letter = self.new_letter(self.anonymous, signatory_id=self.emp_kabid_a.id, on_behalf=True,
                                 paper_format="f4", body="<p>Laporan Saudara sedang kami periksa.</p>")
        self.sign(letter, user=self.kabid_a)
        action = letter.with_user(self.officer).action_print()
        self.assertEqual(action["report_name"], "pengaduan.report_surat_jawaban")
        self.assertEqual(action["name"], "Surat Jawaban Pengaduan (F4)")
        text, size, pages = self.render("pengaduan.action_report_surat_jawaban_f4", letter)
        self.assertEqual(pages, 1)
        self.assert_page_size(size, 215, 330)
        self.assertIn(COMPANY_NAME.upper(), text)
        self.assertIn("000.8.3.3/1/Dukcapil/XI/2026", text)
        self.assertIn("22 November 2026", text)
        self.assertIn("Yth. Pelapor", text)
        self.assertNotIn("Rahasia Sekali", text, "the anonymous complainant stays anonymous")
        self.assertIn("a.n. Kepala Dinas", text)
        self.assertIn("Kepala Bidang Pelayanan", text)
        self.assertIn("Kabid A Uji", text)
        self.assertIn("Penata Tingkat I (III/d)", text)
        self.assertIn("NIP. 19820315 200604 2 001", text)
        self.assertNotIn("Tembusan", text)

    def test_render_lembar_disposisi(self):
        with self.at(wib(2026, 11, 20, 13)):
            self.Disposition.with_user(self.head).create({
                "complaint_id": self.complaint.id, "to_department_id": self.dept_a.id,
                "to_user_id": self.kabid_a.id, "instruction": "follow_up", "note": "Segera.",
            })
        # one complaint per rendering: Debian's wkhtmltopdf (unpatched Qt) cannot merge documents
        first, size, pages = self.render("pengaduan.action_report_lembar_disposisi", self.complaint)
        self.assertEqual(pages, 1)
        self.assert_page_size(size, 210, 297)
        self.assertIn("LEMBAR DISPOSISI", first)
        self.assertIn(COMPANY_NAME.upper(), first)
        self.assertIn("Surat/pengaduan dari: Budi Santoso", first)
        self.assertIn("Diterima tanggal: 20 November 2026", first)
        self.assertIn(self.complaint.number, first)
        self.assertIn("Antrean KTP-el lama", first)
        self.assertIn("Bidang Uji A — Kabid A Uji", first)
        self.assertIn("Tindak lanjuti: Segera.", first, "an official sheet: Indonesian whoever prints it")
        self.assertIn("Kepala Dinas Uji", first)
        second, _size, _pages = self.render("pengaduan.action_report_lembar_disposisi", self.anonymous)
        self.assertIn("LEMBAR DISPOSISI", second)
        self.assertIn("Surat/pengaduan dari: Pelapor", second)
        self.assertIn(self.anonymous.number, second)
        self.assertNotIn("Rahasia Sekali", second)

    # -- register and summary ----------------------------------------------------------------
    def _register_office(self):
        """A second office with its own complaints: the figures do not depend on other data."""
        office = self.env["res.company"].create({"name": "Dinas Perizinan Kota Uji", "city": "Dumai"})
        office.write({"pengaduan_calendar_id": self.calendar.id, "pengaduan_head_user_id": self.head.id})
        self.officer.write({"company_ids": [(4, office.id)]})
        Category = self.env["pengaduan.category"]
        fast = Category.create({"name": "Perizinan Cepat", "sla_value": 2, "sla_unit": "hours",
                                "company_id": office.id})
        slow = Category.create({"name": "Perizinan Biasa", "sla_value": 5, "sla_unit": "working_days",
                                "company_id": office.id})
        department = self.env["hr.department"].create({"name": "Bidang Perizinan", "company_id": office.id})

        def receive(when, category, **values):
            return self.receive(when, company_id=office.id, category_id=category.id,
                                department_id=department.id, **values)

        def answer(complaint, when):
            with self.at(when):
                complaint = complaint.with_user(self.officer)
                complaint.action_verify()
                complaint.action_start()
                complaint.answer = "<p>Sudah dijawab.</p>"
                complaint.action_answer()

        # 23:30 on 30 September in Jakarta: before the period; 00:30 on 1 October: inside
        before = receive(wib(2026, 9, 30, 23, 30), fast, name="Sebelum periode")
        october_met = receive(wib(2026, 10, 1, 0, 30), fast, name="Izin usaha", reporter_name="Ani Lestari")
        answer(october_met, wib(2026, 10, 1, 9, 30))
        october_failed = receive(wib(2026, 10, 14, 9), fast, name="Izin reklame", reporter_name="Bambang Wijaya")
        answer(october_failed, wib(2026, 10, 15, 9))
        november_closed = receive(wib(2026, 11, 16, 9), fast, name="Izin gangguan", reporter_name="Eko Prasetyo")
        answer(november_closed, wib(2026, 11, 16, 10))
        with self.at(wib(2026, 11, 17, 9)):
            november_closed.with_user(self.officer).action_close()
        november_rejected = receive(wib(2026, 11, 20, 9), slow, name="Bukan wewenang", reporter_name="Dewi Sartika",
                                    rejection_reason="Bukan kewenangan dinas.")
        with self.at(wib(2026, 11, 20, 10)):
            november_rejected.with_user(self.officer).action_reject()
        november_open = receive(wib(2026, 11, 23, 8), slow, name="Pungli perizinan", anonymity="anonim",
                                reporter_name="Rahasia Sekali", channel_id=self.channel_quick.id)
        other_office = self.receive(wib(2026, 11, 18, 9), name="Kantor lain")
        in_period = october_met | october_failed | november_closed | november_rejected | november_open
        self.assertEqual(in_period.mapped("sla_state"), ["met", "failed", "met", "met", "on_track"])
        wizard = self.env["pengaduan.register.wizard"].with_user(self.officer).create({
            "date_from": date(2026, 10, 1), "date_to": date(2026, 11, 30), "company_id": office.id,
        })
        return wizard, office, in_period, before | other_office

    def test_register_wizard_figures(self):
        wizard, _office, in_period, outside = self._register_office()
        lines = wizard._register_lines()
        self.assertEqual([line["number"] for line in lines], in_period.mapped("number"))
        self.assertNotIn(outside[0].number, str(lines))
        first = lines[0]
        self.assertEqual(first["date_received"], "01-10-2026", "the office's day, not UTC's")
        self.assertEqual(first["complainant"], "Ani Lestari")
        self.assertEqual(first["date_answered"], "01-10-2026")
        self.assertEqual(first["sla"], "Met")
        self.assertEqual(lines[-1]["complainant"], "Anonim", "an anonymous complainant is Anonim in the register")
        self.assertEqual(lines[1]["sla"], "Failed")

        rekap = wizard._rekap()
        self.assertEqual(rekap["total"], 5)
        self.assertEqual(dict(rekap["by_category"]), {"Perizinan Cepat": 3, "Perizinan Biasa": 2})
        self.assertEqual(dict(rekap["by_channel"]), {"Surat Uji": 4, "Telepon Uji": 1})
        self.assertEqual(dict(rekap["by_state"]), {
            "Received": 1, "Returned": 0, "Verified": 0, "In Progress": 0, "Answered": 2, "Closed": 1,
            "Rejected": 1,
        })
        self.assertEqual(rekap["by_month"], [
            {"month": "Oktober 2026", "received": 2, "met": 1, "failed": 1, "rate": "50%"},
            {"month": "November 2026", "received": 3, "met": 2, "failed": 0, "rate": "100%"},
        ])
        self.assertEqual((rekap["total_met"], rekap["total_failed"], rekap["total_rate"]), (3, 1, "75%"))

        self.assertEqual(wizard.action_print_register()["report_name"], "pengaduan.report_register")
        self.assertEqual(wizard.action_print_rekap()["report_name"], "pengaduan.report_rekap")
        with self.assertRaises(ValidationError):
            wizard.write({"date_to": date(2026, 9, 1)})

    def test_render_register_and_rekap(self):
        wizard, office, in_period, outside = self._register_office()
        text, size, _pages = self.render("pengaduan.action_report_register", wizard)
        self.assert_page_size(size, 297, 210)  # A4 landscape
        self.assertIn(office.name.upper(), text)
        self.assertIn("1 Oktober 2026 to 30 November 2026", text)
        for complaint in in_period:
            self.assertIn(complaint.number, text)
        for complaint in outside:
            self.assertNotIn(complaint.number, text)
        self.assertRegex(text, rf"1 {in_period[0].number} 01-10-2026 Ani Lestari Surat Uji Perizinan Cepat")
        self.assertIn("Anonim", text)
        self.assertNotIn("Rahasia Sekali", text, "the anonymous complainant stays anonymous")
        self.assertIn("Bidang Perizinan", text)
        self.assertIn("Failed", text)
        self.assertIn("Kepala Dinas Uji", text)

        text, size, _pages = self.render("pengaduan.action_report_rekap", wizard)
        self.assert_page_size(size, 210, 297)
        self.assertIn(office.name.upper(), text)
        self.assertIn("1 Oktober 2026 to 30 November 2026", text)
        for pattern in (r"Perizinan Cepat 3\b", r"Perizinan Biasa 2\b", r"Surat Uji 4\b", r"Telepon Uji 1\b",
                        r"Answered 2\b", r"Closed 1\b", r"Rejected 1\b", r"Returned 0\b",
                        r"Oktober 2026 2 1 1 50%", r"November 2026 3 2 0 100%", r"Total 5 3 1 75%"):
            self.assertRegex(text, pattern)
