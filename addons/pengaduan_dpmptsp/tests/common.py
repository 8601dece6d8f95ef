"""Fixtures of the DPMPTSP tests, on top of the core's (calendar Monday to Friday 08:00-16:00 WIB,
Wednesday 25 November 2026 a holiday, one user per core role)."""
import base64
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.pengaduan.tests.common import PengaduanCase, wib

NIP_KEPALA = "196812031994031004"
ALL_DOCUMENTS = ("form", "statement", "supporting")


@tagged("post_install", "-at_install")
class DpmptspCase(PengaduanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["pengaduan", "pengaduan_dpmptsp"], ["id_ID"],
                                                       overwrite=True)
        cls.company.write({"pengaduan_dpmptsp_flow": True, "city": "Dumai"})

        def user(login, name, groups):
            return mail_new_test_user(
                cls.env, login=login, name=name, email=f"{login}@dpmptsp.example",
                groups=f"base.group_user,{groups}", tz="Asia/Jakarta", company_id=cls.company.id,
            )

        cls.front_office = user("dpm_t_fo", "Petugas Front Office Uji", "pengaduan_dpmptsp.group_front_office")
        cls.analyst = user("dpm_t_analis", "Analis Kebijakan Uji", "pengaduan_dpmptsp.group_analyst")
        cls.kabid = user("dpm_t_kabid", "Kabid Pengaduan Uji", "pengaduan_dpmptsp.group_kabid")
        cls.sekretaris = user("dpm_t_sekretaris", "Sekretaris Dinas Uji", "pengaduan_dpmptsp.group_sekretaris")
        cls.kepala = cls.head  # the core's Head of Office signs
        cls.emp_head.write({"nip": NIP_KEPALA, "pangkat_golongan": "Pembina Utama Muda (IV/c)",
                            "job_title": "Kepala Dinas Penanaman Modal dan PTSP"})
        cls.category = cls.env.ref("pengaduan_dpmptsp.category_informasi")  # 2 working days
        # the demo gives the DPMPTSP categories to the demo DPMPTSP office; here the test office has them
        categories = cls.env["pengaduan.category"].search([("parent_id", "child_of", cls.category.parent_id.id)])
        categories.write({"company_id": cls.company.id})
        cls.partner = cls.env["res.partner"].create({
            "name": "Hendra Gunawan", "email": "hendra@warga.example", "lang": "id_ID",
        })
        # a fresh numbering: numbers independent of other data
        Numbering = cls.env["pengaduan.letter.numbering"]
        Numbering.search([("company_id", "=", cls.company.id), ("document_type", "=", "berita_acara")]).unlink()
        cls.numbering = Numbering.create({
            "name": "Berita Acara Uji", "document_type": "berita_acara", "company_id": cls.company.id,
            "classification_code": "000.8.3.3", "unit_code": "BA-DPMPTSP",
        })

    def new_complaint(self, when, documents=ALL_DOCUMENTS, **values):
        vals = {"partner_id": self.partner.id, "category_id": self.category.id,
                "name": "Izin usaha tidak terbit", "reporter_name": "Hendra Gunawan"}
        vals.update(values)
        complaint = self.receive(when, **vals)
        self.add_documents(complaint, documents, when)
        return complaint

    def add_documents(self, complaint, documents, when):
        with self.at(when):
            self.env["pengaduan.document"].with_user(self.front_office).create([{
                "complaint_id": complaint.id, "document_type": document_type,
                "file": base64.b64encode(b"scan"), "file_name": f"{document_type}.pdf",
            } for document_type in documents])

    def run_flow(self, complaint, until, start=None):
        """Do the steps with the right users, one working hour apart, until stage ``until``."""
        start = start or wib(2026, 11, 23, 9)
        steps = {
            "intake": (self.front_office, "action_dpmptsp_check_completeness", ()),
            "verification": (self.analyst, "action_dpmptsp_verify", ("Berkas sah",)),
            "study": (self.analyst, "action_dpmptsp_study", ("Dikonsultasikan dengan Kabid",)),
            "draft": (self.analyst, "action_dpmptsp_submit_draft", ("Konsep terlampir",)),
            "paraf_kabid": (self.kabid, "action_dpmptsp_paraf_kabid", ("Setuju",)),
            "paraf_sekretaris": (self.sekretaris, "action_dpmptsp_paraf_sekretaris", ("Setuju",)),
            "signature": (self.kepala, "action_dpmptsp_sign", ("Ditandatangani",)),
            "front_office": (self.front_office, "action_dpmptsp_hand_over", ("Hendra Gunawan",)),
        }
        order = list(steps)
        if not complaint.dpmptsp_solution:
            complaint.with_user(self.analyst).dpmptsp_solution = "<p>Izin telah diterbitkan ulang melalui OSS.</p>"
        while complaint.dpmptsp_stage != until:
            index = order.index(complaint.dpmptsp_stage)
            user, method, args = steps[complaint.dpmptsp_stage]
            with self.at(start + timedelta(hours=index)):
                getattr(complaint.with_user(user), method)(*args)
        return complaint

    def assert_refused(self, records, method, exceptions, *args):
        """Refused before anything is written: no savepoint, the records must stay as they were."""
        before = self.snapshot(records) + records.sudo().read(["dpmptsp_stage", "dpmptsp_letter_id"])
        steps = len(records.sudo().dpmptsp_step_ids)
        refused = False
        try:
            getattr(records, method)(*args)
        except exceptions:
            refused = True  # no savepoint on purpose (assertRaises would roll back to one)
        self.assertTrue(refused, f"{method} by {records.env.user.name} should have been refused")
        records.env.flush_all()
        self.assertEqual(self.snapshot(records) + records.sudo().read(["dpmptsp_stage", "dpmptsp_letter_id"]),
                         before, f"{method}: nothing may be half-written")
        self.assertEqual(len(records.sudo().dpmptsp_step_ids), steps)
