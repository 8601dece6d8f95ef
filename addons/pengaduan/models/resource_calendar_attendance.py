from odoo import api, models


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    # working time is cached per calendar (resource.calendar._pengaduan_work_intervals)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["resource.calendar"]._pengaduan_clear()
        return super().create(vals_list)

    def write(self, vals):
        self.env["resource.calendar"]._pengaduan_clear()
        return super().write(vals)

    def unlink(self):
        self.env["resource.calendar"]._pengaduan_clear()
        return super().unlink()
