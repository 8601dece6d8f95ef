"""Walk-in steps of a complaint are readable by exactly those who may read the complaint.

Contract: the ``pengaduan.walkin.step`` records of a walk-in complaint are hidden -- by search,
search_count, read, search_read, read_group and formatted_read_group -- from a handler of
another department, an internal user of another company and a plain internal user, while the
handlers of the complaint's department, complaint officers, heads and administrators of its
company read them (security/pengaduan_dukcapil_rules.xml mirrors the complaint's rules).
"""
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.pengaduan.tests.common import PengaduanCase, wib
from odoo.addons.pengaduan.tests.test_side_tables import SideTableAssertions

STEP_FIELDS = ["step", "date_start", "user_id", "complaint_id"]


@tagged("post_install", "-at_install")
class TestWalkinStepSideTable(SideTableAssertions, PengaduanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Disdukcapil Uji Kedua"})
        cls.officer_2 = mail_new_test_user(
            cls.env, login="dk_side_officer_2", groups="base.group_user,pengaduan.group_officer",
            company_id=cls.company_2.id, company_ids=[(6, 0, cls.company_2.ids)])
        cls.plain = mail_new_test_user(cls.env, login="dk_side_plain", groups="base.group_user",
                                       company_id=cls.company.id)
        walkin = cls.env.ref("pengaduan.channel_walkin")
        with freeze_time(wib(2026, 11, 23, 9)):
            cls.complaint = cls.Complaint.with_user(cls.officer).create({
                "name": "KTP belum jadi", "channel_id": walkin.id, "category_id": cls.cat_hours.id,
                "reporter_name": "Siti Warga", "date_received": wib(2026, 11, 23, 9),
            }).with_env(cls.env)
            cls.env.flush_all()
        cls.steps = cls.complaint.walkin_step_ids
        cls.outsiders = (cls.handler_b, cls.officer_2, cls.plain)
        cls.insiders = (cls.staff_a, cls.officer, cls.head, cls.manager)

    def verify(self):
        """The officer verifies the complaint: it reaches department A."""
        with freeze_time(wib(2026, 11, 23, 9, 15)):
            self.complaint.with_user(self.officer).action_verify()
            self.env.flush_all()

    def test_fixture(self):
        self.verify()
        self.assertEqual(self.complaint.department_id, self.dept_a)
        self.assertTrue(self.steps, "a walk-in complaint is timed per step")
        for user in self.outsiders:
            self.assertFalse(self.complaint.with_user(user).has_access("read"), user.login)
        for user in self.insiders:
            self.assertTrue(self.complaint.with_user(user).has_access("read"), user.login)

    def test_walkin_steps_hidden_from_outsiders(self):
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assert_hidden(user, self.steps, STEP_FIELDS)

    def test_walkin_steps_visible_to_readers(self):
        self.verify()
        for user in self.insiders:
            with self.subTest(user=user.login):
                self.assert_visible(user, self.steps, STEP_FIELDS)
                self.assertEqual(self.complaint.with_user(user).walkin_step_ids, self.steps)

    def test_disposed_handler_sees_the_steps(self):
        """Disposing the complaint to a handler of another department opens its steps too."""
        with freeze_time(wib(2026, 11, 23, 9, 30)):
            self.complaint.with_user(self.officer).action_verify()
            self.Disposition.with_user(self.head).create({
                "complaint_id": self.complaint.id, "to_department_id": self.dept_b.id,
            })
            self.env.flush_all()
        self.assert_visible(self.handler_b, self.steps, STEP_FIELDS)
