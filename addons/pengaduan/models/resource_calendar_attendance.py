from odoo import models


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "pengaduan.cache.mixin"]

    def _pengaduan_forget(self):
        # working time is cached per calendar (resource.calendar._pengaduan_work_intervals)
        self.env["resource.calendar"]._pengaduan_forget()
