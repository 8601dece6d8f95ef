from odoo import fields, models
from odoo.exceptions import UserError

WIZARD_ACTIONS = [
    ("verify", "Verify"),
    ("study", "Study Done"),
    ("submit_draft", "Submit Draft"),
    ("paraf_kabid", "Paraf (Kabid)"),
    ("paraf_sekretaris", "Paraf (Sekretaris)"),
    ("sign", "Sign"),
    ("hand_over", "Hand Over"),
    ("send_back", "Send Back"),
]


class PengaduanDpmptspStepWizard(models.TransientModel):
    _name = "pengaduan.dpmptsp.step.wizard"
    _description = "DPMPTSP Flow Step"

    complaint_id = fields.Many2one("pengaduan.complaint", required=True, ondelete="cascade")
    action = fields.Selection(WIZARD_ACTIONS, required=True)
    comment = fields.Text(help="Recorded in the flow log with your name and the time.")
    reason = fields.Text(help="Why the Berita Acara goes back to the analyst (mandatory).")
    recipient = fields.Char(help="Name of the person who received the Berita Acara.")
    date_handed = fields.Datetime(string="Handed On", default=fields.Datetime.now)

    def action_confirm(self):
        self.ensure_one()
        complaint = self.complaint_id
        if self.action == "send_back":
            complaint.action_dpmptsp_send_back(self.reason)
        elif self.action == "hand_over":
            complaint.action_dpmptsp_hand_over(self.recipient, self.date_handed, self.comment)
        elif self.action in ("verify", "study", "submit_draft", "paraf_kabid", "paraf_sekretaris", "sign"):
            getattr(complaint, f"action_dpmptsp_{self.action}")(self.comment)
        else:
            raise UserError(self.env._("Unknown step."))
        return {"type": "ir.actions.act_window_close"}
