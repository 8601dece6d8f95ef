"""Recognise messages that must never get an automatic answer.

Auto-replies, bounces, mailing lists and loops (RFC 3834, RFC 2369, RFC 3464 and
the de-facto headers of Exchange and sendmail).
"""

PRECEDENCE_AUTOMATED = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
DAEMON_LOCALPARTS = {"mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply"}


def is_automated_message(message):
    """Return the reason why ``message`` (an ``email.message.Message``) is automated, or ''."""
    # the raw values, unfolded: tokens and addresses, no header object to parse
    headers = {}
    for name, value in message.raw_items():
        headers.setdefault(name.lower(), " ".join(str(value).split()))

    def get(name):
        return headers.get(name.lower())

    auto_submitted = (get("Auto-Submitted") or "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return "auto-submitted"
    if (get("Precedence") or "").strip().lower() in PRECEDENCE_AUTOMATED:
        return "precedence"
    if get("X-Auto-Response-Suppress") or get("X-Autoreply") or get("X-Autorespond"):
        return "auto-response"
    if get("List-Id") or get("List-Unsubscribe"):
        return "mailing-list"
    if get("X-Loop"):
        return "loop"
    content_type = (get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type == "multipart/report":
        return "report"
    return_path = get("Return-Path")
    if return_path is not None and not return_path.strip().strip("<>").strip():
        return "null-sender"  # bounces are sent with an empty envelope sender
    localpart = (get("From") or "").split("@")[0].split("<")[-1].strip().strip('"').lower()
    if localpart in DAEMON_LOCALPARTS:
        return "daemon"
    return ""
