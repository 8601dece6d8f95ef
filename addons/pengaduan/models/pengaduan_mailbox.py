from odoo import api, fields, models


class PengaduanMailbox(models.Model):
    """The complaint address of an office (company), on Odoo's alias mixin as the category
    addresses are: every message to it becomes a complaint of the office. One per company;
    ``res.company.pengaduan_alias_id`` points at its alias. (The company itself cannot carry
    the mixin: ``res.company`` has a stored ``alias_domain_id`` of its own.)"""

    _name = "pengaduan.mailbox"
    _description = "Complaint Mailbox"
    _inherit = ["mail.alias.mixin"]
    _rec_name = "company_id"

    company_id = fields.Many2one("res.company", string="Office", required=True, index=True,
                                 ondelete="cascade", readonly=True)

    _company_unique = models.Constraint("UNIQUE(company_id)", "An office has one complaint mailbox.")

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("pengaduan.complaint")
        values["alias_contact"] = "everyone"
        if self.id:
            defaults = {"company_id": self.company_id.id}
            channel = self.env.ref("pengaduan.channel_email", raise_if_not_found=False)
            if channel:
                defaults["channel_id"] = channel.id
            values["alias_defaults"] = repr(defaults)
        return values

    @api.model
    def _free_alias_name(self, company, name="pengaduan"):
        """``name`` when no other alias of the company's alias domain has it, else ``name-<company id>``."""
        taken = self.env["mail.alias"].sudo().search_count([
            ("alias_name", "=", name), ("alias_domain_id", "=", company.alias_domain_id.id),
            ("id", "!=", company.pengaduan_alias_id.id),
        ], limit=1)
        return f"{name}-{company.id}" if taken else name
