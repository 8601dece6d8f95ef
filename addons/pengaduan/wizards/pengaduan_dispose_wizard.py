from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.pengaduan_disposition import INSTRUCTIONS


class PengaduanDisposeWizard(models.TransientModel):
    _name = "pengaduan.dispose.wizard"
    _description = "Dispose Complaints"

    complaint_ids = fields.Many2many(
        "pengaduan.complaint", required=True,
        default=lambda self: self.env.context.get("active_ids", [])
        if self.env.context.get("active_model") == "pengaduan.complaint" else [],
    )
    # the dispositions of the complaints when the form was opened: confirming after another
    # disposition was made meanwhile (by someone else, or in another tab) is refused, so that
    # of two people disposing at once one wins and the other sees what happened
    known_disposition_ids = fields.Many2many(
        "pengaduan.disposition", string="Dispositions Seen",
        default=lambda self: self._default_known_dispositions(),
    )
    # the office of the complaints: the wizard offers only its departments and its complaint staff
    company_id = fields.Many2one("res.company", compute="_compute_company_id")
    to_department_id = fields.Many2one(
        "hr.department", domain="[('company_id', 'in', [company_id, False])]")
    # its domain (complaint staff of the office, of the chosen department) is in the form view
    to_user_id = fields.Many2one("res.users", string="To")
    instruction = fields.Selection(INSTRUCTIONS, required=True, default="follow_up")
    note = fields.Text(string="Notes")
    deadline = fields.Datetime(help="Defaults to each complaint's resolution deadline.")

    @api.depends("complaint_ids")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.complaint_ids[:1].company_id or self.env.company

    @api.constrains("complaint_ids")
    def _check_one_office(self):
        for wizard in self:
            if len(wizard.complaint_ids.company_id) > 1:
                raise UserError(self.env._("Dispose the complaints of one office at a time."))

    @api.model_create_multi
    def create(self, vals_list):
        # not sent (a call without the form): what the complaints have now is what was seen
        unseen = [index for index, vals in enumerate(vals_list) if "known_disposition_ids" not in vals]
        wizards = super().create(vals_list)
        for index in unseen:
            wizards[index].known_disposition_ids = wizards[index].complaint_ids.sudo().disposition_ids
        return wizards

    @api.model
    def _default_known_dispositions(self):
        if self.env.context.get("active_model") != "pengaduan.complaint":
            return []
        complaints = self.env["pengaduan.complaint"].browse(self.env.context.get("active_ids", [])).exists()
        return complaints.sudo().disposition_ids.ids

    def _check_no_disposition_meanwhile(self):
        """Refuse when a complaint got a disposition since the form was opened."""
        for complaint in self.complaint_ids:
            meanwhile = complaint.sudo().disposition_ids - self.known_disposition_ids.sudo()
            if meanwhile:
                latest = meanwhile.sorted("id")[-1]
                raise UserError(self.env._(
                    "Complaint %(number)s was disposed meanwhile by %(name)s to %(target)s. "
                    "Check it, then dispose again if needed.",
                    number=complaint.number, name=latest.from_user_id.name,
                    target=latest.to_user_id.name or latest.to_department_id.name))

    def action_confirm(self):
        self.ensure_one()
        if not self.to_department_id and not self.to_user_id:
            raise UserError(self.env._("A disposition needs a target: a department or a person."))
        self._check_no_disposition_meanwhile()
        self.env["pengaduan.disposition"].create([{
            "complaint_id": complaint.id,
            "to_department_id": self.to_department_id.id,
            "to_user_id": self.to_user_id.id,
            "instruction": self.instruction,
            "note": self.note,
            "deadline": self.deadline,
        } for complaint in self.complaint_ids])
        return {"type": "ir.actions.act_window_close"}
