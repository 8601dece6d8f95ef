from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty, plaintext2html


class PengaduanQuickEntryWizard(models.TransientModel):
    """Phone and walk-in desk: register a complaint in one step, answered on the spot
    or forwarded to the team."""

    _name = "pengaduan.quick.entry.wizard"
    _description = "Phone and Walk-in Complaint Desk"

    channel_id = fields.Many2one(
        "pengaduan.channel", required=True,
        default=lambda self: self.env.ref("pengaduan.channel_walkin", raise_if_not_found=False),
        domain="[('is_direct', '=', True)]",
    )
    reporter_name = fields.Char(string="Complainant Name", required=True)
    reporter_phone = fields.Char(string="Phone")
    reporter_email = fields.Char(string="E-mail")
    nik = fields.Char(string="NIK")
    category_id = fields.Many2one("pengaduan.category")
    name = fields.Char(string="Subject", required=True)
    description = fields.Text(string="Complaint", required=True)
    outcome = fields.Selection(
        [("answered", "Answered on the spot"), ("forward", "Forward to the team")],
        required=True, default="answered",
    )
    answer = fields.Html(help="The answer given at the desk (required when answered on the spot).")
    department_id = fields.Many2one("hr.department", string="Forward To",
                                    help="Department that takes over; defaults to the category's department.")

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.category_id.department_id:
            self.department_id = self.category_id.department_id

    def action_register(self):
        self.ensure_one()
        if self.outcome == "answered" and is_html_empty(self.answer):
            raise UserError(self.env._("Write the answer given on the spot."))
        complaint = self.env["pengaduan.complaint"].create({
            "channel_id": self.channel_id.id,
            "reporter_name": self.reporter_name,
            "reporter_phone": self.reporter_phone,
            "reporter_email": self.reporter_email,
            "nik": self.nik,
            "category_id": self.category_id.id,
            "department_id": self.department_id.id or self.category_id.department_id.id,
            "name": self.name,
            "description": plaintext2html(self.description),
        })
        complaint.action_verify()
        if self.outcome == "answered":
            complaint.answer = self.answer
            complaint.action_start()
            complaint.action_answer()
            complaint.action_close()
        elif complaint.department_id:
            self.env["pengaduan.disposition"].create({
                "complaint_id": complaint.id,
                "to_department_id": complaint.department_id.id,
                "instruction": "follow_up",
                "note": self.env._("Forwarded from the %s desk.", self.channel_id.name),
            })
        return {
            "type": "ir.actions.act_window",
            "res_model": "pengaduan.complaint",
            "res_id": complaint.id,
            "view_mode": "form",
            "target": "current",
        }
