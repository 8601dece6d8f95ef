from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestPengaduanDukcapil(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.pengaduan_calendar_id = cls.env.ref("pengaduan.resource_calendar_office")
        cls.unit = cls.env["hr.department"].create({"name": "Unit Pengaduan Uji"})
        cls.company.write({"dukcapil_region_code": "1472", "pengaduan_complaint_unit_id": cls.unit.id})
        cls.officer = mail_new_test_user(cls.env, login="dk_officer", groups="base.group_user,pengaduan.group_officer")
        cls.head = mail_new_test_user(cls.env, login="dk_head", groups="base.group_user,pengaduan.group_head")
        cls.handler = mail_new_test_user(cls.env, login="dk_handler", groups="base.group_user,pengaduan.group_handler")
        cls.walkin = cls.env.ref("pengaduan.channel_walkin")

    def test_thirteen_dairi_categories_with_their_standards(self):
        expected = {
            "konsolidasi_nik": (5, "minutes"), "sk_belum_menikah": (30, "minutes"), "sk_domisili": (30, "minutes"),
            "sk_umum": (30, "minutes"), "keabsahan_akta": (30, "minutes"), "sptjm_perceraian": (2, "hours"),
            "perkawinan_langsung": (15, "minutes"), "perekaman_rentan": (15, "minutes"),
            "akun_online": (15, "minutes"), "akta_kawin_luar_domisili": (30, "minutes"),
            "skpwni_online": (3, "working_days"), "persyaratan_adminduk": (5, "minutes"),
            "cek_data": (10, "minutes"),
        }
        for xmlid, standard in expected.items():
            category = self.env.ref(f"pengaduan_dukcapil.category_{xmlid}")
            self.assertEqual((category.sla_value, category.sla_unit), standard, xmlid)

    def test_category_standard_gives_the_deadline(self):
        # Monday 23 November 2026 09:00 WIB: Konsolidasi NIK is due 5 working minutes later
        with freeze_time("2026-11-23 02:00:00"):
            complaint = self.env["pengaduan.complaint"].create({
                "name": "NIK ganda", "channel_id": self.walkin.id,
                "category_id": self.env.ref("pengaduan_dukcapil.category_konsolidasi_nik").id,
            })
        self.assertEqual(complaint.resolution_deadline, datetime(2026, 11, 23, 2, 5))
        # direct channel: first response within 1 working day (Tuesday 16:00 WIB)
        self.assertEqual(complaint.response_deadline, datetime(2026, 11, 24, 9, 0))

    def test_nik_checks_birth_date_sex_and_region(self):
        Complaint = self.env["pengaduan.complaint"]
        woman = Complaint.create({"name": "a", "nik": "1472015508900003"})
        self.assertEqual(woman.nik_birth_date, date(1990, 8, 15))
        self.assertEqual(woman.nik_sex, "female")
        self.assertEqual(woman.nik_region, "local")
        man = Complaint.create({"name": "b", "nik": "3174011203850001"})
        self.assertEqual((man.nik_birth_date, man.nik_sex, man.nik_region), (date(1985, 3, 12), "male", "outside"))
        with self.assertRaises(ValidationError):
            Complaint.create({"name": "c", "nik": "1472017208900003"})  # day 72 - 40 = 32
        with self.assertRaises(ValidationError):
            self.company.dukcapil_region_code = "14A2"

    def test_dumai_flow_disposes_to_the_complaint_unit_for_study(self):
        complaint = self.env["pengaduan.complaint"].create({"name": "Surat masuk", "channel_id":
                                                            self.env.ref("pengaduan.channel_letter").id})
        complaint.with_user(self.officer).action_verify()
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler).action_dispose_to_complaint_unit()
        complaint.with_user(self.head).action_dispose_to_complaint_unit()
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.department_id, self.unit)
        self.assertEqual(complaint.disposition_ids.instruction, "study")

    def test_walkin_steps_are_timed_against_the_pasuruan_standards(self):
        with freeze_time("2026-11-23 02:00:00"):
            complaint = self.env["pengaduan.complaint"].create({"name": "Loket", "channel_id": self.walkin.id})
        steps = complaint.walkin_step_ids.sorted("sequence")
        self.assertEqual(steps.mapped("standard_minutes"), [2, 2, 10, 5, 5])
        self.assertEqual(complaint.walkin_step_current, "submit")
        for moment in ("02:01:00", "02:04:30", "02:10:00", "02:14:00", "02:18:00"):
            with freeze_time(f"2026-11-23 {moment}"):
                complaint.with_user(self.officer).action_walkin_next_step()
        self.assertEqual(steps.mapped("met"), [True, False, True, True, True])
        self.assertEqual(steps[1].duration_minutes, 3.5)
        self.assertFalse(complaint.walkin_step_current)
        with self.assertRaises(UserError):
            complaint.with_user(self.officer).action_walkin_next_step()
        letter = self.env["pengaduan.complaint"].create({"name": "Surat", "channel_id":
                                                        self.env.ref("pengaduan.channel_letter").id})
        self.assertFalse(letter.walkin_step_ids, "only walk-ins are timed per step")

    def test_cek_data_answered_on_the_spot(self):
        action = self.env.ref("pengaduan_dukcapil.pengaduan_quick_entry_wizard_action_cek_data")
        context = safe_eval(action.context, {"ref": lambda xmlid: self.env.ref(xmlid).id})
        wizard = self.env["pengaduan.quick.entry.wizard"].with_user(self.officer).with_context(**context).create({
            "reporter_name": "Pak Budi", "description": "NIK saya tidak terbaca di aplikasi bank",
            "answer": "<p>Data Bapak aktif; NIK sudah dikonsolidasi.</p>",
        })
        complaint = self.env["pengaduan.complaint"].browse(wizard.action_register()["res_id"])
        self.assertEqual(complaint.category_id, self.env.ref("pengaduan_dukcapil.category_cek_data"))
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.sla_state, "met")
