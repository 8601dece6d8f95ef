from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.pengaduan.tools.nik import nik_birth_info, nik_problem

from .pengaduan_walkin_step import WALKIN_STEPS


class PengaduanComplaint(models.Model):
    _inherit = "pengaduan.complaint"

    # personal data read from the NIK: for the complaint officers only, like the NIK itself
    nik_birth_date = fields.Date(string="Birth Date (from NIK)", compute="_compute_nik_info", compute_sudo=True,
                                 groups="pengaduan.group_officer")
    nik_sex = fields.Selection([("male", "Male"), ("female", "Female")], string="Sex (from NIK)",
                               compute="_compute_nik_info", compute_sudo=True, groups="pengaduan.group_officer")
    nik_region = fields.Selection(
        [("local", "This region"), ("outside", "Outside the region")], string="NIK Region",
        compute="_compute_nik_info", compute_sudo=True,
        help="Whether the NIK was issued in the office's region (company region code).",
    )
    walkin_step_ids = fields.One2many("pengaduan.walkin.step", "complaint_id", string="Walk-in Steps")
    walkin_step_current = fields.Selection(
        [(code, label) for code, label, _minutes in WALKIN_STEPS], string="Current Step",
        compute="_compute_walkin_step_current",
    )

    @api.depends("nik", "company_id.dukcapil_region_code")
    def _compute_nik_info(self):
        for complaint in self:
            complaint.nik_birth_date = complaint.nik_sex = complaint.nik_region = False
            if not complaint.nik or nik_problem(complaint.nik):
                continue
            day, month, year, female = nik_birth_info(complaint.nik)
            today = fields.Date.context_today(complaint)
            century = 2000 if 2000 + year <= today.year else 1900
            complaint.nik_birth_date = date(century + year, month, day)
            complaint.nik_sex = "female" if female else "male"
            region = complaint.company_id.dukcapil_region_code
            if region:
                complaint.nik_region = "local" if complaint.nik.startswith(region) else "outside"

    @api.depends("walkin_step_ids.date_done")
    def _compute_walkin_step_current(self):
        for complaint in self:
            todo = complaint.walkin_step_ids.filtered(lambda s: not s.date_done)
            complaint.walkin_step_current = todo[:1].step

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        walkins = complaints.filtered(lambda c: c.channel_id == self.env.ref("pengaduan.channel_walkin"))
        self.env["pengaduan.walkin.step"].sudo().create([
            {
                "complaint_id": complaint.id,
                "sequence": index,
                "step": code,
                "standard_minutes": minutes,
                "date_start": complaint.date_received if index == 1 else False,
            }
            for complaint in walkins
            for index, (code, _label, minutes) in enumerate(WALKIN_STEPS, 1)
        ])
        return complaints

    def action_walkin_next_step(self):
        """Close the current walk-in step now and start the next one."""
        self._check_groups("pengaduan.group_handler")
        self.check_access("write")
        now = fields.Datetime.now()
        for complaint in self:
            todo = complaint.walkin_step_ids.sorted("sequence").filtered(lambda s: not s.date_done)
            if not todo:
                raise UserError(self.env._("All walk-in steps of %s are done.", complaint.number))
            todo[0].sudo().write({"date_done": now, "user_id": self.env.uid,
                                  "date_start": todo[0].date_start or now})
            if len(todo) > 1:
                todo[1].sudo().date_start = now
        return True

    def action_dispose_to_complaint_unit(self):
        """Dumai flow: the head disposes the registered complaint to the complaint unit for study."""
        self._check_groups("pengaduan.group_head", "pengaduan.group_officer")
        for complaint in self:
            unit = complaint.company_id.pengaduan_complaint_unit_id
            if not unit:
                raise UserError(self.env._("Set the complaint unit in Pengaduan settings first."))
            self.env["pengaduan.disposition"].create({
                "complaint_id": complaint.id,
                "to_department_id": unit.id,
                "instruction": "study",
                "note": self.env._("Please study the complaint and report the solution."),
            })
        return True
