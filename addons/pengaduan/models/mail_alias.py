from odoo import models

from ..tools.gateway_memo import memo_forget


class MailAlias(models.Model):
    _name = "mail.alias"
    _inherit = ["mail.alias", "pengaduan.cache.mixin"]

    def _pengaduan_forget(self):
        # an alias created or changed while a message is routed
        memo_forget(self.env, "aliases")
