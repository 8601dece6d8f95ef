from pytz import utc

from odoo import api, models, tools


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    @tools.ormcache("self.id", "begin", "end")
    def _pengaduan_work_intervals(self, begin, end):
        """Work intervals of the calendar between two naive UTC moments: attendances minus
        global leaves (public holidays, cuti bersama), as naive UTC ``(start, stop)`` pairs.

        Cached: every complaint received on the same day asks for the same window. Any change
        to a calendar, an attendance or a leave clears the cache (see ``_pengaduan_clear``)."""
        self.ensure_one()
        # sudo: public holidays are shared by every company whatever the user may read
        found = self.sudo()._work_intervals_batch(utc.localize(begin), utc.localize(end))[False]
        return tuple(
            (start.astimezone(utc).replace(tzinfo=None), stop.astimezone(utc).replace(tzinfo=None))
            for start, stop, _meta in found
        )

    @api.model
    def _pengaduan_clear(self):
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        self._pengaduan_clear()
        return super().create(vals_list)

    def write(self, vals):
        self._pengaduan_clear()
        return super().write(vals)

    def unlink(self):
        self._pengaduan_clear()
        return super().unlink()
