from odoo import api, fields, models
from odoo.exceptions import UserError

ACTIONS = [
    ("anonymize", "Made anonymous"),
    ("view", "Identity opened"),
    ("edit", "Identity edited"),
    ("lift", "Anonymity lifted"),
    ("erase", "Personal data erased on request"),
    ("retention", "Personal data erased (retention period)"),
]


class PengaduanIdentityLog(models.Model):
    """Who did what to the identity of a complainant, when and why: written by the methods that
    act on it (as superuser), never changed nor deleted afterwards, by anybody."""

    _name = "pengaduan.identity.log"
    _description = "Complainant Identity Audit Log"
    _order = "id desc"
    _rec_name = "complaint_number"

    complaint_id = fields.Many2one("pengaduan.complaint", index="btree_not_null", ondelete="set null", readonly=True)
    complaint_number = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="By", required=True, readonly=True, ondelete="restrict")
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    action = fields.Selection(ACTIONS, required=True, readonly=True)
    reason = fields.Text(readonly=True)

    @api.model
    def _record(self, complaints, action, reason=None):
        """One entry per complaint, by the current user."""
        if not complaints:
            return self.browse()
        now = fields.Datetime.now()
        return self.sudo().create([{
            "complaint_id": complaint.id, "complaint_number": complaint.number, "company_id": complaint.company_id.id,
            "user_id": self.env.uid, "date": now, "action": action, "reason": reason or False,
        } for complaint in complaints.sudo()])

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The identity log cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The identity log cannot be deleted."))
