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

    def action_confirm(self):
        self.ensure_one()
        if not self.to_department_id and not self.to_user_id:
            raise UserError(self.env._("A disposition needs a target: a department or a person."))
        self.env["pengaduan.disposition"].create([{
            "complaint_id": complaint.id,
            "to_department_id": self.to_department_id.id,
            "to_user_id": self.to_user_id.id,
            "instruction": self.instruction,
            "note": self.note,
            "deadline": self.deadline,
        } for complaint in self.complaint_ids])
        return {"type": "ir.actions.act_window_close"}
