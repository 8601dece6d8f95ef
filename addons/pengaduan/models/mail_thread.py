from odoo import api, models

from ..tools.fetchmail_retry import note_failure
from ..tools.gateway_memo import gateway_memo
from ..tools.mail_headers import is_automated_message


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_process(self, model, message, custom_values=None, save_original=False,
                        strip_attachments=False, thread_id=None):
        """Remember the alias and partner lookups Odoo's router repeats for one message; a
        message of an incoming mail server that fails is kept for its next runs."""
        try:
            with gateway_memo(self.env.cr):
                return super().message_process(
                    model, message, custom_values=custom_values, save_original=save_original,
                    strip_attachments=strip_attachments, thread_id=thread_id)
        except Exception:
            note_failure(self.env.context.get("default_fetchmail_server_id"))
            raise

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        """Tell the routed models whether the message is automated (auto-reply, bounce,
        mailing list, loop): those get no acknowledgement."""
        automated = is_automated_message(message)
        return super(MailThread, self.with_context(pengaduan_automated=automated))._message_route_process(
            message, message_dict, routes)
