from odoo import fields, models
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
    to_department_id = fields.Many2one("hr.department")
    to_user_id = fields.Many2one("res.users", string="To", domain="[('share', '=', False)]")
    instruction = fields.Selection(INSTRUCTIONS, required=True, default="follow_up")
    note = fields.Text(string="Notes")
    deadline = fields.Datetime(help="Defaults to each complaint's resolution deadline.")

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
