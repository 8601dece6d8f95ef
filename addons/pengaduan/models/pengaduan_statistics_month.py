"""One office-local month of the public statistics (``/pengaduan/statistik``), kept once it is over.

A month's ``figures`` are the aggregates of one company's complaints that the page adds up:
per channel, per category and for the whole month::

    {"received": {"channel": {"<id>": count}, "category": {"<id>" or "0": count}, "total": count},
     "resolved": {"channel": {"<id>": [completed, within, {"<working days>": count}]},
                  "category": {...}, "total": [completed, within, {...}]}}

``received`` counts by the reception date; ``resolved`` the complaints resolved in the month,
those within the standard and the histogram of their working days to complete (a tenth of a
day), from which the page takes its medians exactly: medians cannot be summed, histograms can.

Only a month that is over (it begins before the office's current month) is kept: the current
one changes all day and is computed at each request, a small range of the two indexes. A kept
month stays right because whatever moves a complaint in or out of its figures passes through the
complaint's ``create``, ``write`` or ``unlink``, which forget the months it touches
(``pengaduan_complaint_statistics``); the outcome fields are computed from those same fields and
later calendar changes leave them as they were. A request that computes a month while another
transaction changes a complaint of it can keep the month as it saw it: the daily scheduled
action computes every month of this and last year again, which bounds that to a day.
"""

import json
from datetime import date, datetime

from psycopg2 import errors as pg_errors
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.tools import SQL

NO_CATEGORY = "0"  # the key of complaints without a category


def month_start(moment, tz):
    """The first day of the office-local month of ``moment`` (naive UTC), in time zone ``tz``."""
    return utc.localize(moment).astimezone(tz).date().replace(day=1)


def next_month(month):
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def empty_figures():
    return {"received": {"channel": {}, "category": {}, "total": 0},
            "resolved": {"channel": {}, "category": {}, "total": [0, 0, {}]}}


class PengaduanStatisticsMonth(models.Model):
    _name = "pengaduan.statistics.month"
    _description = "Complaint Statistics of a Month"
    _order = "company_id, month"

    company_id = fields.Many2one("res.company", string="Office", required=True, ondelete="cascade")
    month = fields.Date(required=True, help="The first day of the office-local month.")
    tz = fields.Char(string="Time Zone", required=True,
                     help="The office's time zone when the month was computed; another one cuts other months.")
    figures = fields.Json(required=True)

    # also the index of the look-up by office and months
    _company_month_uniq = models.Constraint("UNIQUE(company_id, month)", "One row per office and month.")

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    @api.model
    def _figures_of(self, company, months):
        """``{month: figures}`` of ``company`` for ``months`` (first days): the kept months (of
        the office's time zone) read in one query, the others computed; those of them that are over are kept, unless the
        cursor is read-only (a replica), where they are only computed."""
        tz_name = company._pengaduan_tz()
        current = company._pengaduan_local_date().replace(day=1)
        over = [month for month in months if month < current]
        result = {}
        if over:
            # in SQL: the ORM's Json field deep-copies every value it reads, which costs more
            # than summing the figures (aggregates of the company, read alike for every visitor)
            self.flush_model(["company_id", "month", "tz", "figures"])
            self.env.cr.execute(SQL(
                "SELECT month, figures FROM pengaduan_statistics_month"
                " WHERE company_id = %s AND month = ANY(%s::date[]) AND tz = %s", company.id, over, tz_name))
            result.update(self.env.cr.fetchall())
        missing = [month for month in months if month not in result]
        if missing:
            computed = self._compute_figures(company, missing)
            result.update(computed)
            to_keep = {month: figures for month, figures in computed.items() if month < current}
            if to_keep and not self.env.cr.readonly:
                self._keep(company, tz_name, to_keep)
        return result

    # ------------------------------------------------------------------
    # Computing from the complaints
    # ------------------------------------------------------------------
    @api.model
    def _month_bounds(self, company, months):
        """The naive UTC moments where each office-local month of ``months`` begins and ends."""
        tz = timezone(company._pengaduan_tz())

        def moment(day):
            return tz.localize(datetime(day.year, day.month, 1)).astimezone(utc).replace(tzinfo=None)

        return [moment(month) for month in months], [moment(next_month(month)) for month in months]

    @api.model
    def _statistics_queries(self, company, months):
        """``[(name, SQL)]``: the two grouped queries of ``months``, each month an index-only
        range scan of the company's complaints over one of the two covering indexes of
        ``pengaduan_complaint_statistics`` (no date arithmetic per row), grouped by channel,
        by category and not at all (``GROUPING``: 1 by channel, 2 by category, 3 the month):

        - ``received``: the complaints received in the month (by their reception date);
        - ``resolved``: per working days to complete (a tenth of a day), the complaints resolved
          in the month and those of them within the standard: the histograms."""
        starts, stops = self._month_bounds(company, months)
        periods = SQL("unnest(%s::timestamp[], %s::timestamp[]) WITH ORDINALITY AS period(start, stop, key)",
                      starts, stops)
        return [
            ("received", SQL("""
                SELECT period.key, figures.*
                  FROM %(periods)s
                 CROSS JOIN LATERAL (
                       SELECT GROUPING(channel_id, category_id), channel_id, category_id, count(*)
                         FROM pengaduan_complaint
                        WHERE company_id = %(company)s
                          AND date_received >= period.start AND date_received < period.stop
                        GROUP BY GROUPING SETS ((channel_id), (category_id), ())) AS figures
            """, periods=periods, company=company.id)),
            ("resolved", SQL("""
                SELECT period.key, figures.*
                  FROM %(periods)s
                 CROSS JOIN LATERAL (
                       SELECT GROUPING(channel_id, category_id), channel_id, category_id, resolution_working_days,
                              count(*), count(*) FILTER (WHERE resolved_within_standard)
                         FROM pengaduan_complaint
                        WHERE company_id = %(company)s
                          AND resolved_date >= period.start AND resolved_date < period.stop
                        GROUP BY GROUPING SETS ((channel_id, resolution_working_days),
                                                (category_id, resolution_working_days),
                                                (resolution_working_days))) AS figures
            """, periods=periods, company=company.id)),
        ]

    @api.model
    def _compute_figures(self, company, months):
        """``{month: figures}`` of ``months`` from the complaints: the two grouped queries."""
        self.env["pengaduan.complaint"].flush_model([
            "company_id", "date_received", "resolved_date", "channel_id", "category_id",
            "resolved_within_standard", "resolution_working_days"])
        result = {month: empty_figures() for month in months}
        queries = dict(self._statistics_queries(company, months))

        def side(grouping, channel_id, category_id):
            # GROUPING(channel_id, category_id), a bit set for a column not grouped by
            if grouping == 1:
                return "channel", str(channel_id)
            if grouping == 2:
                return "category", str(category_id) if category_id else NO_CATEGORY
            return "total", None

        self.env.cr.execute(queries["received"])
        for key, grouping, channel_id, category_id, count in self.env.cr.fetchall():
            kind, name = side(grouping, channel_id, category_id)
            received = result[months[key - 1]]["received"]
            if name is None:
                received[kind] = count
            else:
                received[kind][name] = count
        self.env.cr.execute(queries["resolved"])
        for key, grouping, channel_id, category_id, days, completed, within in self.env.cr.fetchall():
            kind, name = side(grouping, channel_id, category_id)
            resolved = result[months[key - 1]]["resolved"]
            figures = resolved[kind] if name is None else resolved[kind].setdefault(name, [0, 0, {}])
            figures[0] += completed
            figures[1] += within
            figures[2][str(days)] = completed
        return result

    # ------------------------------------------------------------------
    # Keeping and forgetting
    # ------------------------------------------------------------------
    @api.model
    def _keep(self, company, tz_name, figures_by_month):
        """Keep (or replace) the months of ``figures_by_month``. The superuser's doing, whoever
        asked: these are aggregates. A concurrent transaction keeping the same month wins;
        this one then leaves it (in a savepoint, so the request goes on)."""
        months = sorted(figures_by_month)
        query = SQL("""
            INSERT INTO pengaduan_statistics_month (company_id, month, tz, figures, create_uid, create_date,
                                                    write_uid, write_date)
            SELECT %(company)s, row.month, %(tz)s, row.figures, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM unnest(%(months)s::date[], %(figures)s::jsonb[]) AS row(month, figures)
                ON CONFLICT (company_id, month) DO UPDATE
               SET tz = EXCLUDED.tz, figures = EXCLUDED.figures, write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
        """, company=company.id, tz=tz_name, uid=self.env.uid, now=fields.Datetime.now(), months=months,
            figures=[json.dumps(figures_by_month[month]) for month in months])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query, log_exceptions=False)
        except (pg_errors.SerializationFailure, pg_errors.UniqueViolation, pg_errors.LockNotAvailable):
            return False
        self.invalidate_model(["month", "tz", "figures"])
        return True

    @api.model
    def _forget(self, moments):
        """Drop the kept months in which the naive UTC ``moments`` fall: ``{company id: moments}``.
        Months not over yet are never kept, so the usual change (a complaint of this month)
        costs no query here."""
        for company_id, stamps in moments.items():
            company = self.env["res.company"].sudo().browse(company_id)
            tz = timezone(company._pengaduan_tz())
            current = company._pengaduan_local_date().replace(day=1)
            months = sorted({month_start(stamp, tz) for stamp in stamps if stamp} - {current})
            months = [month for month in months if month < current]
            if months:
                self.env.cr.execute(SQL(
                    "DELETE FROM pengaduan_statistics_month WHERE company_id = %s AND month = ANY(%s::date[])",
                    company_id, months))
                self.invalidate_model(["month", "tz", "figures"])

    @api.model
    def _cron_refresh(self):
        """Compute again every month of this year and last year that is over, for each office:
        a change of the office's time zone followed, and a month kept stale by a concurrent
        change made right (see the module's docstring)."""
        # every office: a few dozen at most, each one grouped query per month
        for company in self.env["res.company"].sudo().search([]):  # pylint: disable=no-search-all
            current = company._pengaduan_local_date().replace(day=1)
            months = [date(current.year - 1 + index // 12, index % 12 + 1, 1) for index in range(24)]
            months = [month for month in months if month < current]
            if months:
                self._keep(company, company._pengaduan_tz(), self._compute_figures(company, months))
