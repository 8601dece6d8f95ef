"""A tamper-proof record: no context key grants a privilege, and what the workflow writes
(status, numbers, dates, deadlines, SLA, routing, tokens, signatures) cannot be written
directly by anybody but the workflow, whatever the caller puts in the context.

Each probe is an attack by a real user in the real groups; the record must stay as it was.
The same probes over XML-RPC against a running server: tests/e2e/test_trust_rpc.py.
"""
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PengaduanCase, wib

# context keys earlier versions trusted, and some an attacker would try
FORGED_CONTEXTS = (
    {}, {"pengaduan_transition": True}, {"pengaduan_sign": True}, {"dpmptsp_chain": True},
    {"tracking_disable": True, "mail_notrack": True},
)


@tagged("post_install", "-at_install")
class TestTrustWorkflow(PengaduanCase):

    def setUp(self):
        super().setUp()
        self.complaint = self.receive(wib(2026, 11, 23, 9))  # category of department A
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.complaint.with_user(self.officer).action_verify()
            self.complaint.with_user(self.staff_a).action_start()
        self.other_company = self.env["res.company"].create({"name": "Dinas Lain Uji"})
        self.citizen = self.env["res.partner"].create({"name": "Warga Lain", "email": "lain@warga.example"})

    def forged_values(self):
        moment = wib(2026, 11, 20, 9)
        return [
            {"state": "closed"}, {"state": "answered"}, {"number": "ADU-2026-999999"},
            {"sla_state": "met"}, {"escalation_level": 0}, {"first_response_date": moment},
            {"resolved_date": moment}, {"date_closed": moment}, {"date_paused": moment},
            {"response_deadline": wib(2027, 1, 1)}, {"resolution_deadline": wib(2027, 1, 1)},
            {"sla_deadline": wib(2027, 1, 1)}, {"sla_risk_date": wib(2027, 1, 1)},
            {"rating_last_value": 5.0}, {"acknowledgement_due": True}, {"access_token": "forged-token"},
            {"company_id": self.other_company.id}, {"department_id": self.dept_b.id},
            {"user_id": self.handler_b.id}, {"partner_id": self.citizen.id},
            {"reporter_email": "lain@warga.example"}, {"state_before_return": "new"},
            {"pause_work_hours": 100.0}, {"queue_number": 7},
        ]

    def test_no_context_key_unlocks_a_workflow_field(self):
        for user in (self.staff_a, self.head):
            for context in FORGED_CONTEXTS:
                for vals in self.forged_values():
                    fname = next(iter(vals))
                    before = self.complaint.sudo()[fname]
                    with self.subTest(user=user.login, context=context, field=fname):
                        with self.assertRaises(UserError):
                            self.complaint.with_user(user).with_context(**context).write(vals)
                        self.complaint.invalidate_recordset()
                        self.assertEqual(self.complaint.sudo()[fname], before)

    def test_no_stored_computed_field_is_writable(self):
        """Every stored computed field of the complaint, whichever addon adds it (deadlines,
        SLA, rating, DPMPTSP completeness...), is refused to every role: a field added later
        is covered without changing this test."""
        computed = [name for name, field in self.Complaint._fields.items()
                    if field.store and field.compute and not field.related and field.type not in (
                        "one2many", "many2many", "binary")]
        self.assertIn("response_deadline", computed)
        self.assertIn("sla_deadline", computed)
        for user in (self.staff_a, self.head, self.officer, self.manager):
            for fname in computed:
                value = self.complaint.sudo()[fname]
                field = self.Complaint._fields[fname]
                with self.subTest(user=user.login, field=fname), self.assertRaises(UserError):
                    self.complaint.with_user(user).write(
                        {fname: field.convert_to_write(value, self.complaint) or False})

    def test_officer_and_manager_cannot_write_the_workflow_either(self):
        writable_by_officer = {"partner_id", "reporter_email"}
        for user in (self.officer, self.manager):
            for vals in self.forged_values():
                fname = next(iter(vals))
                if fname in writable_by_officer:  # the complainant is registered by officers
                    continue
                with self.subTest(user=user.login, field=fname), self.assertRaises(UserError):
                    self.complaint.with_user(user).with_context(pengaduan_transition=True).write(vals)

    def test_routing_only_through_a_disposition_once_verified(self):
        # an officer registers a complaint and routes it while it is new ...
        new = self.receive(wib(2026, 11, 23, 9))
        new.with_user(self.officer).write({"department_id": self.dept_b.id})
        self.assertEqual(new.department_id, self.dept_b)
        # ... the same value written again is no re-routing
        self.complaint.with_user(self.officer).write({"department_id": self.dept_a.id})
        for vals in ({"department_id": self.dept_b.id}, {"user_id": self.handler_b.id}):
            with self.assertRaises(UserError):
                self.complaint.with_user(self.officer).write(vals)
        self.assertEqual(self.complaint.department_id, self.dept_a)
        # no office moves a complaint to another office
        with self.assertRaises(UserError):
            new.with_user(self.officer).write({"company_id": self.other_company.id})
        self.assertEqual(new.company_id, self.company)

    def test_fields_get_shows_the_workflow_fields_read_only(self):
        fields = self.Complaint.with_user(self.staff_a).fields_get(
            ["state", "number", "response_deadline", "answer", "partner_id"], ["readonly"])
        self.assertTrue(fields["state"]["readonly"])
        self.assertTrue(fields["number"]["readonly"])
        self.assertTrue(fields["response_deadline"]["readonly"])
        self.assertTrue(fields["partner_id"]["readonly"], "a handler does not choose the complainant")
        self.assertFalse(fields["answer"]["readonly"], "a handler writes the answer")

    def test_create_cannot_set_workflow_fields(self):
        count = self.Complaint.search_count([])
        with self.at(wib(2026, 11, 23, 9)):
            for context in FORGED_CONTEXTS:
                for vals in ({"state": "closed"}, {"number": "X-1"}, {"sla_state": "met"},
                             {"access_token": "forged"}, {"escalation_level": 3},
                             {"response_deadline": wib(2027, 1, 1)}):
                    with self.subTest(context=context, vals=vals), self.assertRaises(UserError):
                        self.Complaint.with_user(self.officer).with_context(**context).create(dict(
                            vals, name="Curang", channel_id=self.channel.id))
        self.assertEqual(self.Complaint.search_count([]), count)

    def test_workflow_steps_check_rights_and_state(self):
        # a handler of another department cannot act on a complaint it cannot write
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.handler_b).with_context(pengaduan_transition=True).action_answer()
        # the steps themselves still work for the honest user
        self.complaint.with_user(self.staff_a).write({"answer": "<p>Sudah selesai.</p>"})
        with self.at(wib(2026, 11, 23, 11)):
            self.complaint.with_user(self.staff_a).action_answer()
        self.assertEqual(self.complaint.state, "answered")
        self.assertEqual(self.complaint.resolved_date, wib(2026, 11, 23, 11))
        # private effects are not callable over RPC (leading underscore) and a handler cannot
        # close, whatever the context
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.staff_a).with_context(pengaduan_transition=True).action_close()
        self.assertEqual(self.complaint.state, "answered")

    def test_disposition_fields_cannot_be_forged(self):
        with self.at(wib(2026, 11, 23, 10)):
            disposition = self.Disposition.with_user(self.head).create({
                "complaint_id": self.complaint.id, "to_department_id": self.dept_a.id,
                "to_user_id": self.kabid_a.id, "instruction": "follow_up"})
        for context in FORGED_CONTEXTS:
            for vals in ({"to_user_id": self.handler_b.id}, {"state": "done"}, {"from_user_id": self.kabid_a.id},
                         {"to_department_id": self.dept_b.id}, {"deadline": wib(2027, 1, 1)}):
                with self.subTest(context=context, vals=vals), self.assertRaises(UserError):
                    disposition.with_user(self.head).with_context(**context).write(vals)
        self.assertEqual(disposition.to_user_id, self.kabid_a)
        self.assertEqual(disposition.state, "sent")
        # the recipient's report is written by the recipient only
        with self.assertRaises(AccessError):
            disposition.with_user(self.staff_a).write({"response": "<p>Palsu</p>"})
        disposition.with_user(self.kabid_a).write({"response": "<p>Sedang diproses.</p>"})
        self.assertIn("diproses", disposition.response)

    def test_letter_signature_cannot_be_forged(self):
        signatory = self.emp_head
        signatory.nip = "197001011990031001"
        Letter = self.env["pengaduan.letter"]
        letter = Letter.with_user(self.officer).create({
            "complaint_id": self.complaint.id, "perihal": "Jawaban", "addressee": "Pelapor",
            "body": "<p>Isi surat.</p>", "signatory_id": signatory.id})
        forged = {"state": "signed", "number": "001/FAKE", "signed_by_id": self.head.id}
        for context in FORGED_CONTEXTS:
            for fname, value in forged.items():
                with self.subTest(context=context, field=fname), self.assertRaises(UserError):
                    letter.with_user(self.officer).with_context(**context).write({fname: value})
        self.assertEqual(letter.state, "draft")
        self.assertFalse(letter.number)
        letter.with_user(self.head).action_sign()
        self.assertEqual(letter.state, "signed")
        self.assertTrue(letter.number)
        for context in FORGED_CONTEXTS:
            for user in (self.officer, self.head, self.manager):
                with self.subTest(context=context, user=user.login), self.assertRaises(UserError):
                    letter.with_user(user).with_context(**context).write({"body": "<p>Diubah.</p>"})
        # not even the superuser rewrites a signed letter
        with self.assertRaises(UserError):
            letter.sudo().with_context(pengaduan_sign=True).write({"number": "002/FAKE"})
        self.assertIn("Isi surat", letter.body)
