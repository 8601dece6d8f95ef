from odoo import api, models

from ..tools.gateway_memo import memo_forget


class MailAlias(models.Model):
    _inherit = "mail.alias"

    # an alias created or changed while a message is routed invalidates the gateway memo

    @api.model_create_multi
    def create(self, vals_list):
        memo_forget(self.env, "aliases")
        return super().create(vals_list)

    def write(self, vals):
        memo_forget(self.env, "aliases")
        return super().write(vals)

    def unlink(self):
        memo_forget(self.env, "aliases")
        return super().unlink()
