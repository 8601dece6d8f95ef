"""Who sees and changes which complaint: groups, record rules, companies."""
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import PengaduanCase, wib


@tagged("post_install", "-at_install")
class TestSecurity(PengaduanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(wib(2026, 11, 23, 9)):
            Complaint = cls.Complaint.with_user(cls.officer)
            base = {"channel_id": cls.channel.id, "date_received": wib(2026, 11, 23, 9)}
            cls.complaint_a = Complaint.create(dict(base, name="Bidang A", category_id=cls.cat_hours.id))
            cls.complaint_b = Complaint.create(dict(base, name="Bidang B", category_id=cls.cat_days.id))
            cls.complaint_none = Complaint.create(dict(base, name="Belum didisposisi",
                                                       category_id=cls.cat_general.id))
            cls.env.flush_all()
        cls.all_three = (cls.complaint_a | cls.complaint_b | cls.complaint_none).with_env(cls.env)

    def reach(self, complaints=None):
        """The officer verifies the complaints: they reach their Bidang."""
        with self.at(wib(2026, 11, 23, 9, 15)):
            (complaints or self.all_three).with_user(self.officer).action_verify()

    def visible_to(self, user):
        return self.Complaint.with_user(user).search([("id", "in", self.all_three.ids)])

    def test_handler_sees_only_own_departments(self):
        # received, not yet verified: the officers' alone, not the Bidang's
        for user in (self.handler_b, self.staff_a, self.kabid_a):
            self.assertFalse(self.visible_to(user), user.name)
        self.reach()
        self.assertEqual(self.complaint_a.department_id, self.dept_a)
        self.assertEqual(self.complaint_b.department_id, self.dept_b)
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.handler_b).read(["name"])
        with self.assertRaises(AccessError):
            self.complaint_none.with_user(self.handler_b).read(["name"])
        self.assertEqual(self.visible_to(self.handler_b), self.complaint_b)
        self.assertEqual(self.complaint_b.with_user(self.handler_b).read(["name"])[0]["name"], "Bidang B")
        for user in (self.staff_a, self.kabid_a):
            self.assertEqual(self.visible_to(user), self.complaint_a, user.name)
            self.assertEqual(self.complaint_a.with_user(user).read(["name"])[0]["name"], "Bidang A")
            with self.assertRaises(AccessError):
                self.complaint_b.with_user(user).read(["name"])
        self.assertEqual(self.Complaint.with_user(self.handler_b).search_count(
            [("name", "=", "Bidang A")]), 0)
        # and cannot change it either
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.handler_b).write({"name": "Diubah"})

    def test_handler_sees_what_is_assigned_or_disposed_to_them(self):
        self.complaint_a.with_user(self.officer).user_id = self.handler_b
        self.assertIn(self.complaint_a, self.visible_to(self.handler_b))
        # disposed to handler B in person
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.complaint_none.with_user(self.officer).action_verify()
            self.Disposition.with_user(self.head).create({
                "complaint_id": self.complaint_none.id, "to_user_id": self.handler_b.id,
            })
        self.assertIn(self.complaint_none, self.visible_to(self.handler_b))
        self.assertEqual(self.complaint_none.disposition_ids.with_user(self.handler_b).read(["state"])[0]["state"],
                         "sent")

    def test_officer_head_and_manager_see_their_whole_company(self):
        for user in (self.officer, self.head, self.manager):
            self.assertEqual(self.visible_to(user), self.all_three, user.name)
            self.all_three.with_user(user).read(["name", "state"])

    def test_dispositions_follow_their_complaint(self):
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.complaint_a.with_user(self.officer).action_verify()
            disposition = self.Disposition.with_user(self.head).create({
                "complaint_id": self.complaint_a.id, "to_department_id": self.dept_a.id,
            })
        disposition.with_user(self.staff_a).read(["state"])
        with self.assertRaises(AccessError):
            disposition.with_user(self.handler_b).read(["state"])
        self.assertFalse(self.Disposition.with_user(self.handler_b).search([("id", "=", disposition.id)]))

    def test_multi_company(self):
        company_2 = self.env["res.company"].create({"name": "Dinas Uji Kedua"})
        officer_2 = mail_new_test_user(self.env, login="pgd_officer_2",
                                       groups="base.group_user,pengaduan.group_officer",
                                       company_id=company_2.id, company_ids=[(6, 0, company_2.ids)])
        with self.at(wib(2026, 11, 23, 9)):
            other = self.Complaint.with_user(officer_2).with_company(company_2).create({
                "name": "Kantor kedua", "channel_id": self.channel.id, "company_id": company_2.id,
            })
        self.assertEqual(other.company_id, company_2)
        for user in (self.officer, self.head, self.manager):
            self.assertFalse(self.Complaint.with_user(user).search([("id", "=", other.id)]), user.name)
            with self.assertRaises(AccessError):
                other.with_user(user).read(["name"])
        # and the other way round
        self.assertEqual(self.Complaint.with_user(officer_2).search([("id", "in", (self.all_three | other).ids)]),
                         other)
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(officer_2).read(["name"])

    def test_only_officers_and_managers_create(self):
        values = {"name": "Tidak boleh", "channel_id": self.channel.id}
        for user in (self.staff_a, self.head):
            with self.at(wib(2026, 11, 23, 9)), self.assertRaises(AccessError):
                self.Complaint.with_user(user).create(dict(values))
        with self.at(wib(2026, 11, 23, 9)):
            for user in (self.officer, self.manager):
                self.assertTrue(self.Complaint.with_user(user).create(dict(values)).number)

    def test_only_managers_unlink(self):
        for user in (self.officer, self.head, self.staff_a):
            with self.assertRaises(AccessError):
                self.complaint_a.with_user(user).unlink()
        self.assertTrue(self.complaint_a.exists())
        self.complaint_a.with_user(self.manager).unlink()
        self.assertFalse(self.complaint_a.exists())
        # and only complaints that were just received
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.complaint_b.with_user(self.officer).action_verify()
        with self.assertRaises(UserError):
            self.complaint_b.with_user(self.manager).unlink()
        self.assertTrue(self.complaint_b.exists())

    def test_department_change_takes_effect_immediately(self):
        self.reach()
        as_b = self.Complaint.with_user(self.handler_b)
        self.assertNotIn(self.complaint_a, as_b.search([]))
        # handler B moves to department A: no cache to wait for
        self.emp_b.department_id = self.dept_a
        self.assertIn(self.complaint_a, as_b.search([]))
        self.assertNotIn(self.complaint_b, as_b.search([]))
        self.complaint_a.with_user(self.handler_b).read(["name"])
        # and back
        self.emp_b.department_id = self.dept_b
        self.assertNotIn(self.complaint_a, as_b.search([]))
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.handler_b).read(["name"])

    def test_department_manager_change_takes_effect_immediately(self):
        self.reach()
        as_b = self.Complaint.with_user(self.handler_b)
        self.assertNotIn(self.complaint_a, as_b.search([]))
        self.dept_a.manager_id = self.emp_b
        self.assertIn(self.complaint_a, as_b.search([]), "a head of department sees the department's complaints")
        self.dept_a.manager_id = self.emp_kabid_a
        self.assertNotIn(self.complaint_a, as_b.search([]))

    def test_new_department_with_its_head_takes_effect_immediately(self):
        as_b = self.Complaint.with_user(self.handler_b)
        self.assertNotIn(self.complaint_none, as_b.search([]))
        department = self.env["hr.department"].create({"name": "Bidang Uji Baru", "manager_id": self.emp_b.id})
        self.complaint_none.with_user(self.officer).department_id = department
        self.reach(self.complaint_none)
        self.assertIn(self.complaint_none, as_b.search([]), "the head of the new department sees its complaints")

    def test_removed_employee_loses_access_immediately(self):
        self.reach()
        as_staff = self.Complaint.with_user(self.staff_a)
        self.assertIn(self.complaint_a, as_staff.search([]))
        self.emp_staff_a.unlink()
        self.assertNotIn(self.complaint_a, as_staff.search([]))
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.staff_a).read(["name"])

    def test_new_employee_link_takes_effect_immediately(self):
        self.reach()
        newcomer = mail_new_test_user(self.env, login="pgd_newcomer", groups="base.group_user,pengaduan.group_handler")
        as_newcomer = self.Complaint.with_user(newcomer)
        self.assertFalse(as_newcomer.search([("id", "in", self.all_three.ids)]))
        self.env["hr.employee"].create({"name": "Pegawai Baru", "user_id": newcomer.id,
                                        "department_id": self.dept_b.id})
        self.assertEqual(as_newcomer.search([("id", "in", self.all_three.ids)]), self.complaint_b)

    def test_workflow_rights(self):
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.staff_a).action_verify()
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.staff_a).action_recompute_deadlines()
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.officer).action_recompute_deadlines()
        self.complaint_a.with_user(self.head).action_recompute_deadlines()
        self.assertEqual(self.complaint_a.state, "new")

    def test_pengaduan_users_read_employees(self):
        """Handlers, officers and heads have no HR rights: they read employees through the
        public profile, including the NIP and rank printed on letters."""
        self.emp_kabid_a.write({"nip": "198503152010011001", "pangkat_golongan": "Pembina (IV/a)"})
        for user in (self.head, self.officer, self.staff_a):
            department = self.dept_a.with_user(user)
            department.invalidate_recordset()
            self.assertEqual(department.manager_id.user_id, self.kabid_a, user.name)
            self.assertEqual(department.manager_id.name, "Kabid A Uji")
            self.assertEqual(department.manager_id.nip, "198503152010011001")
            self.assertEqual(department.manager_id.pangkat_golongan, "Pembina (IV/a)")
