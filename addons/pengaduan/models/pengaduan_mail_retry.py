"""E-mails that never left because the outgoing mail server could not be reached go out again.

When Odoo's mail queue cannot connect to the SMTP server, it marks the whole batch ``exception``
with the connection error as the reason and no ``failure_type`` (the failure type goes on the
notifications only: ``mail_smtp``), and never takes those e-mails again: an outage of the mail
server would lose every acknowledgement, escalation and answer of its duration. Such an e-mail
was never handed to any server, so sending it again cannot send it twice. This scheduled action
puts them back in the queue (``mail.mail.mark_outgoing``) for a few days
(``pengaduan.mail_retry_days``, 7 by default); an e-mail refused by the server itself (an invalid
address, spam, an error during the transmission) has a failure type and is left to the
administrator, as Odoo leaves it.
"""

from datetime import timedelta

from odoo import api, fields, models

RETRY_DAYS = 7
RETRY_DAYS_PARAM = "pengaduan.mail_retry_days"


class PengaduanMailRetry(models.AbstractModel):
    _name = "pengaduan.mail.retry"
    _description = "Send Again the E-mails the Mail Server Could Not Take"

    @api.model
    def _retry_domain(self):
        try:
            days = int(self.env["ir.config_parameter"].sudo().get_param(RETRY_DAYS_PARAM, RETRY_DAYS))
        except ValueError:
            days = RETRY_DAYS
        return [
            ("state", "=", "exception"),
            ("failure_type", "=", False),
            ("failure_reason", "!=", False),
            ("create_date", ">=", fields.Datetime.now() - timedelta(days=max(days, 0))),
        ]

    @api.model
    def _cron_retry(self):
        """Queue again the e-mails whose sending failed to connect; wake the mail queue."""
        mails = self.env["mail.mail"].sudo().search(self._retry_domain())
        if mails:
            mails.mark_outgoing()
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return len(mails)
