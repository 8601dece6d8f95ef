
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from .pengaduan_document import REQUIRED_DOCUMENT_TYPES
from .pengaduan_dpmptsp_step import STAGES

# steps of the core workflow that a complaint of the flow takes through its own buttons; a
# rejected complaint (bukan wewenang...) leaves the flow: the core closes it
FLOW_STEPS = frozenset({"verify", "start", "answer", "close", "reopen"})
GROUP_FRONT_OFFICE = "pengaduan_dpmptsp.group_front_office"
GROUP_ANALYST = "pengaduan_dpmptsp.group_analyst"
GROUP_KABID = "pengaduan_dpmptsp.group_kabid"
GROUP_SEKRETARIS = "pengaduan_dpmptsp.group_sekretaris"
GROUP_KEPALA_DINAS = "pengaduan.group_head"
# action: (stages it may be done in, group that does it)
ACTIONS = {
    "check": (("intake", "incomplete"), GROUP_FRONT_OFFICE),
    "verify": (("verification",), GROUP_ANALYST),
    "study": (("study",), GROUP_ANALYST),
    "submit_draft": (("draft",), GROUP_ANALYST),
    "paraf_kabid": (("paraf_kabid",), GROUP_KABID),
    "paraf_sekretaris": (("paraf_sekretaris",), GROUP_SEKRETARIS),
    "sign": (("signature",), GROUP_KEPALA_DINAS),
    "hand_over": (("front_office",), GROUP_FRONT_OFFICE),
}
# who may send a complaint back, at which stage: always back to the analyst's draft
SEND_BACK_GROUPS = {
    "paraf_kabid": GROUP_KABID,
    "paraf_sekretaris": GROUP_SEKRETARIS,
    "signature": GROUP_KEPALA_DINAS,
}


class PengaduanComplaint(models.Model):
    _inherit = "pengaduan.complaint"

    dpmptsp_stage = fields.Selection(
        STAGES, string="DPMPTSP Stage", readonly=True, copy=False, index=True, tracking=True,
        help="Stage of the DPMPTSP resolution flow (empty: the office does not use it).",
    )
    dpmptsp_register_no = fields.Integer(
        string="Register No.", readonly=True, copy=False, index=True,
        help="Number in the Buku Register Pengaduan of the year, per office.",
    )
    dpmptsp_register_year = fields.Integer(string="Register Year", readonly=True, copy=False)
    document_ids = fields.One2many("pengaduan.document", "complaint_id", string="Documents")
    dpmptsp_completeness = fields.Selection(
        [("complete", "Complete"), ("incomplete", "Incomplete")], string="Completeness",
        compute="_compute_dpmptsp_completeness", store=True,
        help="Complete when the file holds the complaint form, the signed statement of truth and "
        "the supporting documents.",
    )
    dpmptsp_missing_documents = fields.Char(
        string="Missing Documents (list)", compute="_compute_dpmptsp_missing_documents",
    )
    dpmptsp_solution = fields.Html(
        string="Solution (Kajian)", sanitize_style=True, copy=False,
        help="Result of the analyst's study: the solution written in the Berita Acara.",
    )
    dpmptsp_step_ids = fields.One2many("pengaduan.dpmptsp.step", "complaint_id", string="Flow Log")
    dpmptsp_letter_id = fields.Many2one("pengaduan.letter", string="Berita Acara", readonly=True, copy=False)
    dpmptsp_letter_number = fields.Char(related="dpmptsp_letter_id.number", string="Berita Acara Number")
    dpmptsp_paraf_kabid_user_id = fields.Many2one("res.users", string="Paraf Kabid By", readonly=True,
                                                  copy=False)
    dpmptsp_paraf_kabid_date = fields.Datetime(string="Paraf Kabid On", readonly=True, copy=False)
    dpmptsp_paraf_sekretaris_user_id = fields.Many2one("res.users", string="Paraf Sekretaris By", readonly=True,
                                                       copy=False)
    dpmptsp_paraf_sekretaris_date = fields.Datetime(string="Paraf Sekretaris On", readonly=True, copy=False)
    dpmptsp_date_handed = fields.Datetime(string="Handed On", readonly=True, copy=False)
    dpmptsp_recipient = fields.Char(string="Received By (Recipient)", readonly=True, copy=False)

    @api.depends("document_ids.document_type")
    def _compute_dpmptsp_completeness(self):
        for complaint in self:
            complaint.dpmptsp_completeness = "incomplete" if complaint._dpmptsp_missing_types() else "complete"

    @api.depends("document_ids.document_type")
    @api.depends_context("lang")
    def _compute_dpmptsp_missing_documents(self):
        for complaint in self:
            complaint.dpmptsp_missing_documents = ", ".join(
                complaint._dpmptsp_type_labels(complaint._dpmptsp_missing_types()))

    def _dpmptsp_missing_types(self):
        self.ensure_one()
        present = set(self.document_ids.mapped("document_type"))
        return [code for code in REQUIRED_DOCUMENT_TYPES if code not in present]

    def _dpmptsp_type_labels(self, codes):
        labels = dict(self.env["pengaduan.document"]._fields["document_type"]._description_selection(self.env))
        return [labels[code] for code in codes]

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        flow = complaints.filtered(lambda c: c.company_id.pengaduan_dpmptsp_flow and not c.dpmptsp_stage)
        for complaint in flow:
            year = complaint._dpmptsp_office_date(complaint.date_received).year
            complaint._transition({
                "dpmptsp_stage": "intake",
                "dpmptsp_register_year": year,
                "dpmptsp_register_no": complaint._next_counter("dpmptsp_register_no", "dpmptsp_register_year", year),
            })
        return complaints

    def _field_writers(self):
        # the analyst writes the solution; the front office (officers) the documents of the file.
        # The stage, register number, paraf and hand-over are the flow's (not listed: superuser)
        return {**super()._field_writers(), "dpmptsp_solution": "pengaduan.group_handler",
                "document_ids": "pengaduan.group_officer"}

    def _dpmptsp_office_date(self, moment):
        return self.company_id._pengaduan_local_date(moment)

    # ------------------------------------------------------------------
    # The core transitions stay with the flow for DPMPTSP complaints
    # ------------------------------------------------------------------
    def _check_transition(self, step):
        if step in FLOW_STEPS:
            for complaint in self:
                if complaint.dpmptsp_stage and complaint.state != "rejected":
                    raise UserError(self.env._(
                        "Complaint %s follows the DPMPTSP flow: use the buttons of its flow.", complaint.number))
        return super()._check_transition(step)

    # ------------------------------------------------------------------
    # DPMPTSP flow
    # ------------------------------------------------------------------
    def _dpmptsp_check_group(self, group):
        if self.env.su or self.env.user.has_group(group):
            return
        raise AccessError(self.env._("Only %(group)s can do this step of the DPMPTSP flow.",
                                     group=self.env.ref(group).name))

    def _dpmptsp_check_stage(self, allowed, action_label):
        labels = dict(self._fields["dpmptsp_stage"]._description_selection(self.env))
        for complaint in self:
            if not complaint.dpmptsp_stage:
                raise UserError(self.env._("Complaint %s does not follow the DPMPTSP flow.", complaint.number))
            if complaint.dpmptsp_stage not in allowed:
                raise UserError(self.env._(
                    "Complaint %(number)s is at the stage '%(stage)s': '%(step)s' is not possible now. "
                    "The steps of the flow cannot be skipped.",
                    number=complaint.number, stage=labels[complaint.dpmptsp_stage], step=action_label))

    def _dpmptsp_check(self, action):
        stages, group = ACTIONS[action]
        step_labels = dict(self.env["pengaduan.dpmptsp.step"]._fields["step"]._description_selection(self.env))
        label = step_labels.get({"check": "check_complete", "submit_draft": "draft"}.get(action, action), action)
        self._dpmptsp_check_group(group)
        if not self.env.su:
            # the flow writes as superuser: the caller must be allowed to change these complaints
            self.check_access("write")
        self._dpmptsp_check_stage(stages, label)

    def _dpmptsp_log(self, step, stage_to, comment=None, now=None):
        """Move to ``stage_to`` and log the step with who, when and the comment."""
        now = now or fields.Datetime.now()
        self.env["pengaduan.dpmptsp.step"].sudo().create([{
            "complaint_id": complaint.id,
            "step": step,
            "stage_from": complaint.dpmptsp_stage,
            "stage_to": stage_to,
            "user_id": self.env.uid,
            "date": now,
            "comment": (comment or "").strip() or False,
        } for complaint in self])
        self._transition({"dpmptsp_stage": stage_to})

    def action_dpmptsp_check_completeness(self):
        """Front office: complete files go to the analyst (the clock runs), incomplete ones go back
        to the complainant with the list of what is missing (the clock stops)."""
        self._dpmptsp_check("check")
        for complaint in self:
            missing = complaint._dpmptsp_missing_types()
            if not missing:
                if complaint.state == "returned":
                    complaint.action_resume()
                complaint.statement_true = True
                complaint._dpmptsp_log("check_complete", "verification")
                continue
            # the complainant reads it in their language (Indonesian for Indonesian partners)
            localized = complaint.with_context(lang=complaint._reporter_lang())
            reason = "; ".join(localized._dpmptsp_type_labels(missing))
            complaint.return_reason = reason
            if complaint.state == "returned":
                complaint._notify_return(reason)
            else:
                complaint.action_return()
            complaint._dpmptsp_log("check_incomplete", "incomplete", comment=reason)
        return True

    def action_dpmptsp_verify(self, comment=None):
        """Analyst: the form and the documents are valid."""
        self._dpmptsp_check("verify")
        for complaint in self:
            if complaint.state != "new":
                raise UserError(self.env._(
                    "Complaint %s is not waiting for verification (returned to the complainant?).",
                    complaint.number))
        self._do_verify()
        self.filtered(lambda c: not c.user_id)._transition({"user_id": self.env.uid})
        self._dpmptsp_log("verify", "study", comment)
        return True

    def _dpmptsp_check_solution(self):
        for complaint in self:
            if is_html_empty(complaint.dpmptsp_solution):
                raise UserError(self.env._(
                    "Write the solution (kajian) of complaint %s first.", complaint.number))

    def action_dpmptsp_study(self, comment=None):
        """Analyst: studied with the Kabid, solution formulated."""
        self._dpmptsp_check("study")
        self._dpmptsp_check_solution()
        self._do_start()
        self._dpmptsp_log("study", "draft", comment)
        return True

    def _dpmptsp_signatory(self):
        self.ensure_one()
        head = self.company_id.pengaduan_head_user_id
        employee = head and self.env["hr.employee"].sudo().search(
            [("user_id", "=", head.id), ("company_id", "=", self.company_id.id)], limit=1)
        if not employee:
            raise UserError(self.env._(
                "Set the head of office (Kepala Dinas) of %s in the Pengaduan settings, with an employee "
                "record in this company.", self.company_id.name))
        if not employee.nip:
            raise UserError(self.env._("The Kepala Dinas %s has no NIP.", employee.name))
        return employee

    def action_dpmptsp_submit_draft(self, comment=None):
        """Analyst: the draft Berita Acara goes to the Kabid for paraf."""
        self._dpmptsp_check("submit_draft")
        self._dpmptsp_check_solution()
        signatories = {complaint: complaint._dpmptsp_signatory() for complaint in self}
        for complaint in self:
            values = {
                "body": complaint.dpmptsp_solution,
                "signatory_id": signatories[complaint].id,
                "perihal": self.env._("Berita Acara Penyelesaian Pengaduan %s", complaint.number),
                "addressee": complaint.sudo()._letter_addressee(),
            }
            letter = complaint.dpmptsp_letter_id
            if letter and letter.state == "draft":
                letter.sudo().write(values)
            else:
                letter = self.env["pengaduan.letter"].sudo().create(dict(
                    values, complaint_id=complaint.id, document_type="berita_acara",
                    place=complaint.company_id.city))
            complaint._transition({
                "dpmptsp_letter_id": letter.id,
                "dpmptsp_paraf_kabid_user_id": False, "dpmptsp_paraf_kabid_date": False,
                "dpmptsp_paraf_sekretaris_user_id": False, "dpmptsp_paraf_sekretaris_date": False,
            })
        self._dpmptsp_log("draft", "paraf_kabid", comment)
        return True

    def action_dpmptsp_paraf_kabid(self, comment=None):
        self._dpmptsp_check("paraf_kabid")
        now = fields.Datetime.now()
        self._transition({"dpmptsp_paraf_kabid_user_id": self.env.uid, "dpmptsp_paraf_kabid_date": now})
        self._dpmptsp_log("paraf_kabid", "paraf_sekretaris", comment, now=now)
        return True

    def action_dpmptsp_paraf_sekretaris(self, comment=None):
        self._dpmptsp_check("paraf_sekretaris")
        now = fields.Datetime.now()
        self._transition({"dpmptsp_paraf_sekretaris_user_id": self.env.uid, "dpmptsp_paraf_sekretaris_date": now})
        self._dpmptsp_log("paraf_sekretaris", "signature", comment, now=now)
        return True

    def action_dpmptsp_sign(self, comment=None):
        """Kepala Dinas: signs the Berita Acara, which takes its number; it goes to the front office."""
        self._dpmptsp_check("sign")
        for complaint in self:
            if not complaint.dpmptsp_letter_id:
                raise UserError(self.env._("Complaint %s has no draft Berita Acara.", complaint.number))
        # the core checks that the user is the signatory and numbers the letter (gap-free)
        self.dpmptsp_letter_id.action_sign()
        now = fields.Datetime.now()
        for complaint in self:
            complaint._transition({"answer": complaint.dpmptsp_solution})
        self._do_answer()
        for complaint in self:
            complaint._dpmptsp_log("sign", "signature", comment, now=now)
            complaint._dpmptsp_log("number", "signature", complaint.dpmptsp_letter_id.number, now=now)
            complaint._dpmptsp_log("front_office", "front_office", now=now)
        return True

    def action_dpmptsp_hand_over(self, recipient=None, date_handed=None, comment=None):
        """Front office: the Berita Acara is handed to the complainant."""
        self._dpmptsp_check("hand_over")
        recipient = (recipient or "").strip()
        if not recipient:
            raise UserError(self.env._("Write who received the Berita Acara."))
        now = fields.Datetime.now()
        date_handed = fields.Datetime.to_datetime(date_handed) or now
        if date_handed > now:
            raise UserError(self.env._("The hand-over date cannot be in the future."))
        self._transition({"dpmptsp_date_handed": date_handed, "dpmptsp_recipient": recipient})
        self._do_close()
        self._dpmptsp_log("hand_over", "handed", comment, now=now)
        return True

    def action_dpmptsp_send_back(self, reason=None):
        """Kabid, Sekretaris or Kepala Dinas: back to the analyst's draft, with the reason."""
        for complaint in self:
            group = SEND_BACK_GROUPS.get(complaint.dpmptsp_stage)
            if group:
                complaint._dpmptsp_check_group(group)
        step_label = dict(self.env["pengaduan.dpmptsp.step"]._fields["step"]._description_selection(self.env))
        self._dpmptsp_check_stage(tuple(SEND_BACK_GROUPS), step_label["send_back"])
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Write the reason for sending the complaint back."))
        self._transition({
            "dpmptsp_paraf_kabid_user_id": False, "dpmptsp_paraf_kabid_date": False,
            "dpmptsp_paraf_sekretaris_user_id": False, "dpmptsp_paraf_sekretaris_date": False,
        })
        self._dpmptsp_log("send_back", "draft", reason)
        for complaint in self:
            complaint.message_post(
                body=complaint._office().env._("Sent back to the draft stage by %(name)s: %(reason)s",
                                               name=self.env.user.name, reason=reason),
                subtype_xmlid="mail.mt_note")
            if complaint.user_id:
                complaint.sudo().activity_schedule(
                    "mail.mail_activity_data_todo", user_id=complaint.user_id.id,
                    summary=self.env._("Revise the Berita Acara"), note=reason)
        return True

    def action_dpmptsp_open_wizard(self):
        """The step wizard: comment, reason (send back) or recipient (hand-over)."""
        self.ensure_one()
        action = self.env.context.get("dpmptsp_action")
        return {
            "type": "ir.actions.act_window",
            "res_model": "pengaduan.dpmptsp.step.wizard",
            "name": self.env._("DPMPTSP Flow Step"),
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id, "default_action": action},
        }

    def action_dpmptsp_print_berita_acara(self):
        self.ensure_one()
        if not self.dpmptsp_letter_id:
            raise UserError(self.env._("Complaint %s has no Berita Acara yet.", self.number))
        return self.dpmptsp_letter_id.action_print()
