from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.nik import format_nip, nip_problem


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    nip = fields.Char(string="NIP", groups="hr.group_hr_user,pengaduan.group_handler",
                      help="Nomor Induk Pegawai: 18 digits (birth date, start of service, sex, serial).")
    pangkat_golongan = fields.Char(string="Rank (Pangkat/Golongan)",
                                   groups="hr.group_hr_user,pengaduan.group_handler",
                                   help="e.g. Pembina Utama Muda (IV/c)")

    @api.constrains("nip")
    def _check_nip(self):
        messages = {
            "format": self.env._("The NIP must be exactly 18 digits."),
            "birth_date": self.env._("The NIP starts with an impossible birth date."),
            "start_date": self.env._("The NIP contains an impossible start of service."),
            "sex": self.env._("The 15th digit of the NIP must be 1 (man) or 2 (woman)."),
            "serial": self.env._("The NIP serial number cannot be 000."),
        }
        for employee in self:
            if employee.nip and (problem := nip_problem(employee.nip)):
                raise ValidationError(self.env._("Invalid NIP %(nip)s: %(reason)s",
                                                 nip=employee.nip, reason=messages[problem]))

    def _pengaduan_nip_display(self):
        """The NIP as official letters print it: ``19620820 198301 1 001``."""
        self.ensure_one()
        return format_nip(self.sudo().nip)

    # The complaint record rules read the user's departments from the employee
    # records: cached rule domains (and the departments computed in this
    # transaction) must go when those links change.

    @api.model_create_multi
    def create(self, vals_list):
        # tested before super(), which pops user_id from the values (resource.mixin)
        linked = any(vals.get("user_id") for vals in vals_list)
        employees = super().create(vals_list)
        if linked:
            self.env["res.users"]._pengaduan_departments_changed()
        return employees

    def write(self, vals):
        res = super().write(vals)
        if {"department_id", "user_id", "active"} & set(vals):
            self.env["res.users"]._pengaduan_departments_changed()
        return res

    def unlink(self):
        linked = any(self.sudo().mapped("user_id"))
        res = super().unlink()
        if linked:
            self.env["res.users"]._pengaduan_departments_changed()
        return res


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Users without HR rights read employees through their public profile, and
    # hr.employee refuses any field they may read that the profile lacks: without
    # these, a handler reading any employee field (a department's manager, a
    # signatory) got an AccessError on nip and pangkat_golongan.
    nip = fields.Char(string="NIP", readonly=True, groups="hr.group_hr_user,pengaduan.group_handler")
    pangkat_golongan = fields.Char(string="Rank (Pangkat/Golongan)", readonly=True,
                                   groups="hr.group_hr_user,pengaduan.group_handler")
