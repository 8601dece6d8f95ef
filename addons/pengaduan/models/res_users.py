from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    pengaduan_department_ids = fields.Many2many(
        "hr.department", compute="_compute_pengaduan_department_ids",
        string="Complaint Departments",
        help="Departments whose complaints this user handles: the department of the user's "
        "employee records and the departments the user manages.",
    )

    def _compute_pengaduan_department_ids(self):
        # one query for both relations, whatever the number of users
        employees = self.env["hr.employee"].sudo().with_context(active_test=False).search([
            ("user_id", "in", self.ids),
        ])
        managed = self.env["hr.department"].sudo().search([("manager_id", "in", employees.ids)])
        for user in self:
            own = employees.filtered(lambda e, u=user: e.user_id == u)
            user.pengaduan_department_ids = own.department_id | managed.filtered(
                lambda d, own=own: d.manager_id in own
            )
