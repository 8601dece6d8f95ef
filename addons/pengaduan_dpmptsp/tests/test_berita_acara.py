"""The Berita Acara Penyelesaian Pengaduan rendered for real with wkhtmltopdf.

HttpCase, not TransactionCase: wkhtmltopdf fetches the report assets from the test HTTP server.
"""
import re
import subprocess

from odoo.tests import HttpCase, tagged

from odoo.addons.pengaduan.tests.common import wib
from odoo.addons.pengaduan_dpmptsp.models.pengaduan_letter import paraf_initials

from .common import DpmptspCase


@tagged("post_install", "-at_install")
class TestBeritaAcara(DpmptspCase, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"name": "Dinas Penanaman Modal dan PTSP Kota Uji"})

    def render(self, records, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.front_office)
        pdf, report_format = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "pengaduan_dpmptsp.action_report_berita_acara", records.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True,
                              timeout=60).stdout.decode()
        pages = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True,
                               timeout=60).stdout.decode()
        return re.sub(r"[ \t]+", " ", text), int(re.search(r"Pages:\s+(\d+)", pages).group(1))

    def test_render_berita_acara(self):
        complaint = self.new_complaint(wib(2026, 11, 20, 9), name="Izin reklame tidak kunjung terbit",
                                       description="<p>Permohonan izin reklame diajukan sebulan lalu.</p>")
        complaint.with_user(self.analyst).dpmptsp_solution = \
            "<p>Izin reklame telah diterbitkan dan dapat diunduh melalui OSS.</p>"
        # Monday 23 November 2026 for the whole chain
        self.run_flow(complaint, "signature", start=wib(2026, 11, 23, 8))
        letter = complaint.dpmptsp_letter_id
        draft_text, _pages = self.render(letter)
        self.assertIn("(belum ditandatangani)", draft_text)
        self.assertNotIn("000.8.3.3/", draft_text, "a draft shows no number")

        self.run_flow(complaint, "front_office", start=wib(2026, 11, 23, 8))
        action = complaint.with_user(self.front_office).action_dpmptsp_print_berita_acara()
        self.assertEqual(action["report_name"], "pengaduan_dpmptsp.report_berita_acara")
        text, pages = self.render(letter)
        self.assertEqual(pages, 1)
        self.assertIn("DINAS PENANAMAN MODAL DAN PTSP KOTA UJI", text, "the kop shows the office")
        self.assertIn("BERITA ACARA PENYELESAIAN PENGADUAN", text)
        self.assertIn("Nomor: 000.8.3.3/1/BA-DPMPTSP/XI/2026", text)
        self.assertIn("Pada hari ini Senin tanggal 23 November 2026", text)
        self.assertIn("Dumai, 23 November 2026", text)
        self.assertIn(complaint.number, text)
        self.assertIn("20 November 2026", text, "received on")
        self.assertIn("Hendra Gunawan", text)
        self.assertIn("Izin reklame tidak kunjung terbit", text)
        self.assertIn("Permohonan izin reklame diajukan sebulan lalu.", text)
        self.assertIn("Izin reklame telah diterbitkan", text)
        self.assertIn("Demikian Berita Acara ini dibuat", text)
        # paraf: name, initials and date of the Kabid and the Sekretaris
        self.assertIn("Jabatan Nama Paraf Tanggal", text)
        self.assertRegex(text, r"Kabid Kabid Pengaduan Uji KPU 23 November 2026")
        self.assertRegex(text, r"Sekretaris Sekretaris Dinas Uji SDU 23 November 2026")
        # the signature block of the Kepala Dinas
        self.assertIn("Kepala Dinas Penanaman Modal dan PTSP", text)
        self.assertIn("Kepala Dinas Uji", text)
        self.assertIn("Pembina Utama Muda (IV/c)", text)
        self.assertIn("NIP. 19681203 199403 1 004", text)
        self.assertIn("Yang Menerima", text, "the complainant signs on receipt")
        self.assertNotIn("belum ditandatangani", text)

    def test_printed_in_indonesian_whoever_prints(self):
        """An official letter: the data in it (channel...) is Indonesian even for an English user."""
        complaint = self.new_complaint(wib(2026, 11, 20, 9), channel_id=self.env.ref("pengaduan.channel_letter").id)
        complaint.with_user(self.analyst).dpmptsp_solution = "<p>Sudah diselesaikan.</p>"
        self.run_flow(complaint, "front_office", start=wib(2026, 11, 23, 8))
        self.front_office.lang = "en_US"
        text, _pages = self.render(complaint.dpmptsp_letter_id)
        self.assertIn("Saluran : Surat", text)
        self.assertNotIn("Letter", text)

    def test_paraf_initials_leave_titles_out(self):
        for name, initials in (("Dra. Yusnita Harahap", "YH"), ("Budi Hartanto, S.H.", "BH"),
                               ("Ir. Zulkifli Nasution, M.Si.", "ZN"), ("Hj. Siti Aminah", "SA"),
                               ("Kabid Pengaduan Uji", "KPU")):
            self.assertEqual(paraf_initials(name), initials, name)
