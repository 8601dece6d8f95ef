from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        # no seam: company_id is computed and ignores a context default. A national holiday
        # entered in Pengaduan's list is every office's, like the shipped ones (a plain write,
        # with the user's own rights: the context key grants nothing)
        if self.env.context.get("pengaduan_public_holiday"):
            leaves.filtered(lambda leave: not leave.calendar_id and not leave.resource_id).write(
                {"company_id": False})
        return leaves
