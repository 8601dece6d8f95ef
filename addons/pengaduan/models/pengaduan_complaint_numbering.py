"""Tracking numbers (yearly ``ir.sequence`` per office) and the counters of the walk-in queue."""

import re

from odoo import api, models, tools
from odoo.exceptions import MissingError, UserError
from odoo.tools import SQL

# sequence prefix/suffix placeholders that change within a day (%(h24)s, %(current_min)s...)
TIME_OF_DAY_RE = re.compile(r"%\((?:\w+_)?(?:h24|h12|min|sec)\)")


class PengaduanComplaintNumbering(models.Model):
    _inherit = "pengaduan.complaint"

    def _assign_queue_numbers(self):
        """Daily queue number per company, restarting every day (office time zone)."""
        for complaint in self:
            today = complaint.company_id._pengaduan_local_date()
            complaint._transition({"queue_date": today,
                                   "queue_number": complaint._next_counter("queue_number", "queue_date", today)})

    def _next_counter(self, fname, scope_fname, scope_value):
        """The next value of the integer column ``fname`` among the complaints of this one's
        company whose ``scope_fname`` is ``scope_value`` (the queue of a day, the register of a
        year). Concurrent desks of the company are serialised by a lock released at commit."""
        self.ensure_one()
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                            [self.company_id.id, f"{fname}:{scope_value}"])
        self.flush_model(["company_id", scope_fname, fname])
        self.env.cr.execute(SQL(
            "SELECT COALESCE(MAX(%s), 0) + 1 FROM %s WHERE company_id = %s AND %s = %s",
            SQL.identifier(fname), SQL.identifier(self._table), self.company_id.id,
            SQL.identifier(scope_fname), scope_value))
        return self.env.cr.fetchone()[0]

    def _next_number(self, company_id=None):
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        # the year of the number is the office's (not UTC's: 1 January 00:30 WIB is still 31
        # December in UTC), and the office time zone spares reading the user's
        tz = company._pengaduan_calendar().tz or "Asia/Jakarta"
        today = company._pengaduan_local_date()
        found = self._pengaduan_number_range(company.id, today)
        if found:
            range_id, date_from, formatted = found
            if formatted:
                # a standard sequence whose prefix and suffix change by the day at most: its
                # PostgreSQL sequence's next value, formatted as ir.sequence does
                sequence_name, prefix, padding, suffix = formatted
                self.env.cr.execute(SQL("SELECT nextval(%s)", sequence_name))
                return f"{prefix}{self.env.cr.fetchone()[0]:0{padding}d}{suffix}"
            # the yearly range found earlier today: straight to its PostgreSQL sequence
            date_range = self.env["ir.sequence.date_range"].sudo().browse(range_id).with_context(
                tz=tz, ir_sequence_date=today, ir_sequence_date_range=date_from)
            try:
                return date_range._next()
            except MissingError:
                self.env.registry.clear_cache()  # the range or its sequence was deleted: look again
        number = self.env["ir.sequence"].with_company(company).with_context(tz=tz).sudo().next_by_code(
            "pengaduan.complaint", sequence_date=today)
        if not number:
            raise UserError(self.env._("No sequence 'pengaduan.complaint' is defined for company %s.",
                                       company.name))
        return number

    @api.model
    @tools.ormcache("company_id", "day")
    def _pengaduan_number_range(self, company_id, day):
        """The yearly range of the complaint sequence of ``company_id`` for ``day`` (created when
        missing, as ``next_by_code`` would): ``(range id, its first day, formatted)``, where
        ``formatted`` is ``(PostgreSQL sequence, prefix, padding, suffix)`` for a standard
        sequence whose prefix and suffix do not show the time of day; None without a yearly
        sequence. Looked up once a day per office instead of five queries per complaint; any
        change to the complaint sequence or its ranges forgets it (``ir.sequence``)."""
        sequence = self.env["ir.sequence"].sudo().search(
            [("code", "=", "pengaduan.complaint"), ("company_id", "in", [company_id, False])],
            order="company_id", limit=1)
        if not sequence.use_date_range:
            return None
        date_range = self.env["ir.sequence.date_range"].sudo().search(
            [("sequence_id", "=", sequence.id), ("date_from", "<=", day), ("date_to", ">=", day)], limit=1)
        date_range = date_range or sequence._create_date_range_seq(day)
        formatted = None
        if sequence.implementation == "standard" and not TIME_OF_DAY_RE.search(
                (sequence.prefix or "") + (sequence.suffix or "")):
            calendar = self.env["res.company"].browse(company_id)._pengaduan_calendar()
            prefix, suffix = sequence.with_context(
                tz=calendar.tz or "Asia/Jakarta", ir_sequence_date=day, ir_sequence_date_range=date_range.date_from,
            )._get_prefix_suffix()
            formatted = (f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}", prefix, sequence.padding, suffix)
        return date_range.id, date_range.date_from, formatted
