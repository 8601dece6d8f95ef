from pytz import utc

from odoo import models, tools
from odoo.tools import SQL


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _pengaduan_work_intervals(self, begin, end, fingerprint=None):
        """Work intervals of the calendar between two naive UTC moments: attendances minus
        global leaves (public holidays, cuti bersama), as naive UTC ``(start, stop)`` pairs.

        Every complaint received on the same day asks for the same window: the answer is cached
        under a fingerprint of the data it is made of (``_pengaduan_fingerprint``, one query; a
        batch passes the one it read), so that any change to the calendar, its attendances or the
        global leaves, by any app, is seen at once without clearing any cache."""
        self.ensure_one()
        return self._pengaduan_work_intervals_cached(begin, end, fingerprint or self._pengaduan_fingerprint())

    def _pengaduan_fingerprint(self):
        """What the work intervals depend on: the calendar (its last change and time zone, the
        second item), its attendances and the leaves without a resource (count, last id and
        last change of each)."""
        self.ensure_one()
        for model in ("resource.calendar", "resource.calendar.attendance", "resource.calendar.leaves"):
            self.env[model].flush_model()
        self.env.cr.execute(SQL("""
            SELECT c.write_date, c.tz,
                   (SELECT ROW(COUNT(*), MAX(id), MAX(write_date))::text FROM resource_calendar_attendance
                     WHERE calendar_id = c.id),
                   (SELECT ROW(COUNT(*), MAX(id), MAX(write_date))::text FROM resource_calendar_leaves
                     WHERE resource_id IS NULL AND (calendar_id IS NULL OR calendar_id = c.id))
              FROM resource_calendar c WHERE c.id = %s""", self.id))
        return tuple(self.env.cr.fetchone() or ())

    @tools.ormcache("self.id", "begin", "end", "fingerprint")
    def _pengaduan_work_intervals_cached(self, begin, end, fingerprint):  # pylint: disable=unused-argument
        # fingerprint: part of the cache key only
        # sudo: public holidays are shared by every company whatever the user may read
        found = self.sudo()._work_intervals_batch(utc.localize(begin), utc.localize(end))[False]
        return tuple(
            (start.astimezone(utc).replace(tzinfo=None), stop.astimezone(utc).replace(tzinfo=None))
            for start, stop, _meta in found
        )
