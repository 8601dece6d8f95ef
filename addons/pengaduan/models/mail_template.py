from odoo import models, tools


class MailTemplate(models.Model):
    _inherit = "mail.template"

    @tools.ormcache("str(source)", "model", "fname")
    def _has_unsafe_expression_template_qweb(self, source, model, fname=None):
        # Odoo compiles the whole template on every rendering only to answer this question,
        # whose answer depends on the template text and the model alone: remembered (the
        # acknowledgement of every complaint asks it; ~4 ms each)
        return super()._has_unsafe_expression_template_qweb(source, model, fname=fname)
