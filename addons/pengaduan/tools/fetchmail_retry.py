"""Incoming IMAP messages that fail to process are tried again by the next fetchmail runs.

Odoo 19's fetchmail marks a message read (``\\Seen``) after processing it, **whether it
succeeded or raised**: a complaint that failed on a passing problem (a lock, a restart, an
alias being set up) would never be retried. Here a message that failed is left unread for the
next run, with an IMAP keyword counting the attempts (``PengaduanGagal1``, ``PengaduanGagal2``);
after ``MAX_ATTEMPTS`` it is marked read and flagged (``\\Flagged``) so that it no longer
fails every run, and the administrator finds it among the flagged messages of the mailbox
(and in the log). A server that keeps no keywords gets the flag at the first failure.
"""

import imaplib
import logging
import re
import threading

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
KEYWORD = "PengaduanGagal"
KEYWORD_RE = re.compile(rb"^PengaduanGagal(\d+)$")

_failed = threading.local()


def note_failure(server_id):
    """``message_process`` raised for a message fetched from the incoming server ``server_id``."""
    if server_id:
        _failed.server_ids = getattr(_failed, "server_ids", set()) | {server_id}


def pop_failure(server_id):
    """Whether the message just processed for ``server_id`` failed (and forget it)."""
    server_ids = getattr(_failed, "server_ids", set())
    if server_id in server_ids:
        _failed.server_ids = server_ids - {server_id}
        return True
    return False


def retry_failed_messages(connection, server_id, server_name):
    """Make ``connection`` (an Odoo IMAP connection) keep failed messages for the next run."""
    handled_message = connection.handled_message

    def handled_message_or_retry(num):
        if pop_failure(server_id):
            _keep_for_retry(connection, num, server_name)
        else:
            handled_message(num)

    pop_failure(server_id)  # nothing left over from an earlier connection of this thread
    connection.handled_message = handled_message_or_retry
    return connection


def _attempts(connection, num):
    status, data = connection.fetch(num, "(FLAGS)")
    if status != "OK" or not data or not data[0]:
        return 0
    raw = data[0] if isinstance(data[0], bytes) else data[0][0]
    counts = [int(match.group(1)) for flag in imaplib.ParseFlags(raw) if (match := KEYWORD_RE.match(flag))]
    return max(counts, default=0)


def _keep_for_retry(connection, num, server_name):
    number = num.decode() if isinstance(num, bytes) else num  # (for the log)
    try:
        attempt = _attempts(connection, num) + 1
        if attempt < MAX_ATTEMPTS:
            status, _data = connection.store(num, "+FLAGS", f"({KEYWORD}{attempt})")
            if status == "OK":
                _logger.warning("Message %s of incoming server %s failed (attempt %s of %s): left unread "
                                "for the next run.", number, server_name, attempt, MAX_ATTEMPTS)
                return
    except imaplib.IMAP4.error:
        _logger.info("Incoming server %s keeps no IMAP keywords: failed message %s flagged at once.",
                     server_name, number, exc_info=True)
        attempt = MAX_ATTEMPTS
    connection.store(num, "+FLAGS", "(\\Seen \\Flagged)")
    _logger.error("Message %s of incoming server %s failed %s time(s): marked read and flagged in the "
                  "mailbox for an administrator (see the errors above).", number, server_name, attempt)
