"""Recognise messages that must never get an automatic answer.

Auto-replies, bounces, mailing lists and loops (RFC 3834, RFC 2369, RFC 3464 and
the de-facto headers of Exchange and sendmail).
"""

PRECEDENCE_AUTOMATED = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
DAEMON_LOCALPARTS = {"mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply"}


def is_automated_message(message):
    """Return the reason why ``message`` (an ``email.message.Message``) is automated, or ''."""
    auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return "auto-submitted"
    if (message.get("Precedence") or "").strip().lower() in PRECEDENCE_AUTOMATED:
        return "precedence"
    if message.get("X-Auto-Response-Suppress") or message.get("X-Autoreply") or message.get("X-Autorespond"):
        return "auto-response"
    if message.get("List-Id") or message.get("List-Unsubscribe"):
        return "mailing-list"
    if message.get("X-Loop"):
        return "loop"
    content_type = (message.get_content_type() or "").lower()
    if content_type == "multipart/report":
        return "report"
    sender = (message.get("Return-Path") or "").strip().strip("<>")
    if message.get("Return-Path") is not None and not sender:
        return "null-sender"  # bounces are sent with an empty envelope sender
    localpart = (message.get("From") or "").split("@")[0].split("<")[-1].strip().strip('"').lower()
    if localpart in DAEMON_LOCALPARTS:
        return "daemon"
    return ""
