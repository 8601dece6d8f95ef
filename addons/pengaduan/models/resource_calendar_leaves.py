from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "pengaduan.cache.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if self.env.context.get("pengaduan_public_holiday"):
            # a national holiday entered in Pengaduan's list is every office's, like the shipped ones
            leaves.filtered(lambda leave: not leave.calendar_id and not leave.resource_id).write(
                {"company_id": False})
        return leaves

    def _pengaduan_forget(self):
        # working time is cached per calendar (resource.calendar._pengaduan_work_intervals)
        self.env["resource.calendar"]._pengaduan_forget()
