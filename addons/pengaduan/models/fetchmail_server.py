from odoo import models

from ..tools.fetchmail_retry import retry_failed_messages


class FetchmailServer(models.Model):
    _inherit = "fetchmail.server"

    def _connect__(self, allow_archived=False):  # noqa: PLW3201 - Odoo's name
        """IMAP: a message that fails to process stays unread for the next runs (a few times),
        then is flagged in the mailbox (``tools/fetchmail_retry.py``)."""
        connection = super()._connect__(allow_archived=allow_archived)
        if self._get_connection_type() == "imap":
            retry_failed_messages(connection, self.id, self.name)
        return connection
