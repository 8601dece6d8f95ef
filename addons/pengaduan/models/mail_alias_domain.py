from odoo import api, models

from ..tools.gateway_memo import memo_forget, memo_get


class MailAliasDomain(models.Model):
    _name = "mail.alias.domain"
    _inherit = ["mail.alias.domain", "pengaduan.cache.mixin"]

    @api.model
    def search(self, domain, offset=0, limit=None, order=None):
        # the gateway lists every alias domain several times per message
        if domain or offset or limit or order:
            return super().search(domain, offset=offset, limit=limit, order=order)
        search = super().search
        ids = memo_get(self.env, "alias_domains", (self.env.context.get("active_test", True),),
                       lambda: search(domain).ids)
        return self.browse(ids)

    @api.model
    def _find_aliases(self, email_list):
        find_aliases = super()._find_aliases
        return list(memo_get(self.env, "aliases", tuple(email_list), lambda: tuple(find_aliases(email_list))))

    def _pengaduan_forget(self):
        memo_forget(self.env, "alias_domains", "aliases")
