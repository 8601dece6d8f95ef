from pytz import utc

from odoo import models, tools


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "pengaduan.cache.mixin"]

    @tools.ormcache("self.id", "begin", "end")
    def _pengaduan_work_intervals(self, begin, end):
        """Work intervals of the calendar between two naive UTC moments: attendances minus
        global leaves (public holidays, cuti bersama), as naive UTC ``(start, stop)`` pairs.

        Cached: every complaint received on the same day asks for the same window. Any change
        to a calendar, an attendance or a leave clears the cache (``pengaduan.cache.mixin``)."""
        self.ensure_one()
        # sudo: public holidays are shared by every company whatever the user may read
        found = self.sudo()._work_intervals_batch(utc.localize(begin), utc.localize(end))[False]
        return tuple(
            (start.astimezone(utc).replace(tzinfo=None), stop.astimezone(utc).replace(tzinfo=None))
            for start, stop, _meta in found
        )

    def _pengaduan_forget(self):
        self.env.registry.clear_cache()
