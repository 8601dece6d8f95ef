"""Dispositions: head of office -> head of department (kabid) -> staff."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PengaduanCase, wib


@tagged("post_install", "-at_install")
class TestDisposition(PengaduanCase):

    def setUp(self):
        super().setUp()
        # no category department: the disposition decides who handles the complaint
        self.complaint = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_general.id)
        self.assertFalse(self.complaint.department_id)
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.complaint.with_user(self.officer).action_verify()

    def dispose(self, user, complaint=None, **values):
        vals = {"complaint_id": (complaint or self.complaint).id, "instruction": "follow_up"}
        vals.update(values)
        with self.at(wib(2026, 11, 23, 10)):
            return self.Disposition.with_user(user).create(vals)

    def activities_of(self, user, complaint=None):
        return (complaint or self.complaint).sudo().activity_ids.filtered(lambda a: a.user_id == user)

    def test_chain_head_kabid_staff(self):
        # 1. the head of office disposes to department A, to its head
        first = self.dispose(self.head, to_department_id=self.dept_a.id, to_user_id=self.kabid_a.id,
                             note="Mohon segera ditindaklanjuti.")
        self.assertEqual(first.from_user_id, self.head)
        self.assertFalse(first.parent_id)
        self.assertEqual(first.state, "sent")
        self.assertEqual(first.deadline, self.complaint.resolution_deadline, "defaults to the resolution deadline")
        self.assertEqual(self.complaint.department_id, self.dept_a)
        self.assertEqual(self.complaint.user_id, self.kabid_a)
        self.assertEqual(self.complaint.state, "in_progress")
        activity = self.activities_of(self.kabid_a)
        self.assertEqual(len(activity), 1)
        self.assertIn(self.complaint.number, activity.summary)
        self.assertEqual(activity.date_deadline, first.deadline.date())
        self.assertTrue(self.messages_with(self.complaint, "Mohon segera ditindaklanjuti."))

        # 2. the kabid forwards to a member of staff: the chain link is found, not posted
        second = self.dispose(self.kabid_a, to_user_id=self.staff_a.id, instruction="study",
                              parent_id=False)
        self.assertEqual(second.parent_id, first)
        self.assertEqual(second.from_user_id, self.kabid_a)
        self.assertEqual(second.to_department_id, self.dept_a, "the staff's department")
        self.assertEqual(first.state, "read", "forwarding reads the received disposition")
        self.assertEqual(self.complaint.user_id, self.staff_a)
        self.assertEqual(len(self.activities_of(self.staff_a)), 1)

        # 3. the staff reads, reports and closes the disposition
        as_staff = second.with_user(self.staff_a)
        as_staff.action_mark_read()
        self.assertEqual(second.state, "read")
        with self.assertRaises(UserError):
            as_staff.action_done()
        self.assertEqual(second.state, "read")
        as_staff.response = "Sudah dicek, data sudah diperbaiki."
        with self.at(wib(2026, 11, 23, 14)):
            as_staff.action_done()
        self.assertEqual(second.state, "done")
        self.assertEqual(second.date_done, wib(2026, 11, 23, 14))
        self.assertTrue(self.messages_with(self.complaint, "data sudah diperbaiki"))
        with self.assertRaises(UserError):
            as_staff.action_done()
        with self.assertRaises(UserError):
            as_staff.action_return()
        # the whole chain, in order
        self.assertEqual(self.complaint.disposition_ids, first | second)
        self.assertEqual(self.complaint.disposition_count, 2)

    def test_staff_returns_a_disposition(self):
        self.dispose(self.head, to_department_id=self.dept_a.id, to_user_id=self.kabid_a.id)
        forwarded = self.dispose(self.kabid_a, to_user_id=self.staff_a.id)
        as_staff = forwarded.with_user(self.staff_a)
        with self.assertRaises(UserError):
            as_staff.action_return()
        self.assertEqual(forwarded.state, "sent")
        as_staff.response = "Bukan urusan bidang kami."
        with self.at(wib(2026, 11, 23, 11)):
            as_staff.action_return()
        self.assertEqual(forwarded.state, "returned")
        self.assertEqual(forwarded.date_done, wib(2026, 11, 23, 11))
        self.assertTrue(self.messages_with(self.complaint, "Bukan urusan bidang kami."))

    def test_only_the_recipient_acts_on_a_disposition(self):
        first = self.dispose(self.head, to_department_id=self.dept_a.id, to_user_id=self.kabid_a.id)
        # a member of department A who is not the addressee
        with self.assertRaises(AccessError):
            first.with_user(self.staff_a).action_mark_read()
        first.response = "x"
        with self.assertRaises(AccessError):
            first.with_user(self.staff_a).action_done()
        self.assertEqual(first.state, "sent")
        first.with_user(self.kabid_a).action_mark_read()
        self.assertEqual(first.state, "read")

    def test_handler_not_recipient_cannot_dispose(self):
        self.dispose(self.head, to_department_id=self.dept_a.id, to_user_id=self.kabid_a.id)
        count = len(self.complaint.disposition_ids)
        # staff of department A sees the complaint, but the disposition is the kabid's
        with self.assertRaises(AccessError):
            self.dispose(self.staff_a, to_user_id=self.handler_b.id)
        # a handler of another department does not even see it
        with self.assertRaises(AccessError):
            self.dispose(self.handler_b, to_user_id=self.staff_a.id)
        self.complaint.invalidate_recordset()
        self.assertEqual(len(self.complaint.disposition_ids), count)
        self.assertEqual(self.complaint.user_id, self.kabid_a)

    def test_disposition_to_a_department_lets_its_members_forward(self):
        first = self.dispose(self.head, to_department_id=self.dept_a.id)
        self.assertFalse(self.complaint.user_id)
        # the department's head gets the activity
        self.assertEqual(len(self.activities_of(self.kabid_a)), 1)
        second = self.dispose(self.staff_a, to_user_id=self.kabid_a.id)
        self.assertEqual(second.parent_id, first)

    def test_disposition_needs_a_target(self):
        count = self.Disposition.search_count([])
        with self.assertRaises(ValidationError):
            self.dispose(self.head)
        self.assertEqual(self.Disposition.search_count([]), count)
        self.assertEqual(self.complaint.state, "verified")
        disposition = self.dispose(self.head, to_department_id=self.dept_a.id)
        # the recipient stays as sent: changing it is refused whatever the value
        with self.assertRaises(UserError):
            disposition.with_user(self.head).write({"to_department_id": False})

    def test_deadline_not_before_receipt(self):
        with self.assertRaises(ValidationError):
            self.dispose(self.head, to_department_id=self.dept_a.id, deadline=wib(2026, 11, 22, 9))
        self.assertFalse(self.complaint.disposition_ids)
        self.assertEqual(self.complaint.state, "verified")
        ok = self.dispose(self.head, to_department_id=self.dept_a.id, deadline=wib(2026, 11, 24, 16))
        self.assertEqual(ok.deadline, wib(2026, 11, 24, 16))
        with self.assertRaises(UserError):
            ok.with_user(self.head).write({"deadline": wib(2026, 11, 23, 8)})
        self.assertEqual(ok.deadline, wib(2026, 11, 24, 16))

    def test_cannot_dispose_before_verification(self):
        new = self.receive(wib(2026, 11, 23, 9))
        with self.assertRaises(UserError):
            self.dispose(self.head, complaint=new, to_department_id=self.dept_a.id)
        self.assertEqual(new.state, "new")
        self.assertFalse(new.disposition_ids)
        # nor after the answer
        self.dispose(self.head, to_department_id=self.dept_a.id, to_user_id=self.staff_a.id)
        self.complaint.answer = "<p>Selesai.</p>"
        self.complaint.with_user(self.staff_a).action_answer()
        with self.assertRaises(UserError):
            self.dispose(self.head, to_department_id=self.dept_b.id)

    def test_chain_fields_cannot_be_forged(self):
        first = self.dispose(self.head, to_department_id=self.dept_a.id, to_user_id=self.kabid_a.id)
        # the sender is always the current user, the state always starts as sent: a create
        # that names them is refused, nothing is written
        count = self.Disposition.search_count([])
        for forged_vals in ({"from_user_id": self.head.id}, {"state": "done"}, {"parent_id": 1},
                            {"company_id": self.env.company.id}):
            with self.assertRaises(UserError):
                self.dispose(self.kabid_a, to_user_id=self.staff_a.id, **forged_vals)
        self.assertEqual(self.Disposition.search_count([]), count)
        forged = self.dispose(self.kabid_a, to_user_id=self.staff_a.id)
        self.assertEqual(forged.from_user_id, self.kabid_a)
        self.assertEqual(forged.state, "sent")
        for vals in ({"state": "done"}, {"parent_id": False}, {"from_user_id": self.staff_a.id},
                     {"to_user_id": self.handler_b.id}, {"complaint_id": self.receive(wib(2026, 11, 23, 9)).id}):
            with self.assertRaises(UserError):
                forged.with_user(self.kabid_a).write(vals)
        self.assertEqual(forged.parent_id, first)

    def test_wizard_disposes_several_complaints(self):
        second = self.receive(wib(2026, 11, 23, 9, 15), category_id=self.cat_general.id)
        new = self.receive(wib(2026, 11, 23, 9, 20), category_id=self.cat_general.id)
        with self.at(wib(2026, 11, 23, 9, 30)):
            second.with_user(self.officer).action_verify()
        complaints = self.complaint | second
        action = complaints.with_user(self.head).action_dispose()
        self.assertEqual(action["res_model"], "pengaduan.dispose.wizard")
        Wizard = self.env["pengaduan.dispose.wizard"].with_user(self.head).with_context(**action["context"])
        wizard = Wizard.create({"to_department_id": self.dept_a.id, "instruction": "coordinate",
                                "note": "Koordinasikan."})
        self.assertEqual(wizard.complaint_ids, complaints)
        with self.at(wib(2026, 11, 23, 10)):
            wizard.action_confirm()
        for complaint in complaints:
            self.assertEqual(len(complaint.disposition_ids), 1)
            self.assertEqual(complaint.disposition_ids.to_department_id, self.dept_a)
            self.assertEqual(complaint.disposition_ids.instruction, "coordinate")
            self.assertEqual(complaint.disposition_ids.deadline, complaint.resolution_deadline)
            self.assertEqual(complaint.department_id, self.dept_a)
            self.assertEqual(complaint.state, "in_progress")
            self.assertEqual(len(self.activities_of(self.kabid_a, complaint)), 1)
        # without a target the wizard refuses; with a new complaint in the batch nothing is disposed
        empty = Wizard.create({})
        with self.assertRaises(UserError):
            empty.action_confirm()
        mixed = self.env["pengaduan.dispose.wizard"].with_user(self.head).create({
            "complaint_ids": [(6, 0, (second | new).ids)], "to_department_id": self.dept_b.id,
        })
        with self.assertRaises(UserError):
            mixed.action_confirm()
        self.assertEqual(second.department_id, self.dept_a)
        self.assertFalse(new.disposition_ids)

    def test_wizard_refuses_a_disposition_made_meanwhile(self):
        """Two people open the form on the same complaint; the second to confirm is told."""
        action = self.complaint.with_user(self.head).action_dispose()
        first = self.env["pengaduan.dispose.wizard"].with_user(self.head).with_context(**action["context"])
        second = self.env["pengaduan.dispose.wizard"].with_user(self.officer).with_context(**action["context"])
        # the forms open (the defaults: what each person sees), then both confirm
        values = second.default_get(["complaint_ids", "known_disposition_ids"])
        late = second.create(dict(values, to_department_id=self.dept_b.id, instruction="follow_up"))
        self.assertEqual(late.complaint_ids, self.complaint)
        self.assertFalse(late.known_disposition_ids)
        with self.at(wib(2026, 11, 23, 10)):
            first.create({"to_department_id": self.dept_a.id, "instruction": "coordinate"}).action_confirm()
        with self.assertRaisesRegex(UserError, rf"{self.complaint.number} was disposed meanwhile by "
                                               rf"{self.head.name} to {self.dept_a.name}"):
            late.action_confirm()
        self.assertEqual(len(self.complaint.disposition_ids), 1)
        self.assertEqual(self.complaint.department_id, self.dept_a, "the first one's routing stays")
        # opened again, it sees the disposition and may dispose once more
        again = second.create({"to_department_id": self.dept_b.id, "instruction": "follow_up"})
        self.assertEqual(again.known_disposition_ids, self.complaint.disposition_ids)
        with self.at(wib(2026, 11, 23, 11)):
            again.action_confirm()
        self.assertEqual(self.complaint.department_id, self.dept_b)
        # a wizard made without the form (RPC, no context) sees the dispositions there are
        direct = self.env["pengaduan.dispose.wizard"].with_user(self.head).create({
            "complaint_ids": [(6, 0, self.complaint.ids)], "to_department_id": self.dept_a.id})
        self.assertEqual(direct.known_disposition_ids, self.complaint.disposition_ids)
        with self.at(wib(2026, 11, 23, 12)):
            direct.action_confirm()
        self.assertEqual(len(self.complaint.disposition_ids), 3)
