"""The public statistics of an office's complaints (``/pengaduan/statistik``).

Per office-local month of this year and last year, and per year by channel and by category:
complaints received (by their reception date), completed (resolved: answered or rejected with
the reasons, then possibly closed; by their resolution date), completed within the standard and
the median working days to complete. Every figure is a sum of the months' figures: counts and
histograms of working days per channel and per category (``pengaduan.statistics.month``). A
month that is over is kept in that table and read back in one query; the current month (and any
month not kept yet) comes from two grouped queries over two covering indexes of the company's
complaints (``_statistics_received_idx``, ``_statistics_resolved_idx``). The complaints' own
``create``, ``write`` and ``unlink`` forget the kept months they change. Only aggregates leave
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
from datetime import date

from odoo import api, fields, models
from odoo.tools import float_round
from odoo.tools.misc import format_date

from .pengaduan_channel import standard_text

CACHE_SECONDS = 300
CACHE_PARAM = "pengaduan.statistics_cache_seconds"
CACHE_MAX_ENTRIES = 256

# what moves a complaint in or out of the figures of the month it was received in
RECEIVED_FIELDS = frozenset({"date_received", "channel_id", "category_id", "company_id"})
# ... and of the month it was resolved in: the same, the resolution, and what the outcome is
# computed from (``_compute_resolution_outcome``: the deadline follows the channel, the category
# and the company; the pauses)
RESOLVED_FIELDS = RECEIVED_FIELDS | {"resolved_date", "pause_work_hours", "pause_calendar_hours"}

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

    # the month the pivot and the graph group by, stored: grouping by ``date_received:month``
    # converts every row to the user's time zone, and PostgreSQL, which cannot count the months
    # of an expression, sorts the whole year on disk instead of hashing a few hundred groups
    month_received = fields.Date(
        compute="_compute_month_received", store=True, readonly=True,
        help="The first day of the month the complaint was received in, in the office's time zone.")

    # covering indexes of the grouped queries: index-only range scans of one company's complaints
    _statistics_received_idx = models.Index(
        "(company_id, date_received) INCLUDE (channel_id, category_id, month_received)")
    _statistics_resolved_idx = models.Index(
        "(company_id, resolved_date) INCLUDE (resolved_within_standard, resolution_working_days, "
        "channel_id, category_id) WHERE resolved_date IS NOT NULL"
    )

    @api.depends("date_received", "company_id")
    def _compute_month_received(self):
        for complaint in self:
            received, company = complaint.date_received, complaint.company_id
            complaint.month_received = received and company and company._pengaduan_local_date(received).replace(day=1)

    # ------------------------------------------------------------------
    # The kept months follow the complaints
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        complaints._statistics_forget(RESOLVED_FIELDS)  # a letter received last month, an import
        return complaints

    def write(self, vals):
        changed = RESOLVED_FIELDS.intersection(vals)
        if not changed:
            return super().write(vals)
        self._statistics_forget(changed)  # the months the complaints leave...
        result = super().write(vals)
        self._statistics_forget(changed)  # ... and those they enter
        return result

    def unlink(self):
        self._statistics_forget(RESOLVED_FIELDS)
        return super().unlink()

    def _statistics_forget(self, changed):
        """Forget the kept months (``pengaduan.statistics.month``) whose figures the change of
        the fields ``changed`` of these complaints moves: the month of reception, the month of
        resolution."""
        moments = defaultdict(set)
        for complaint in self.sudo():
            if changed & RECEIVED_FIELDS and complaint.date_received:
                moments[complaint.company_id.id].add(complaint.date_received)
            if complaint.resolved_date:
                moments[complaint.company_id.id].add(complaint.resolved_date)
        moments.pop(False, None)
        if moments:
            self.env["pengaduan.statistics.month"]._forget(moments)

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
    def _statistics_rows(self, company, year):
        """``{(kind, year index, key): {"received", "completed", "within", "median"}}`` of the
        24 months of ``year - 1`` and ``year``, summed from each month's figures
        (``pengaduan.statistics.month._figures_of``); ``kind`` is "month" (``key`` 1..12), "year"
        (``key`` None), "channel" (a channel id) or "category" (a category id, None for no
        category); year index 0 is last year, 1 this year. The medians come from the summed
        histograms of working days, exactly as ``percentile_cont`` would give them."""
        months = [date(year - 1 + index // 12, index % 12 + 1, 1) for index in range(24)]
        figures_by_month = self.env["pengaduan.statistics.month"]._figures_of(company, months)
        rows = defaultdict(lambda: {"received": 0, "completed": 0, "within": 0, "median": None})
        histograms = defaultdict(lambda: defaultdict(int))  # {row key: {"<days>": count}}

        def add(key, figures, summed=True):
            completed, within, histogram = figures
            row = rows[key]
            row["completed"] += completed
            row["within"] += within
            if summed:
                summed_histogram = histograms[key]
                for days, count in histogram.items():
                    summed_histogram[days] += count
            else:
                row["median"] = _median({float(days): count for days, count in histogram.items()})

        for index, month in enumerate(months):
            year_index = index // 12
            received, resolved = figures_by_month[month]["received"], figures_by_month[month]["resolved"]
            for kind in ("channel", "category"):
                for name, count in received[kind].items():
                    rows[kind, year_index, self._statistics_key(kind, name)]["received"] += count
                for name, figures in resolved[kind].items():
                    add((kind, year_index, self._statistics_key(kind, name)), figures)
            if received["total"] or resolved["total"][0]:
                for key in (("month", year_index, month.month), ("year", year_index, None)):
                    rows[key]["received"] += received["total"]
                add(("month", year_index, month.month), resolved["total"], summed=False)
                add(("year", year_index, None), resolved["total"])
        for key, histogram in histograms.items():
            rows[key]["median"] = _median({float(days): count for days, count in histogram.items()})
        return rows

    @api.model
    def _statistics_key(self, kind, name):
        """The row key of a channel's or a category's name in a month's figures."""
        return (int(name) or None) if kind == "category" else int(name)

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
