import time
from datetime import timedelta

from odoo import api, fields, models, modules
from odoo.sql_db import PoolError

# how long a request waits for a free database connection for its own log transaction
POOL_WAIT_SECONDS = 10
POOL_RETRY_SECONDS = 0.02


class PengaduanRequestLog(models.Model):
    """Requests of the public pages, counted per IP address for rate limits.

    Entries older than a day are removed by the daily vacuum.
    """

    _name = "pengaduan.request.log"
    _description = "Public Complaint Page Request"

    kind = fields.Selection([("form", "Complaint Form"), ("track", "Tracking Page")], required=True)
    ip = fields.Char(string="IP Address", required=True, index=True)

    @api.model
    def _log_cursor(self):
        """A cursor of its own, waiting a moment for a free connection when the pool is busy.

        The threaded server sizes its threads for about two connections per request (and some
        for the scheduled actions): in a burst, every request holding its own cursor while taking
        this one can find the pool full for a moment. The log transactions are a few
        milliseconds long, so a connection is soon free again: waiting beats answering the
        visitor with a server error."""
        deadline = time.monotonic() + POOL_WAIT_SECONDS
        while True:
            try:
                return self.env.registry.cursor()
            except PoolError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(POOL_RETRY_SECONDS)

    @api.model
    def _reserve(self, kind, ip, limit, period=timedelta(hours=1)):
        """Take one of the ``limit`` requests of ``kind`` that ``ip`` may make in ``period``:
        the id of the log row that holds it, or False when none is left.

        Atomic, in its own short transaction committed at once (the row counts for the
        concurrent requests at once, and stays whatever becomes of the caller's transaction:
        the caller gives it back with ``_release`` when its request did not go through).
        Request transactions are REPEATABLE READ: their snapshot, taken at their first query,
        does not see the rows that concurrent requests commit afterwards, so a count in the
        request's own transaction lets a burst of parallel requests all pass, even behind a
        lock. Here the transaction is READ COMMITTED and the count comes after a per-kind-and-IP
        advisory lock: it sees every row committed by those who held the lock before.
        """
        if limit <= 0:
            return False
        with self._log_cursor() as cr:
            if not modules.module.current_test:
                # first statement of the new transaction; under tests the cursor is the test's
                # own transaction (already started), whose isolation cannot change
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute("SELECT pg_advisory_xact_lock(hashtext('pengaduan.request.log:' || %s || ':' || %s))",
                       [kind, ip])
            cr.execute("""
                SELECT count(*) FROM pengaduan_request_log
                 WHERE kind = %s AND ip = %s AND create_date >= (now() AT TIME ZONE 'UTC') - %s
            """, [kind, ip, period])
            if cr.fetchone()[0] >= limit:
                return False
            cr.execute("""
                INSERT INTO pengaduan_request_log (kind, ip, create_uid, write_uid, create_date, write_date)
                VALUES (%s, %s, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
                RETURNING id
            """, [kind, ip, self.env.uid, self.env.uid])
            return cr.fetchone()[0]

    @api.model
    def _release(self, log_id):
        """Give back a request taken by ``_reserve`` (its request failed: it does not count)."""
        if not log_id:
            return
        with self._log_cursor() as cr:
            cr.execute("DELETE FROM pengaduan_request_log WHERE id = %s", [log_id])

    @api.autovacuum
    def _gc_request_log(self):
        self.sudo().search([("create_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
