"""A failed IMAP message is left for the next fetchmail runs, then flagged (tools/fetchmail_retry.py).

Against a real Dovecot: tests/e2e/test_fetchmail_imap.py. Here the edge cases, on a stand-in
for Odoo's IMAP connection."""

import imaplib

from odoo.tests import BaseCase, tagged
from odoo.tools import mute_logger

from ..tools.fetchmail_retry import MAX_ATTEMPTS, note_failure, pop_failure, retry_failed_messages

LOGGER = "odoo.addons.pengaduan.tools.fetchmail_retry"


class FakeImap:
    """Odoo's IMAP connection as the retry sees it: FETCH (FLAGS), STORE, handled_message."""

    def __init__(self, flags=(), keywords=True):
        self.flags = set(flags)
        self.keywords = keywords
        self.handled = []

    def fetch(self, num, what):
        assert what == "(FLAGS)"
        return "OK", [f"{num.decode()} (FLAGS ({' '.join(sorted(self.flags))}))".encode()]

    def store(self, _num, command, flags):
        assert command == "+FLAGS"
        new = set(flags.strip("()").split())
        if not self.keywords and any(not flag.startswith("\\") for flag in new):
            raise imaplib.IMAP4.error("STORE failed: keywords not allowed")
        self.flags |= new
        return "OK", [b""]

    def handled_message(self, num):
        self.handled.append(num)
        self.flags.add("\\Seen")


@tagged("post_install", "-at_install")
class TestFetchmailRetry(BaseCase):

    def run_message(self, connection, server_id, fails):
        """fetchmail's loop for one message: process (failing or not), then handled_message."""
        retry_failed_messages(connection, server_id, "Uji")
        if fails:
            note_failure(server_id)
        connection.handled_message(b"7")

    def test_success_is_marked_read_as_odoo_does(self):
        connection = FakeImap()
        self.run_message(connection, 41, fails=False)
        self.assertEqual(connection.handled, [b"7"])
        self.assertEqual(connection.flags, {"\\Seen"})

    def test_failure_is_left_unread_then_flagged_after_the_last_attempt(self):
        connection = FakeImap()
        with mute_logger(LOGGER):
            for attempt in range(1, MAX_ATTEMPTS):
                self.run_message(connection, 42, fails=True)
                self.assertNotIn("\\Seen", connection.flags, f"left for the next run after attempt {attempt}")
                self.assertIn(f"PengaduanGagal{attempt}", connection.flags)
            self.run_message(connection, 42, fails=True)
        self.assertEqual(connection.handled, [], "never marked read as a success")
        self.assertTrue({"\\Seen", "\\Flagged"} <= connection.flags, "given up: read and flagged")

    def test_server_without_keywords_flags_at_once(self):
        connection = FakeImap(keywords=False)
        with mute_logger(LOGGER):
            self.run_message(connection, 43, fails=True)
        self.assertEqual(connection.flags, {"\\Seen", "\\Flagged"}, "no endless retry without a counter")

    def test_a_failure_belongs_to_its_server_and_message(self):
        note_failure(44)
        note_failure(False)  # a message that does not come from an incoming server: nothing kept
        self.assertFalse(pop_failure(45))
        self.assertTrue(pop_failure(44))
        self.assertFalse(pop_failure(44), "forgotten once handled: the next message starts clean")
