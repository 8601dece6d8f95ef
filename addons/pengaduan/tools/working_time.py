"""Working-time arithmetic on a ``resource.calendar``.

The calendar's work intervals (attendances minus global leaves, i.e. public
holidays and cuti bersama) are read once for a window and extended lazily, so
computing the deadlines of a whole batch of complaints costs a handful of
queries instead of several per complaint.

All datetimes going in and out are naive UTC, like Odoo's ``fields.Datetime``.
"""

from bisect import bisect_right
from datetime import timedelta
from operator import itemgetter

from pytz import timezone, utc

CHUNK = timedelta(days=62)
# The first fetch is short: one complaint needs at most a few weeks (the longest standard
# standards are days, not months), and building a calendar's intervals costs time per day fetched.
FIRST_CHUNK = timedelta(days=24)
# Never look further than this for working time (protects against a calendar
# without attendances, which would otherwise loop forever).
HORIZON = timedelta(days=3 * 366)


def _window_start(moment):
    """Midnight (UTC) of the day before ``moment``: where a window of work intervals starts."""
    return (moment - timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)


class WorkingTime:
    """Work intervals of one calendar, fetched in chunks and cached."""

    def __init__(self, calendar, start):
        calendar.ensure_one()
        self.calendar = calendar
        self.start = self.end = _window_start(start)
        self.intervals = []  # sorted list of (start, stop) in naive UTC
        self.fingerprint = None  # of the calendar's data, read once for this batch
        self.tz = None  # the calendar's time zone, read with the fingerprint

    # -- internals ---------------------------------------------------------
    def _extend(self, moment):
        """Fetch the next chunk of work intervals. Return False past the horizon (counted
        from ``moment``, where the search started: a batch whose window has grown over years,
        e.g. the resolutions of complaints received years apart, still searches forward)."""
        if self.end - _window_start(moment) > HORIZON:
            return False
        begin = self.end
        end = begin + (FIRST_CHUNK if begin == self.start else CHUNK)
        # cached per calendar and window: windows start at midnight, so the complaints of a day share them
        if self.fingerprint is None:
            self.fingerprint = self.calendar._pengaduan_fingerprint()
            self.tz = timezone(self.fingerprint[1] or "UTC") if len(self.fingerprint) > 1 else None
        for start, stop in self.calendar._pengaduan_work_intervals(begin, end, self.fingerprint):
            if self.intervals and start <= self.intervals[-1][1]:
                # merge with an interval cut at the previous chunk's border
                self.intervals[-1] = (self.intervals[-1][0], max(stop, self.intervals[-1][1]))
            else:
                self.intervals.append((start, stop))
        self.end = end
        return True

    def _iter_from(self, moment):
        """Yield work intervals (start, stop) that end after ``moment``."""
        if moment < self.start or moment > self.end:
            # outside the cached window (going back in time, or jumping past it,
            # e.g. complaints received years apart): restart the cache from there,
            # so that the horizon counts from ``moment`` and not from the first start
            self.start = self.end = _window_start(moment)
            self.intervals = []
        # the intervals do not overlap: their stops are sorted like their starts
        index = bisect_right(self.intervals, moment, key=itemgetter(1))
        while True:
            while index < len(self.intervals):
                start, stop = self.intervals[index]
                index += 1
                if stop > moment:
                    yield start, stop
            if not self._extend(moment):
                raise ValueError(self.calendar.env._(
                    "The working calendar %(calendar)s has no working time after %(date)s.",
                    calendar=self.calendar.display_name, date=moment,
                ))

    # -- public API ----------------------------------------------------------
    def add_hours(self, moment, hours):
        """Return the moment ``hours`` of working time after ``moment``."""
        if hours <= 0:
            return moment
        remaining = timedelta(hours=hours)
        for start, stop in self._iter_from(moment):
            start = max(start, moment)
            if remaining <= stop - start:
                return start + remaining
            remaining -= stop - start
        return moment  # unreachable: _iter_from raises past the horizon

    def add_working_days(self, moment, days):
        """Return the close of business of the ``days``-th full working day after ``moment``.

        A working day counts when its working time starts at or after ``moment``:
        a complaint received on Monday at 10:00 with 1 working day is due on
        Tuesday at closing time; one received on Saturday is due on Monday.
        """
        if days <= 0:
            return moment
        counted, current_day, day_counts, day_end = 0, None, False, None
        # start a day early to see the first interval of the day under way
        for start, stop in self._iter_from(moment - timedelta(days=1)):
            day = self._local_date(start)
            if day != current_day:
                if day_counts:
                    counted += 1
                    if counted == days:
                        return day_end
                current_day, day_counts = day, start >= moment
            day_end = stop
        return day_end

    def hours_between(self, begin, end):
        """Working hours between two moments (0 when ``end`` <= ``begin``)."""
        if end <= begin:
            return 0.0
        total = timedelta()
        for start, stop in self._iter_from(begin):
            if start >= end:
                break
            total += min(stop, end) - max(start, begin)
        return total.total_seconds() / 3600

    def _local_date(self, moment):
        if self.tz is None:
            self.tz = timezone(self.calendar.tz or "UTC")
        return utc.localize(moment).astimezone(self.tz).date()
