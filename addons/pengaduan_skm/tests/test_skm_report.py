"""The Laporan Hasil SKM rendered for real with wkhtmltopdf, its text read with pdftotext, against
the worked data set (IKM 81.30 B, U9 2.60 C).

HttpCase: wkhtmltopdf fetches the report's assets from the test HTTP server. In test mode Odoo
renders a PDF report as HTML unless ``force_report_rendering`` is in the context
(``ir.actions.report._pre_render_qweb_pdf``): the tests pass it and check that a PDF came out.
"""

import re
import subprocess
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import SkmWorkedSetCase

REPORT = "pengaduan_skm.action_report_skm_result"
NIP = "197805122003121002"  # born 12 May 1978, civil servant since December 2003, man, no. 002
LANG = "id_ID"


def pdf_text(pdf):
    """The text of a PDF (``pdftotext -layout``), runs of blanks squashed to one space."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True,
                          timeout=60).stdout.decode()
    return re.sub(r"[ \t]+", " ", text)


@tagged("post_install", "-at_install")
class TestSkmReport(SkmWorkedSetCase, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Indonesian installed with the addon's terms, as on an office's database; the officer
        # prints in English: the report is Indonesian all the same
        cls.env["res.lang"]._activate_lang(LANG)
        cls.env["ir.module.module"]._load_module_terms(["pengaduan_skm"], [LANG], overwrite=True)
        cls.env.registry.clear_cache("stable")
        cls.officer.lang = "en_US"
        cls.company.city = "Dumai"
        cls.signatory = cls.env["hr.employee"].create({
            "name": "Dr. Hendra Wijaya", "company_id": cls.company.id, "job_title": "Kepala Dinas",
            "nip": NIP, "pangkat_golongan": "Pembina Utama Muda (IV/c)",
        })
        cls.period.write({"signatory_id": cls.signatory.id,
                          "follow_up": "<p>Ruang tunggu diperluas pada triwulan berikutnya.</p>"})
        cls.period.action_compute()

    def render(self, period, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.officer)
        pdf, report_format = Report.with_context(force_report_rendering=True)._render_qweb_pdf(REPORT, period.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        return pdf_text(pdf)

    def assert_row(self, text, *cells):
        pattern = r"\s*".join(re.escape(str(cell)) for cell in cells)
        self.assertRegex(text, pattern, f"no row {cells} in the report")

    def test_report_of_the_worked_data_set(self):
        text = self.render(self.period)
        # Indonesian whoever prints it; figures in its notation (decimal comma)
        self.assertIn("LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT", text)
        self.assertNotIn("PUBLIC SATISFACTION", text)
        self.assertIn("Periode: 1 Maret 2025 s.d. 31 Maret 2025", text)
        self.assert_row(text, "Populasi (jumlah layanan)", ":", 100)
        self.assert_row(text, "Sampel minimum (Krejcie & Morgan)", ":", 80)
        self.assert_row(text, "Jumlah responden", ":", 6)
        self.assertIn("kurang dari sampel minimum", text)
        # the nine elements: respondents, NRR, interval value, grade
        labels = ["U1 Persyaratan", "U2 Sistem, mekanisme dan prosedur", "U3 Waktu penyelesaian",
                  "U4 Biaya/tarif", "U5 Produk spesifikasi jenis pelayanan", "U6 Kompetensi pelaksana",
                  "U7 Perilaku pelaksana"]
        for index, label in enumerate(labels, start=1):
            self.assert_row(text, index, label, 6, "3,3333", "83,33", "B (Baik)")
        # the longest label may wrap in its cell
        self.assertRegex(text, r"8 U8 Penanganan pengaduan, saran dan(?: masukan)?\s+6\s+3,3333\s+83,33\s+B \(Baik\)")
        self.assert_row(text, 9, "U9 Sarana dan prasarana", 5, "2,6000", "65,00", "C (Kurang Baik)")
        # the index, its grade, the exact weight and what the rounded one would give
        self.assert_row(text, "IKM", "81,30")
        self.assert_row(text, "Mutu pelayanan", "B (Baik)")
        self.assertIn("bobot tepat 1/9", text)
        self.assertIn("81,21", text)
        # the respondents by profile (share of the 6)
        self.assert_row(text, "Laki-laki", 3, "50,0")
        self.assert_row(text, "Perempuan", 3, "50,0")
        self.assert_row(text, "Di bawah 20", 1, "16,7")
        self.assert_row(text, "20-29", 2, "33,3")
        self.assert_row(text, "50-59", 0, "0,0")
        self.assert_row(text, "60 ke atas", 1, "16,7")
        self.assert_row(text, "SMA", 2, "33,3")
        self.assert_row(text, "PNS", 2, "33,3")
        self.assert_row(text, "Lainnya", 2, "33,3")
        self.assert_row(text, "Perizinan", 3, "50,0")
        self.assert_row(text, "Dokumen administrasi", 1, "16,7")
        self.assert_row(text, "Tidak diisi", 1, "16,7")
        # the lowest element and the follow-up plan
        section = text[text.index("5. Unsur yang Perlu Diperbaiki"):]
        self.assertIn("U9 Sarana dan prasarana", section)
        self.assertNotIn("U1 Persyaratan", section)
        self.assertIn("Ruang tunggu diperluas", section)
        # the signatory: name, position, rank and NIP as letters print it
        self.assertIn("Dr. Hendra Wijaya", text)
        self.assertIn("Pembina Utama Muda (IV/c)", text)
        self.assertIn("NIP. 19780512 200312 1 002", text)
        self.assertRegex(text, r"Dumai, \d{1,2} \w+ \d{4}")
        self.assertIn("KONSEP", text, "an unpublished period's report says so")
        self.assertNotIn("Belum cukup data", text)

    def test_a_period_without_responses_has_not_enough_data(self):
        empty = self.Period.create({"name": "SKM Kosong 2024", "survey_id": self.survey.id, "population": 50,
                                    "signatory_id": self.signatory.id,
                                    "date_from": date(2024, 1, 1), "date_to": date(2024, 1, 31)})
        empty.action_compute()
        text = self.render(empty)
        self.assertIn("Belum cukup data", text)
        self.assertNotIn("0,00", text, "no index nor NRR of 0")
        self.assertNotRegex(text, r"IKM\s+[\d,]+")
        self.assertNotIn("U1 Persyaratan", text)
        self.assert_row(text, "Jumlah responden", ":", 0)
        self.assertIn("NIP. 19780512 200312 1 002", text)

    def test_the_report_reads_no_more_than_its_reader(self):
        """The signatory's NIP is printed for those who read the period (the office's staff, who may
        read NIPs), a head of office without survey rights included; someone who may not read the
        period gets no report, so no NIP."""
        head = mail_new_test_user(self.env, login="skm_head", name="Kepala Dinas Uji",
                                  groups="base.group_user,pengaduan.group_head")
        self.assertFalse(head.has_group("survey.group_survey_user"), "the head reads no survey response")
        html = self.env["ir.actions.report"].with_user(head)._render_qweb_html(REPORT, self.period.ids)[0].decode()
        self.assertIn("NIP. 19780512 200312 1 002", html)
        self.assertIn("Perizinan", html)
        outsider = mail_new_test_user(self.env, login="skm_outsider", name="Pegawai Lain",
                                      groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(outsider)._render_qweb_html(REPORT, self.period.ids)
        self.assertNotIn("nip", {name.lower() for name in self.period._fields},
                         "no copy of the NIP on the period, readable beyond the NIP's groups")

    def test_profile_counts_one_grouped_read_each(self):
        period = self.period.with_context(lang=LANG)
        period._report_profiles()  # warm the caches of the questionnaire
        period.invalidate_recordset()
        self.env["pengaduan.skm.response.line"].invalidate_model()
        # one grouped read per part of the profile (five), whatever the number of respondents
        with self.assertQueryCount(__system__=5):
            parts = period._report_profiles()
        self.assertEqual([part["title"] for part in parts],
                         ["Jenis kelamin", "Kelompok Usia", "Pendidikan", "Pekerjaan", "Jenis layanan yang diterima"])

    def test_demo_report(self):
        """The demonstration period prints its published figures (IKM 80.22 B, 100 respondents)."""
        period = self.env.ref("pengaduan_skm.demo_skm_period_current")
        html = self.env["ir.actions.report"].with_user(self.officer)._render_qweb_html(REPORT, period.ids)[0].decode()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        self.assertIn("80,22", text)
        self.assertIn("B (Baik)", text)
        self.assertRegex(text, r"Jumlah responden : 100")
        self.assertIn("U9 Sarana dan prasarana", text[text.index("5. Unsur yang Perlu Diperbaiki"):])
        self.assertIn("NIP. 19620820 198301 1 001", text)
        self.assertNotIn("KONSEP", text, "the demonstration period is published")
