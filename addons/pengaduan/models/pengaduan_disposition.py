from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

INSTRUCTIONS = [
    ("follow_up", "Follow up"),
    ("study", "Study and report"),
    ("coordinate", "Coordinate"),
    ("answer", "Answer directly"),
    ("information", "For information"),
]


# what a disposer sets when disposing; afterwards only the notes (sender) and the report (recipient)
CREATE_FIELDS = frozenset({"complaint_id", "to_department_id", "to_user_id", "instruction", "note", "deadline"})
DIRECT_WRITE_FIELDS = frozenset({"note", "response"})


class PengaduanDisposition(models.Model):
    _name = "pengaduan.disposition"
    _description = "Complaint Disposition"
    _inherit = ["pengaduan.workflow.mixin"]
    _order = "complaint_id, id"
    _rec_name = "complaint_id"

    complaint_id = fields.Many2one("pengaduan.complaint", required=True, index=True,
                                   ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    parent_id = fields.Many2one("pengaduan.disposition", string="Forwarded From", index="btree_not_null",
                                ondelete="set null", readonly=True,
                                help="The disposition this one passes further down the chain.")
    from_user_id = fields.Many2one("res.users", string="From", required=True, readonly=True,
                                   default=lambda self: self.env.user)
    to_department_id = fields.Many2one("hr.department", index=True)
    to_user_id = fields.Many2one("res.users", string="To", index=True, domain="[('share', '=', False)]")
    instruction = fields.Selection(INSTRUCTIONS, required=True, default="follow_up")
    note = fields.Text(string="Notes")
    deadline = fields.Datetime()
    state = fields.Selection(
        [("sent", "Sent"), ("read", "Read"), ("done", "Done"), ("returned", "Returned")],
        string="Status", default="sent", required=True, readonly=True, index=True,
    )
    response = fields.Text(help="Report of the recipient, or why the disposition is returned.")
    date_done = fields.Datetime(string="Done On", readonly=True)
    to_my_departments = fields.Boolean(
        compute="_compute_to_my_departments", search="_search_to_my_departments",
    )

    @api.depends_context("uid")
    def _compute_to_my_departments(self):
        departments = self.env.user.pengaduan_department_ids
        for disposition in self:
            disposition.to_my_departments = disposition.to_department_id in departments

    def _search_to_my_departments(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [("to_department_id", "in", self.env.user.pengaduan_department_ids.ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("to_department_id", "to_user_id", "complaint_id")
    def _check_target(self):
        for disposition in self:
            if not disposition.to_department_id and not disposition.to_user_id:
                raise ValidationError(self.env._("A disposition needs a target: a department or a person."))
            # a complaint stays in its office: no disposition to another office's departments or staff
            company = disposition.complaint_id.company_id
            department = disposition.to_department_id.sudo()
            if department.company_id and department.company_id != company:
                raise ValidationError(self.env._(
                    "%(department)s is not a department of %(office)s.",
                    department=department.name, office=company.name))
            user = disposition.to_user_id.sudo()
            if user and company not in user.company_ids:
                raise ValidationError(self.env._(
                    "%(user)s does not work at %(office)s.", user=user.name, office=company.name))

    @api.constrains("deadline", "complaint_id")
    def _check_deadline(self):
        for disposition in self:
            if disposition.deadline and disposition.deadline < disposition.complaint_id.date_received:
                raise ValidationError(self.env._(
                    "The disposition deadline cannot be before the complaint was received (%s).",
                    fields.Datetime.to_string(disposition.complaint_id.date_received)))

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        if not self.env.su:
            self.check_access("create")
            for vals in vals_list:
                # the form sends the defaults back: harmless, dropped; anything else is refused
                for fname in [fname for fname in vals if fname not in CREATE_FIELDS]:
                    if vals[fname] in (False, None, "", "sent"):
                        del vals[fname]
                if set(vals) - CREATE_FIELDS:
                    raise UserError(self.env._(
                        "A disposition is sent with its recipient, instruction, notes and deadline only."))
        for vals in vals_list:
            if not vals.get("to_department_id") and not vals.get("to_user_id"):
                raise ValidationError(self.env._("A disposition needs a target: a department or a person."))
        complaints = self.env["pengaduan.complaint"].browse([vals["complaint_id"] for vals in vals_list])
        complaints.check_access("write")
        complaints._lock_for_step()  # one disposer at a time (see the workflow)
        for vals in vals_list:
            complaint = complaints.browse(vals["complaint_id"])
            self._check_can_dispose(complaint)
            # the sender is always the current user; the chain link is found, never posted
            vals["from_user_id"] = self.env.uid
            vals["parent_id"] = self._open_disposition_for_user(complaint).id
            if not vals.get("to_department_id"):
                user = self.env["res.users"].browse(vals["to_user_id"])
                vals["to_department_id"] = user.sudo().employee_ids[:1].department_id.id
            if not vals.get("deadline"):
                vals["deadline"] = complaint.resolution_deadline
        # the caller's rights were checked above; the sender and the chain link are ours to write
        dispositions = super(PengaduanDisposition, self.sudo()).create(vals_list).with_env(self.env)
        for disposition in dispositions:
            disposition._apply_to_complaint()
        return dispositions

    def write(self, vals):
        if not self.env.su:
            if set(vals) - DIRECT_WRITE_FIELDS:
                raise UserError(self.env._(
                    "A disposition changes only through its buttons: its sender, recipient, instruction "
                    "and deadline stay as they were sent."))
            if "response" in vals:
                self._check_recipient()
            if "note" in vals and any(d.from_user_id != self.env.user for d in self):
                raise AccessError(self.env._("Only the sender of a disposition can change its notes."))
        return super().write(vals)

    def _has_field_access(self, field, operation):
        # documented hook for field rights (write, create, read-only in the web client): what the
        # sender sets when disposing and the recipient's report; the rest is the workflow's
        if operation == "write" and not self.env.su and field.model_name == self._name \
                and field.name not in CREATE_FIELDS | DIRECT_WRITE_FIELDS:
            return False
        return super()._has_field_access(field, operation)

    @api.model
    def _check_can_dispose(self, complaint):
        if complaint.state not in ("verified", "in_progress"):
            raise UserError(self.env._(
                "Complaint %s must be verified before it can be disposed.", complaint.number))
        user = self.env.user
        if self.env.su or user.has_group("pengaduan.group_head") or user.has_group("pengaduan.group_officer"):
            return
        if not self._open_disposition_for_user(complaint):
            raise AccessError(self.env._(
                "Only the head of office, a complaint officer or the recipient of a disposition "
                "can dispose complaint %s.", complaint.number))

    @api.model
    def _open_disposition_for_user(self, complaint):
        """The latest open disposition of ``complaint`` addressed to the current user (or their department)."""
        user = self.env.user
        departments = user.pengaduan_department_ids
        candidates = complaint.disposition_ids.filtered(
            lambda d: d.state in ("sent", "read")
            and (d.to_user_id == user or (not d.to_user_id and d.to_department_id in departments))
        )
        return candidates.sorted("id")[-1:]

    def _apply_to_complaint(self):
        self.ensure_one()
        complaint = self.complaint_id
        vals = {"department_id": self.to_department_id.id}
        if self.to_user_id:
            vals["user_id"] = self.to_user_id.id
        if complaint.state == "verified":
            vals["state"] = "in_progress"
        # the routing of a complaint changes only here (the disposer was checked)
        complaint._transition(vals)
        if self.parent_id.state == "sent":
            self.parent_id._transition({"state": "read"})
        target = self.to_user_id.name or self.to_department_id.name
        office = complaint._office()  # the office's record: in its language, whoever disposes
        complaint.message_post(
            body=office.env._("Disposition to %(target)s: %(instruction)s. %(note)s",
                              target=target,
                              instruction=dict(self._fields["instruction"]._description_selection(office.env))[
                                  self.instruction],
                              note=self.note or ""),
            subtype_xmlid="mail.mt_note",
        )
        assignee = self.to_user_id or self.to_department_id.manager_id.user_id
        if assignee:
            complaint.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=(self.deadline and self.deadline.date()) or fields.Date.context_today(self),
                summary=office.env._("Disposition: %s", complaint.number),
                note=self.note or "",
                user_id=assignee.id,
            )

    def _check_recipient(self):
        user = self.env.user
        for disposition in self:
            if self.env.su or user.has_group("pengaduan.group_head"):
                continue
            if disposition.to_user_id == user or (
                    not disposition.to_user_id and disposition.to_department_id in user.pengaduan_department_ids):
                continue
            raise AccessError(self.env._("Only the recipient can act on this disposition."))

    def action_mark_read(self):
        self._check_recipient()
        self.filtered(lambda d: d.state == "sent")._transition({"state": "read"})
        return True

    def action_done(self):
        self._check_recipient()
        for disposition in self:
            if disposition.state not in ("sent", "read"):
                raise UserError(self.env._("This disposition is already closed."))
            if not (disposition.response or "").strip():
                raise UserError(self.env._("Write your report (Response) before marking the disposition done."))
        self._transition({"state": "done", "date_done": fields.Datetime.now()})
        for disposition in self:
            disposition.complaint_id.message_post(
                body=disposition.complaint_id._office().env._(
                    "Disposition done by %(user)s: %(response)s", user=self.env.user.name,
                    response=disposition.response),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_return(self):
        """The recipient sends the disposition back (e.g. not their department's business)."""
        self._check_recipient()
        for disposition in self:
            if disposition.state not in ("sent", "read"):
                raise UserError(self.env._("This disposition is already closed."))
            if not (disposition.response or "").strip():
                raise UserError(self.env._("Write why you return the disposition (Response)."))
        self._transition({"state": "returned", "date_done": fields.Datetime.now()})
        for disposition in self:
            disposition.complaint_id.message_post(
                body=disposition.complaint_id._office().env._(
                    "Disposition returned by %(user)s: %(response)s", user=self.env.user.name,
                    response=disposition.response),
                subtype_xmlid="mail.mt_note",
            )
        return True
