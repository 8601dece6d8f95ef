"""Tracking numbers (yearly ``ir.sequence`` per office) and the counters of the walk-in queue."""

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL


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
        """The next tracking number of the office's yearly ``ir.sequence`` (code
        ``pengaduan.complaint``), in the office's year: 1 January 00:30 WIB is still 31 December
        in UTC, and the office time zone spares reading the user's."""
        company = self.env["res.company"].browse(company_id) if company_id else self.env.company
        tz = company._pengaduan_tz()
        number = self.env["ir.sequence"].with_company(company).with_context(tz=tz).sudo().next_by_code(
            "pengaduan.complaint", sequence_date=company._pengaduan_local_date())
        if not number:
            raise UserError(self.env._("No sequence 'pengaduan.complaint' is defined for company %s.",
                                       company.name))
        return number
