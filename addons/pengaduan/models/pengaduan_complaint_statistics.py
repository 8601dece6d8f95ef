"""The public statistics of an office's complaints (``/pengaduan/statistik``).

Per office-local month of this year and last year, and per year by channel and by category:
complaints received (by their reception date), completed (resolved: answered or rejected with
the reasons, then possibly closed; by their resolution date), completed within the standard and
the median working days to complete. Three grouped queries make every figure (see
``_statistics_queries``), over two covering indexes of the company's complaints
(``_statistics_received_idx``, ``_statistics_resolved_idx``), and only aggregates leave
``_public_statistics``: counts, shares, medians and the names of months, channels and categories.

The result is kept in process memory for a few minutes (``pengaduan.statistics_cache_seconds``,
300 by default) per database, company, year and language. That is safe because it holds nothing
personal and nothing that depends on who asks (aggregates of one company, computed as the
superuser for every visitor alike); a figure is at most that old, which a public statistic
allows; and each worker keeps its own copy, so no invalidation has to travel between processes.
"""

import copy
import threading
import time
from collections import defaultdict
from datetime import date, datetime

from pytz import timezone, utc

from odoo import api, models
from odoo.tools import SQL, float_round
from odoo.tools.misc import format_date

from .pengaduan_channel import standard_text

CACHE_SECONDS = 300
CACHE_PARAM = "pengaduan.statistics_cache_seconds"
CACHE_MAX_ENTRIES = 256

_cache = {}  # (dbname, company id, year, lang) -> (expiry on time.monotonic(), figures)
_cache_lock = threading.Lock()


def clear_statistics_cache():
    """Forget every cached figure of this process (tests, benchmarks)."""
    with _cache_lock:
        _cache.clear()


def _median(histogram):
    """The median of the values counted in ``histogram`` ({value: count}): the middle value, or
    the mean of the two middle ones (as ``percentile_cont(0.5)``); None when empty."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted, found, seen = {(total - 1) // 2, total // 2}, [], 0
    for value in sorted(histogram):
        count = histogram[value]
        found += [value for position in sorted(wanted) if seen <= position < seen + count]
        seen += count
        if len(found) == len(wanted):
            break
    return sum(found) / len(found)


def _figures(received=0, completed=0, within=0, median=None):
    """The whitelisted values of one row of the page: counts, the share completed within the
    standard (percent, None without completions) and the median (None without completions)."""
    return {
        "received": received,
        "completed": completed,
        "within": within,
        "within_pct": float_round(100.0 * within / completed, precision_digits=1) if completed else None,
        "median_days": float_round(median, precision_digits=1) if completed and median is not None else None,
    }


class PengaduanComplaintStatistics(models.Model):
    _inherit = "pengaduan.complaint"

    # covering indexes of the grouped queries: index-only range scans of one company's complaints
    _statistics_received_idx = models.Index("(company_id, date_received) INCLUDE (channel_id, category_id)")
    _statistics_resolved_idx = models.Index(
        "(company_id, resolved_date) INCLUDE (resolved_within_standard, resolution_working_days, "
        "channel_id, category_id) WHERE resolved_date IS NOT NULL"
    )

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    @api.model
    def _public_statistics(self, company, year=None):
        """The public figures of ``company`` for ``year`` (default: the office's current year)
        and the year before, as plain values (see ``_statistics_assemble``), from the cache when
        fresh. Figures only: no record, no name of a person."""
        company = company.sudo().ensure_one()
        if year is None:
            year = company._pengaduan_local_date().year
        key = (self.env.cr.dbname, company.id, int(year), self.env.lang or "en_US")
        now = time.monotonic()
        seconds = self._statistics_cache_seconds()
        with _cache_lock:
            cached = _cache.get(key) if seconds > 0 else None
        if cached and cached[0] > now:
            return copy.deepcopy(cached[1])
        figures = self._statistics_assemble(company, int(year))
        if seconds > 0:
            with _cache_lock:
                if len(_cache) >= CACHE_MAX_ENTRIES:
                    for stale in [k for k, (expiry, _v) in _cache.items() if expiry <= now] or list(_cache):
                        del _cache[stale]
                _cache[key] = (now + seconds, figures)
        return copy.deepcopy(figures)

    @api.model
    def _public_service_standards(self, company):
        """The office's complaint channels with their first-response standard, its categories
        with their resolution standard and the default standard, as plain values."""
        company = company.sudo().ensure_one()
        Complaint = self.with_company(company)
        default = standard_text(self.env, company.pengaduan_resolution_time, company.pengaduan_resolution_unit)
        return {
            "channels": [{"name": channel.name, "response": channel._public_standard()}
                         for channel in Complaint._public_channels()],
            "categories": [{"name": category.complete_name, "standard": category._public_standard()}
                           for category in Complaint._public_categories()],
            "default_standard": default,
        }

    # ------------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------------
    @api.model
    def _statistics_cache_seconds(self):
        value = self.env["ir.config_parameter"].sudo().get_param(CACHE_PARAM)
        try:
            return max(int(value), 0) if value not in (None, False, "") else CACHE_SECONDS
        except ValueError:
            return CACHE_SECONDS

    @api.model
    def _statistics_bounds(self, company, year):
        """The 25 naive UTC moments where the office-local months of ``year - 1`` and ``year``
        begin (and where the last one ends)."""
        tz = timezone(company._pengaduan_tz())
        starts = [(year - 1 + index // 12, index % 12 + 1) for index in range(24)] + [(year + 1, 1)]
        return [tz.localize(datetime(y, m, 1)).astimezone(utc).replace(tzinfo=None) for y, m in starts]

    @api.model
    def _statistics_queries(self, company, year):
        """``[(name, SQL)]``: the three grouped queries of the page, over office-local months or
        years given as UTC ranges, each range an index-only range scan of one company's
        complaints (no date arithmetic per row, no sort of the two years):

        - ``received``: per month, channel and category, the complaints received (by their
          reception date; index ``_statistics_received_idx``); every received figure is a sum;
        - ``months``: per month, the complaints completed (by their resolution date), those
          within the standard and the median working days (``_statistics_resolved_idx``);
        - ``years``: per year, the completed complaints and those within the standard per
          channel and per category and working days to complete (a tenth of a day at most): the
          histograms of which the medians of the year, of each channel and of each category are
          taken. Medians cannot be summed from the months, and ``percentile_cont`` over these
          groups sorts the whole year again for each of them (four times slower); a
          histogram is summed in one pass and gives the same median exactly."""
        bounds = self._statistics_bounds(company, year)
        months = SQL("unnest(%s::timestamp[], %s::timestamp[]) WITH ORDINALITY AS period(start, stop, key)",
                     bounds[:-1], bounds[1:])
        years = SQL("unnest(%s::timestamp[], %s::timestamp[]) WITH ORDINALITY AS period(start, stop, key)",
                    bounds[0:24:12], bounds[12:25:12])
        return [
            ("received", SQL("""
                SELECT period.key, figures.*
                  FROM %(months)s
                 CROSS JOIN LATERAL (
                       SELECT channel_id, category_id, count(*)
                         FROM pengaduan_complaint
                        WHERE company_id = %(company)s
                          AND date_received >= period.start AND date_received < period.stop
                        GROUP BY channel_id, category_id) AS figures
            """, months=months, company=company.id)),
            ("months", SQL("""
                SELECT period.key, figures.*
                  FROM %(months)s
                 CROSS JOIN LATERAL (
                       SELECT count(*), count(*) FILTER (WHERE resolved_within_standard),
                              percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_working_days)
                         FROM pengaduan_complaint
                        WHERE company_id = %(company)s
                          AND resolved_date >= period.start AND resolved_date < period.stop) AS figures
            """, months=months, company=company.id)),
            ("years", SQL("""
                SELECT period.key, figures.*
                  FROM %(years)s
                 CROSS JOIN LATERAL (
                       SELECT GROUPING(channel_id, category_id), channel_id, category_id, resolution_working_days,
                              count(*), count(*) FILTER (WHERE resolved_within_standard)
                         FROM pengaduan_complaint
                        WHERE company_id = %(company)s
                          AND resolved_date >= period.start AND resolved_date < period.stop
                        GROUP BY GROUPING SETS ((channel_id, resolution_working_days),
                                                (category_id, resolution_working_days))) AS figures
            """, years=years, company=company.id)),
        ]

    @api.model
    def _statistics_rows(self, company, year):
        """``{(kind, year index, key): {"received", "completed", "within", "median"}}`` from the
        three grouped queries; ``kind`` is "month" (``key`` 1..12), "year" (``key`` None),
        "channel" (a channel id) or "category" (a category id, None for no category); year
        index 0 is last year, 1 this year."""
        self.env["pengaduan.complaint"].flush_model([
            "company_id", "date_received", "resolved_date", "channel_id", "category_id",
            "resolved_within_standard", "resolution_working_days"])
        rows = defaultdict(lambda: {"received": 0, "completed": 0, "within": 0, "median": None})
        queries = dict(self._statistics_queries(company, year))
        self.env.cr.execute(queries["received"])
        for month, channel_id, category_id, count in self.env.cr.fetchall():
            year_index, month = divmod(month - 1, 12)
            for kind, key in (("month", month + 1), ("year", None), ("channel", channel_id),
                              ("category", category_id)):
                rows[kind, year_index, key]["received"] += count
        self.env.cr.execute(queries["months"])
        for month, completed, within, median in self.env.cr.fetchall():
            year_index, month = divmod(month - 1, 12)
            rows["month", year_index, month + 1].update(completed=completed, within=within, median=median)
        self.env.cr.execute(queries["years"])
        histograms = defaultdict(lambda: defaultdict(int))
        for period, grouping, channel_id, category_id, days, completed, within in self.env.cr.fetchall():
            year_index = period - 1  # the first period is last year
            # GROUPING(channel_id, category_id): 1 = by channel, 2 = by category (bit set: not grouped);
            # every complaint has one category (or none): the categories add up to the year
            keys = [("channel", channel_id)] if grouping == 1 else [("category", category_id), ("year", None)]
            for kind, key in keys:
                figures = rows[kind, year_index, key]
                figures["completed"] += completed
                figures["within"] += within
                histograms[kind, year_index, key][days] += completed
        for key, histogram in histograms.items():
            rows[key]["median"] = _median(histogram)
        return rows

    @api.model
    def _statistics_assemble(self, company, year):
        """The page's plain values::

            {"year": 2026, "office": "...", "years": [{
                "year": 2026, "total": figures, "months": [dict(figures, label="Januari"), ...],
                "channels": [dict(figures, name="WhatsApp"), ...],
                "categories": [dict(figures, name="KTP-el"), ...]}, {"year": 2025, ...}]}

        where ``figures`` is ``_figures()``'s dict. This year's months stop at the current one;
        every public channel and category is listed, with zeros when it had nothing. ``key``: the
        month, the channel's or the category's id ("none": no category)."""
        rows = self._statistics_rows(company, year)
        today = company._pengaduan_local_date()
        Channel = self.env["pengaduan.channel"].sudo().with_context(active_test=False)
        Category = self.env["pengaduan.category"].sudo().with_context(active_test=False)
        Complaint = self.with_company(company)
        channel_ids = {key for kind, _y, key in rows if kind == "channel"}
        category_ids = {key for kind, _y, key in rows if kind == "category" and key}
        channels = (Complaint._public_channels().sudo() | Channel.browse(channel_ids)).sorted(
            lambda c: (c.sequence, c.name or "", c.id))
        categories = (Complaint._public_categories().sudo() | Category.browse(category_ids)).sorted(
            lambda c: (c.complete_name or "", c.id))
        uncategorized = any(kind == "category" and key is None for kind, _y, key in rows)

        def figures(kind, year_index, key):
            return _figures(**rows[kind, year_index, key]) if (kind, year_index, key) in rows else _figures()

        years = []
        for year_index, shown_year in ((1, year), (0, year - 1)):
            last_month = today.month if shown_year == today.year else 12
            if shown_year > today.year:
                last_month = 0
            months = [
                dict(figures("month", year_index, month), key=month, month=month,
                     label=format_date(self.env, date(shown_year, month, 1), date_format="LLLL"))
                for month in range(1, last_month + 1)
            ]
            rows_by_category = [dict(figures("category", year_index, category.id), key=category.id,
                                     name=category.complete_name)
                                for category in categories]
            if uncategorized:
                rows_by_category.append(dict(figures("category", year_index, None), key="none",
                                             name=self.env._("Other (no category)")))
            years.append({
                "year": shown_year,
                "total": figures("year", year_index, None),
                "months": months,
                "channels": [dict(figures("channel", year_index, channel.id), key=channel.id, name=channel.name)
                             for channel in channels],
                "categories": rows_by_category,
            })
        return {"year": year, "office": company.sudo().name, "years": years}
