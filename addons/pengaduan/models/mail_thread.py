from odoo import api, models

from ..tools.mail_headers import is_automated_message


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        """Tell the routed models whether the message is automated (auto-reply, bounce,
        mailing list, loop): those get no acknowledgement."""
        automated = is_automated_message(message)
        return super(MailThread, self.with_context(pengaduan_automated=automated))._message_route_process(
            message, message_dict, routes)
