from odoo import api, fields, models


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

    @api.model
    def _pengaduan_departments_changed(self):
        """The employee or department links behind ``pengaduan_department_ids`` changed: the
        complaint record rules read them, and Odoo caches rule domains (``ir.rule``, in the
        registry's default cache, which is the narrowest that holds them); the values computed in
        this transaction go too."""
        self.env.registry.clear_cache()
        self.invalidate_model(["pengaduan_department_ids"])
