from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .pengaduan_channel import SLA_UNITS, standard_text


class PengaduanCategory(models.Model):
    _name = "pengaduan.category"
    _description = "Complaint Category"
    _inherit = ["mail.alias.mixin.optional"]
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("pengaduan.category", string="Parent Category", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("pengaduan.category", "parent_id", string="Subcategories")
    sla_value = fields.Integer(
        string="Resolution Time", default=5, required=True,
        help="Service standard for resolving a complaint of this category. "
        "Complaints without a category use the company default.",
    )
    sla_unit = fields.Selection(SLA_UNITS, string="Resolution Time Unit", default="working_days", required=True)
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", check_company=True,
        help="Department that handles complaints of this category by default.",
    )
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sla_value_positive = models.Constraint(
        "CHECK(sla_value > 0)",
        "The resolution time of a category must be greater than zero.",
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = f"{category.parent_id.complete_name} / {category.name}"
            else:
                category.complete_name = category.name

    def _public_standard(self):
        """The service standard of the category as the public pages print it (e.g. "5 hari kerja")."""
        self.ensure_one()
        return standard_text(self.env, self.sla_value, self.sla_unit)

    def _alias_get_creation_values(self):
        """A category may have its own address: its mail becomes complaints of that category."""
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("pengaduan.complaint")
        if self.id:
            defaults = {"category_id": self.id}
            if self.company_id:
                defaults["company_id"] = self.company_id.id
            channel = self.env.ref("pengaduan.channel_email", raise_if_not_found=False)
            if channel:
                defaults["channel_id"] = channel.id
            values["alias_defaults"] = repr(defaults)
            values["alias_contact"] = "everyone"
        return values

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A category cannot be its own parent."))
