from odoo import api, models


class HrDepartment(models.Model):
    """A department's manager handles its complaints: the record rules read it (through
    ``res.users.pengaduan_department_ids``), so a change of manager reaches them at once."""

    _inherit = "hr.department"

    @api.model_create_multi
    def create(self, vals_list):
        managed = any(vals.get("manager_id") for vals in vals_list)
        departments = super().create(vals_list)
        if managed:
            self.env["res.users"]._pengaduan_departments_changed()
        return departments

    def write(self, vals):
        res = super().write(vals)
        if {"manager_id", "active"} & set(vals):
            self.env["res.users"]._pengaduan_departments_changed()
        return res
