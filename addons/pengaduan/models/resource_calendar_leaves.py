from odoo import models


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "pengaduan.cache.mixin"]

    def _pengaduan_forget(self):
        # working time is cached per calendar (resource.calendar._pengaduan_work_intervals)
        self.env["resource.calendar"]._pengaduan_forget()
