from datetime import timedelta

from odoo import api, fields, models


class PengaduanRequestLog(models.Model):
    """Requests of the public pages, counted per IP address for rate limits.

    Entries older than a day are removed by the daily vacuum.
    """

    _name = "pengaduan.request.log"
    _description = "Public Complaint Page Request"

    kind = fields.Selection([("form", "Complaint Form"), ("track", "Tracking Page")], required=True)
    ip = fields.Char(string="IP Address", required=True, index=True)

    @api.model
    def _allowed(self, kind, ip, limit, period=timedelta(hours=1)):
        """False when ``ip`` already made ``limit`` requests of ``kind`` in ``period``."""
        since = fields.Datetime.now() - period
        return self.sudo().search_count(
            [("kind", "=", kind), ("ip", "=", ip), ("create_date", ">=", since)], limit=limit,
        ) < limit

    @api.autovacuum
    def _gc_request_log(self):
        self.sudo().search([("create_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()

    @api.model
    def _record(self, kind, ip):
        self.sudo().create({"kind": kind, "ip": ip})
