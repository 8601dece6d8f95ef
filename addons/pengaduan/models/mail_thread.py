import codecs
import email.header
import logging
import re

from odoo import api, models
from odoo.tools.mail import email_normalize, formataddr

from ..tools.fetchmail_retry import note_failure
from ..tools.mail_headers import is_automated_message

_logger = logging.getLogger(__name__)
# the headers Python parses as addresses (_repair_address_headers)
ADDRESS_HEADERS = {"from", "to", "cc", "bcc", "reply-to", "sender", "delivered-to", "resent-from", "resent-to"}
# an address between angle brackets: the mailbox a reply goes to, whatever the display name says
ANGLE_ADDRESS_RE = re.compile(r"<\s*([^<>\s@]+@[^<>\s]+?)\s*>")


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_process(self, model, message, custom_values=None, save_original=False,
                        strip_attachments=False, thread_id=None):
        # no seam: fetchmail marks a failed IMAP message read; noted for tools/fetchmail_retry.py
        try:
            return super().message_process(
                model, message, custom_values=custom_values, save_original=save_original,
                strip_attachments=strip_attachments, thread_id=thread_id)
        except Exception:
            note_failure(self.env.context.get("default_fetchmail_server_id"))
            raise

    @api.model
    def message_parse(self, message, save_original=False):
        # no seam: the message is parsed before its model is known; repairs only what would fail
        """A message in a charset Python does not know ("unknown-8bit") is read as UTF-8 with
        replacement characters instead of failing; NUL characters, which PostgreSQL refuses
        in text, become replacement characters (in the headers and text parts before they are
        read: a NUL in a query parameter is an error, the HTML parser makes it a space).

        The sender is the mailbox between angle brackets: ``budi@example.com <x@evil.test>``
        (an unquoted address as display name) is read by Odoo as budi@example.com, while
        answers go to x@evil.test, who wrote it. Messages Odoo reads already are unchanged."""
        _repair_nul_headers(message)
        _repair_address_headers(message)
        _repair_nul_text_parts(message)
        try:
            msg_dict = super().message_parse(message, save_original=save_original)
        except (LookupError, UnicodeError):
            if not _repair_charsets(message):
                raise
            msg_dict = super().message_parse(message, save_original=save_original)
        for key, value in msg_dict.items():
            if isinstance(value, str) and "\x00" in value:
                msg_dict[key] = value.replace("\x00", "\ufffd")
        sender = _angle_sender(message, msg_dict.get("email_from"))
        if sender:
            _logger.info("Message %s: sender %r read as %r", msg_dict.get("message_id"),
                         msg_dict.get("email_from"), sender)
            msg_dict["email_from"] = msg_dict["from"] = sender
        return msg_dict

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        # no seam: the raw headers are gone by message_new; changes only routes to complaints
        """Tell the routed models whether the message is automated (auto-reply, bounce,
        mailing list, loop): those get no acknowledgement. A message from one of our own
        addresses never opens a complaint (a loop); a message posted on an anonymous
        complaint is rewritten to its pseudonym (recipients written after the post too)."""
        Complaint = self.env["pengaduan.complaint"]
        # the author: looked up by the gateway (_message_parse_post_process) for every route
        if any(route[0] == Complaint._name and not route[1] for route in routes or ()) \
                and Complaint._is_own_address(message_dict.get("email_from"),
                                              has_contact=bool(message_dict.get("author_id"))):
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
            # the routing checked that the answered complaints exist; the new one was just made
            Complaint.sudo().browse(complaint_ids)._anonymity_sweep()
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


def _repair_address_headers(message):
    """Quote an address header Python cannot read (``From: a@`` raises an IndexError in its
    parser): the message is read without that address instead of failing at every fetch,
    and the header's text stays as the display name."""
    headers = getattr(message, "_headers", None) or []
    for index, (name, value) in enumerate(headers):
        if name.lower() not in ADDRESS_HEADERS or not isinstance(value, str):
            continue
        try:
            str(message.policy.header_fetch_parse(name, value))
        except Exception:  # noqa: BLE001 # pylint: disable=broad-exception-caught
            text = re.sub(r'[\\"]', "", _decoded_raw(value))
            headers[index] = (name, f'"{text}"')


def _repair_nul_text_parts(message):
    """Replace the NUL characters of the text parts that make the body (not the attachments,
    kept as they came); such a part is written again in UTF-8."""
    for part in message.walk():
        if part.is_multipart():
            continue
        # no zero byte once the transfer encoding is undone: no NUL character in any charset
        # that writes it as zero bytes (all Odoo reads), and no header to parse
        payload = part.get_payload(decode=True)
        if not payload or b"\x00" not in payload:
            continue
        if part.get_content_maintype() != "text" or part.get_filename() \
                or str(part.get("Content-Disposition", "")).strip().lower().startswith("attachment"):
            continue
        try:
            text = part.get_content()
        except Exception:  # noqa: BLE001 # pylint: disable=broad-exception-caught
            continue  # an unknown charset: repaired later, the NULs replaced after parsing
        if isinstance(text, str) and "\x00" in text:
            del part["Content-Transfer-Encoding"]
            part.set_payload(text.replace("\x00", "\ufffd"), "utf-8")


def _angle_sender(message, email_from):
    """The sender as ``Name <address>`` when the From header puts another address between
    angle brackets than the one Odoo read (else None)."""
    # the header as written: the parsed value is re-rendered from what Python could read of it
    header = ",".join(_decoded_raw(value) for name, value in message.raw_items() if name.lower() == "from")
    match = ANGLE_ADDRESS_RE.search(header)
    if not match:
        return None
    angles = {email_normalize(address) for address in ANGLE_ADDRESS_RE.findall(header)}
    if email_normalize(email_from or "") in angles - {False}:
        return None
    address = email_normalize(match.group(1))
    if not address:
        return None
    name = (header[:match.start()] + " " + header[match.end():]).strip().strip(",").strip().strip('"').strip()
    return formataddr((name, address))


def _decoded_raw(value):
    """A raw header value unfolded, its encoded words decoded."""
    value = re.sub(r"\r?\n[ \t]", " ", str(value)).strip()
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except Exception:  # noqa: BLE001 # pylint: disable=broad-exception-caught
        return value


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
