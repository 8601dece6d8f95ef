import codecs
import logging

from odoo import api, models

from ..tools.fetchmail_retry import note_failure
from ..tools.gateway_memo import gateway_memo
from ..tools.mail_headers import is_automated_message

_logger = logging.getLogger(__name__)


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
    def message_parse(self, message, save_original=False):
        """A message in a charset Python does not know ("unknown-8bit") is read as UTF-8 with
        replacement characters instead of failing; NUL characters, which PostgreSQL refuses
        in text, become replacement characters (in the headers before they are looked up:
        a NUL in a query parameter is an error). Messages Odoo reads already are unchanged."""
        _repair_nul_headers(message)
        try:
            msg_dict = super().message_parse(message, save_original=save_original)
        except (LookupError, UnicodeError):
            if not _repair_charsets(message):
                raise
            msg_dict = super().message_parse(message, save_original=save_original)
        for key, value in msg_dict.items():
            if isinstance(value, str) and "\x00" in value:
                msg_dict[key] = value.replace("\x00", "\ufffd")
        return msg_dict

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        """Tell the routed models whether the message is automated (auto-reply, bounce,
        mailing list, loop): those get no acknowledgement. A message from one of our own
        addresses never opens a complaint (a loop); a message posted on an anonymous
        complaint is rewritten to its pseudonym (recipients written after the post too)."""
        Complaint = self.env["pengaduan.complaint"]
        if any(route[0] == Complaint._name and not route[1] for route in routes or ()) \
                and Complaint._is_own_address(message_dict.get("email_from")):
            _logger.info("Message %s from our own address %s: no complaint created",
                         message_dict.get("message_id"), message_dict.get("email_from"))
            routes = [route for route in routes if not (route[0] == Complaint._name and not route[1])]
            if not routes:
                return False
        automated = is_automated_message(message)
        thread_id = super(MailThread, self.with_context(pengaduan_automated=automated))._message_route_process(
            message, message_dict, routes)
        complaint_ids = [route[1] or thread_id for route in routes if route[0] == Complaint._name]
        if complaint_ids:
            Complaint.sudo().browse(complaint_ids).exists()._anonymity_sweep()
        return thread_id


def _repair_nul_headers(message):
    """Replace the NUL characters of the headers (raw, or in encoded words) of every part."""
    for part in message.walk():
        headers = getattr(part, "_headers", None) or []
        for index, (name, value) in enumerate(headers):
            if not isinstance(value, str) or ("\x00" not in value and "=?" not in value):
                continue
            try:
                decoded = str(part.policy.header_fetch_parse(name, value))
            except Exception:  # noqa: BLE001 # pylint: disable=broad-exception-caught
                decoded = value
            if "\x00" in decoded:
                headers[index] = (name, decoded.replace("\x00", "\ufffd"))


def _repair_charsets(message):
    """Declare UTF-8 for the parts whose charset Python does not know; whether one was found."""
    repaired = False
    for part in message.walk():
        charset = part.get_param("charset")
        if not charset or isinstance(charset, tuple):
            continue
        try:
            codecs.lookup(charset)
        except LookupError:
            part.set_param("charset", "utf-8")
            repaired = True
    return repaired
