"""Documents and flow steps of a complaint are readable by exactly those who may read it.

Contract: the ``pengaduan.document`` and ``pengaduan.dpmptsp.step`` records of a complaint are
hidden -- by search, search_count, read, search_read, read_group and formatted_read_group --
from a handler of another department, an internal user of another company and a plain
internal user, while whoever reads the complaint reads them: handlers of its department,
officers (the front office), heads, administrators, and the DPMPTSP chain (analysts, Kabid,
Sekretaris) for complaints of the flow (security/pengaduan_dpmptsp_rules.xml mirrors the
complaint's rules).
"""
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.pengaduan.tests.common import wib
from odoo.addons.pengaduan.tests.test_side_tables import SideTableAssertions

from .common import DpmptspCase

DOCUMENT_FIELDS = ["document_type", "file", "file_name", "complaint_id"]
STEP_FIELDS = ["complaint_id", "step", "user_id", "date", "comment"]


@tagged("post_install", "-at_install")
class TestDpmptspSideTables(SideTableAssertions, DpmptspCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "DPMPTSP Uji Kedua"})
        cls.officer_2 = mail_new_test_user(
            cls.env, login="dpm_side_officer_2", groups="base.group_user,pengaduan.group_officer",
            company_id=cls.company_2.id, company_ids=[(6, 0, cls.company_2.ids)])
        cls.plain = mail_new_test_user(cls.env, login="dpm_side_plain", groups="base.group_user",
                                       company_id=cls.company.id)
        cls.outsiders = (cls.handler_b, cls.officer_2, cls.plain)
        cls.insiders = (cls.staff_a, cls.officer, cls.head, cls.manager,
                        cls.front_office, cls.analyst, cls.kabid, cls.sekretaris)

    def setUp(self):
        super().setUp()
        self.complaint = self.new_complaint(wib(2026, 11, 23, 8, 30), category_id=self.cat_hours.id)
        self.run_flow(self.complaint, "study")
        self.env.flush_all()
        self.documents = self.complaint.document_ids
        self.steps = self.complaint.dpmptsp_step_ids

    def test_fixture(self):
        self.assertEqual(self.complaint.department_id, self.dept_a)
        self.assertTrue(self.complaint.dpmptsp_stage)
        self.assertTrue(self.documents)
        self.assertTrue(self.steps)
        for user in self.outsiders:
            self.assertFalse(self.complaint.with_user(user).has_access("read"), user.login)
        for user in self.insiders:
            self.assertTrue(self.complaint.with_user(user).has_access("read"), user.login)

    def test_documents_and_steps_hidden_from_outsiders(self):
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assert_hidden(user, self.documents, DOCUMENT_FIELDS)
                self.assert_hidden(user, self.steps, STEP_FIELDS)

    def test_documents_and_steps_visible_to_readers(self):
        for user in self.insiders:
            with self.subTest(user=user.login):
                self.assert_visible(user, self.documents, DOCUMENT_FIELDS)
                self.assert_visible(user, self.steps, STEP_FIELDS)

    def test_chain_sees_only_complaints_of_the_flow(self):
        """An analyst reads the documents of a flow complaint of any department, not those of a
        complaint outside the flow of another department."""
        self.company.pengaduan_dpmptsp_flow = False
        outside = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_days.id)
        self.assertFalse(outside.dpmptsp_stage)
        self.add_documents(outside, ("form",), wib(2026, 11, 23, 9, 10))
        documents = self.env["pengaduan.document"].search([("complaint_id", "=", outside.id)])
        for user in (self.analyst, self.kabid, self.sekretaris):
            with self.subTest(user=user.login):
                self.assert_hidden(user, documents, DOCUMENT_FIELDS)
