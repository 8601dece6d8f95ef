"""E-mails the outgoing mail server could not take go back to the queue; refused ones do not."""

from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMailRetry(TransactionCase):

    def mail(self, **values):
        return self.env["mail.mail"].create({
            "subject": "Uji kirim ulang", "body_html": "<p>Isi.</p>", "email_to": "warga.uji@warga.example",
            "state": "exception", **values})

    def test_only_the_mails_that_never_left_are_queued_again(self):
        unreachable = self.mail(failure_reason="[Errno 111] Connection refused")
        refused = self.mail(failure_reason="Invalid address", failure_type="mail_email_invalid")
        broken = self.mail(failure_reason="451 during DATA", failure_type="unknown")
        sent = self.mail(state="sent")
        old = self.mail(failure_reason="[Errno 111] Connection refused")
        self.env.cr.execute("UPDATE mail_mail SET create_date = %s WHERE id = %s",
                            [fields.Datetime.now() - timedelta(days=8), old.id])
        old.invalidate_recordset()
        self.assertEqual(self.env["pengaduan.mail.retry"]._cron_retry(), 1)
        self.assertEqual(unreachable.state, "outgoing")
        for mail in (refused, broken, old):
            self.assertEqual(mail.state, "exception")
        self.assertEqual(sent.state, "sent")
        # the period is a setting
        self.env["ir.config_parameter"].sudo().set_param("pengaduan.mail_retry_days", "10")
        self.assertEqual(self.env["pengaduan.mail.retry"]._cron_retry(), 1)
        self.assertEqual(old.state, "outgoing")
        cron = self.env.ref("pengaduan.ir_cron_pengaduan_retry_mail")
        self.assertEqual((cron.code, cron.active), ("model._cron_retry()", True))
