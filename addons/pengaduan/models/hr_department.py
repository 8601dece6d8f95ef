from odoo import models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    def write(self, vals):
        res = super().write(vals)
        if {"manager_id", "active"} & set(vals):
            # the complaint record rules read the departments a user manages
            self.env.registry.clear_cache()
        return res
