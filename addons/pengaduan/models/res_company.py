from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.lang import indonesian_or_current
from .pengaduan_channel import SLA_UNITS


class ResCompany(models.Model):
    _inherit = "res.company"

    pengaduan_calendar_id = fields.Many2one(
        "resource.calendar", string="Complaint Service Hours",
        help="Working calendar used for complaint deadlines. Public holidays and cuti bersama "
        "are global leaves of the calendars. Defaults to the company's working hours.",
    )
    pengaduan_resolution_time = fields.Integer(
        string="Default Resolution Time", default=5,
        help="Resolution standard for complaints without a category.",
    )
    pengaduan_resolution_unit = fields.Selection(
        SLA_UNITS, string="Default Resolution Time Unit", default="working_days",
    )
    pengaduan_risk_ratio = fields.Float(
        string="At-Risk Threshold", default=0.25,
        help="A complaint is at risk when less than this share of its time is left (0.25 = 25 %).",
    )
    pengaduan_head_user_id = fields.Many2one(
        "res.users", string="Head of Office",
        help="Kepala Dinas: receives the escalation of overdue complaints.",
    )
    pengaduan_government_name = fields.Char(
        string="Government (Letterhead)",
        help="First line of the letterhead, above the office name: the regional government the office "
        "belongs to, e.g. PEMERINTAH KOTA DUMAI. Empty: the parent company's name.",
    )
    pengaduan_mailbox_ids = fields.One2many("pengaduan.mailbox", "company_id", string="Complaint Mailbox")
    pengaduan_alias_id = fields.Many2one(
        "mail.alias", string="Complaint Alias", compute="_compute_pengaduan_alias_id", store=True,
        help="E-mail address of the office's complaint desk (e.g. pengaduan@dukcapil.example.go.id): "
        "every message to it becomes a complaint of this company.",
    )
    pengaduan_retention_days = fields.Integer(
        string="Personal Data Retention (days)", default=1826,
        help="Days after the closing of a complaint after which the complainant's personal data are "
        "erased by a scheduled action (the statistics stay). 0: kept until erased by hand.",
    )
    pengaduan_mail_max_age_days = fields.Integer(
        string="Oldest Accepted E-mail Date (days)", default=30,
        help="An e-mail whose Date header is older than this (or in the future, or before the office "
        "existed) is taken as received when it arrived.",
    )
    pengaduan_require_statement = fields.Boolean(
        string="Require Statement of Truth",
        help="Complainants must declare that their complaint is true (Surat Pernyataan Kebenaran Aduan).",
    )

    @api.constrains("pengaduan_resolution_time", "pengaduan_risk_ratio", "pengaduan_retention_days",
                    "pengaduan_mail_max_age_days")
    def _check_pengaduan_sla(self):
        for company in self:
            if company.pengaduan_resolution_time <= 0:
                raise ValidationError(self.env._("The default resolution time must be greater than zero."))
            if not 0 < company.pengaduan_risk_ratio < 1:
                raise ValidationError(self.env._("The at-risk threshold must be between 0 and 1 (e.g. 0.25)."))
            if company.pengaduan_retention_days < 0 or company.pengaduan_mail_max_age_days < 1:
                raise ValidationError(self.env._(
                    "The retention period cannot be negative and the oldest accepted e-mail date is at "
                    "least one day."))

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._pengaduan_ensure_alias()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if "alias_domain_id" in vals:
            self._pengaduan_ensure_alias()
        return res

    @api.depends("pengaduan_mailbox_ids.alias_id")
    def _compute_pengaduan_alias_id(self):
        # stored: read with the company wherever an answer's Reply-To is made
        for company in self:
            company.pengaduan_alias_id = company.pengaduan_mailbox_ids[:1].alias_id

    def _pengaduan_ensure_alias(self):
        """Give each company its complaint mailbox, on the company's alias domain. A company
        whose alias predates the mailboxes keeps it (the same address, the same record)."""
        Mailbox = self.env["pengaduan.mailbox"].sudo()
        mailboxes = Mailbox.search([("company_id", "in", self.ids)])
        for mailbox in mailboxes.filtered(lambda m: m.alias_domain_id != m.company_id.alias_domain_id):
            company = mailbox.company_id
            # the same name on the new domain, unless another alias has it there
            mailbox.write({
                "alias_domain_id": company.alias_domain_id.id,
                "alias_name": Mailbox._free_alias_name(company, mailbox.alias_name or "pengaduan"),
            })
        Mailbox.create([
            {"company_id": company.id, "alias_id": company.sudo().pengaduan_alias_id.id}
            if company.sudo().pengaduan_alias_id
            else {"company_id": company.id, "alias_name": Mailbox._free_alias_name(company)}
            for company in self - mailboxes.company_id
        ])

    def _pengaduan_calendar(self):
        self.ensure_one()
        return (
            self.pengaduan_calendar_id
            or self.resource_calendar_id
            or self.env.ref("pengaduan.resource_calendar_office", raise_if_not_found=False)
        )

    def _pengaduan_tz(self):
        """The office's time zone (its calendar's; Western Indonesia when none is set)."""
        self.ensure_one()
        return self._pengaduan_calendar().tz or "Asia/Jakarta"

    def _pengaduan_local_date(self, moment=None):
        """The office's date (its calendar's time zone) at ``moment`` (naive UTC; default now)."""
        self.ensure_one()
        tz = self._pengaduan_tz()
        return fields.Datetime.context_timestamp(self.with_context(tz=tz), moment or fields.Datetime.now()).date()

    def _pengaduan_government_line(self):
        """First line of the letterhead (kop surat)."""
        self.ensure_one()
        return self.pengaduan_government_name or self.parent_id.name or ""

    def _pengaduan_head_employee(self):
        """The head of office's employee record in this company (signatory of the office's letters)."""
        self.ensure_one()
        employees = self.sudo().pengaduan_head_user_id.employee_ids
        return employees.filtered(lambda employee: employee.company_id == self)[:1] or employees[:1]

    def _pengaduan_letter_lang(self):
        """Official letters and sheets are in Indonesian whoever prints them (when installed)."""
        return indonesian_or_current(self.env)
