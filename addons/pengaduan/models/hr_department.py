from odoo import api, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model_create_multi
    def create(self, vals_list):
        managed = any(vals.get("manager_id") for vals in vals_list)
        departments = super().create(vals_list)
        if managed:
            # the complaint record rules read the departments a user manages
            self.env.registry.clear_cache()
            self.env["res.users"].invalidate_model(["pengaduan_department_ids"])
        return departments

    def write(self, vals):
        res = super().write(vals)
        if {"manager_id", "active"} & set(vals):
            # the complaint record rules read the departments a user manages
            self.env.registry.clear_cache()
            # and the departments already computed in this transaction
            self.env["res.users"].invalidate_model(["pengaduan_department_ids"])
        return res
