from odoo import fields, models


class PengaduanIdentityWizard(models.TransientModel):
    """The reason of an officer's act on a complainant's identity: lift the anonymity, or erase
    the personal data (the complainant's request)."""

    _name = "pengaduan.identity.wizard"
    _description = "Complainant's Identity: Lift Anonymity or Erase"

    complaint_id = fields.Many2one("pengaduan.complaint", required=True, ondelete="cascade")
    action = fields.Selection([("lift", "Lift the anonymity"), ("erase", "Erase the personal data")],
                              required=True, default="lift")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "lift":
            self.complaint_id._lift_anonymity(self.reason)
        else:
            self.complaint_id._erase_personal_data(self.reason)
        return {"type": "ir.actions.act_window_close"}
