import re
import subprocess
from datetime import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestPengaduanDesk(HttpCase):
    """HttpCase: wkhtmltopdf fetches the report assets from the test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = mail_new_test_user(cls.env, login="desk_officer",
                                         groups="base.group_user,pengaduan.group_officer")
        cls.department = cls.env["hr.department"].create({"name": "Bidang Uji Loket"})
        cls.category = cls.env["pengaduan.category"].create({
            "name": "Kategori Loket", "sla_value": 30, "sla_unit": "minutes", "department_id": cls.department.id,
        })
        cls.walkin = cls.env.ref("pengaduan.channel_walkin")
        cls.phone = cls.env.ref("pengaduan.channel_phone")
        cls.Wizard = cls.env["pengaduan.quick.entry.wizard"].with_user(cls.officer)

    def _register(self, **values):
        vals = {"reporter_name": "Pak Ahmad", "name": "Syarat KK", "description": "Apa syaratnya?",
                "channel_id": self.walkin.id, "outcome": "answered", "answer": "<p>Bawa surat pindah.</p>"}
        vals.update(values)
        action = self.Wizard.create(vals).action_register()
        return self.env["pengaduan.complaint"].browse(action["res_id"])

    def test_answered_on_the_spot_is_closed_with_first_response_now(self):
        with freeze_time("2026-11-23 03:00:00"):
            complaint = self._register()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.first_response_date, datetime(2026, 11, 23, 3, 0))
        self.assertEqual(complaint.resolved_date, datetime(2026, 11, 23, 3, 0))
        self.assertIn("surat pindah", complaint.answer)
        self.assertEqual(complaint.sla_state, "met")
        self.assertEqual(complaint.channel_id, self.walkin)

    def test_answer_required_on_the_spot(self):
        count = self.env["pengaduan.complaint"].search_count([])
        with self.assertRaises(UserError):
            self._register(answer="<p><br></p>")
        self.assertEqual(self.env["pengaduan.complaint"].search_count([]), count, "nothing half-written")

    def test_forward_to_the_team_disposes_to_the_category_department(self):
        complaint = self._register(outcome="forward", category_id=self.category.id, answer=False)
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.department_id, self.department)
        self.assertEqual(complaint.disposition_ids.to_department_id, self.department)

    def test_queue_numbers_restart_every_day_per_company(self):
        with freeze_time("2027-02-01 02:00:00"):  # a Monday, 09:00 WIB, far from any demo data
            first = self._register()
            second = self._register(channel_id=self.walkin.id)
            by_phone = self._register(channel_id=self.phone.id)
        with freeze_time("2027-02-02 02:00:00"):
            next_day = self._register()
        self.assertEqual((first.queue_number, second.queue_number), (1, 2))
        self.assertFalse(by_phone.queue_number, "only walk-ins take a queue number")
        self.assertEqual(next_day.queue_number, 1)
        self.assertEqual(str(next_day.queue_date), "2027-02-02")
        other_company = self.env["res.company"].create({"name": "DPMPTSP Uji"})
        with freeze_time("2027-02-02 02:30:00"):
            other = self.env["pengaduan.complaint"].with_company(other_company).create({
                "name": "Antrian lain", "channel_id": self.walkin.id, "company_id": other_company.id,
            })
        self.assertEqual(other.queue_number, 1)

    def test_lapor_tracking_id_unique_per_company(self):
        lapor = self.env.ref("pengaduan.channel_lapor")
        self.env["pengaduan.complaint"].create({"name": "Dari LAPOR", "channel_id": lapor.id,
                                                "lapor_tracking_id": "LAPOR-1234567"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["pengaduan.complaint"].create({"name": "Duplikat", "channel_id": lapor.id,
                                                    "lapor_tracking_id": "LAPOR-1234567"})
        other_company = self.env["res.company"].create({"name": "Kantor Lain"})
        other = self.env["pengaduan.complaint"].with_company(other_company).create({
            "name": "Sama di kantor lain", "channel_id": lapor.id, "lapor_tracking_id": "LAPOR-1234567",
            "company_id": other_company.id,
        })
        self.assertTrue(other.number)

    def test_queue_ticket_pdf(self):
        complaint = self._register()
        pdf, _ = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "pengaduan.action_report_queue_ticket", complaint.ids)
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode()
        self.assertIn(complaint.number, text)
        self.assertIn(f"{complaint.queue_number:03d}", text)
        # the site's own address, not a bare path, and its QR code
        base_url = complaint.get_base_url()
        self.assertIn(f"{base_url}/pengaduan/lacak?number={complaint.number}", re.sub(r"\s+", "", text))
        html = self.env["ir.actions.report"]._render_qweb_html(
            "pengaduan.action_report_queue_ticket", complaint.ids)[0].decode()
        self.assertIn('class="o_queue_qr"', html)
        self.assertRegex(html, r'src="data:image/png;base64,iVBOR')
