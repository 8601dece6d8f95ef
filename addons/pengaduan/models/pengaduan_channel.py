from odoo import api, fields, models

SLA_UNITS = [
    ("minutes", "Minutes (working time)"),
    ("hours", "Hours (working time)"),
    ("working_days", "Working days"),
    ("days", "Calendar days"),
]


def standard_text(env, value, unit):
    """A service standard as the public pages print it: "5 working days" (in ``env``'s language)."""
    units = {
        "minutes": env._("minutes"),
        "hours": env._("working hours"),
        "working_days": env._("working days"),
        "days": env._("days"),
    }
    return f"{value} {units[unit]}"


class PengaduanChannel(models.Model):
    _name = "pengaduan.channel"
    _description = "Complaint Channel"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short technical code, e.g. EMAIL, WALKIN, LAPOR.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_direct = fields.Boolean(
        string="Direct Channel",
        help="Direct channels (walk-in, telephone) are answered face to face; "
        "indirect ones (letter, e-mail, social media) in writing.",
    )
    issue_queue_number = fields.Boolean(
        string="Queue Numbers",
        help="Complaints of this channel get a daily queue number (walk-in desk), printable on an 80 mm ticket.",
    )
    response_time = fields.Integer(
        default=2, required=True,
        help="Time allowed for the first response to a complaint received through this channel.",
    )
    response_unit = fields.Selection(SLA_UNITS, string="Response Time Unit", default="working_days", required=True)
    company_id = fields.Many2one("res.company", index=True)
    complaint_count = fields.Integer(compute="_compute_complaint_count", string="Complaints")

    _code_company_uniq = models.Constraint(
        "UNIQUE(code, company_id)",
        "The channel code must be unique per company.",
    )
    _response_time_positive = models.Constraint(
        "CHECK(response_time > 0)",
        "The response time must be greater than zero.",
    )

    @api.depends_context("company")
    def _compute_complaint_count(self):
        counts = dict(self.env["pengaduan.complaint"]._read_group(
            [("channel_id", "in", self.ids)], ["channel_id"], ["__count"],
        ))
        for channel in self:
            channel.complaint_count = counts.get(channel, 0)

    def _public_standard(self):
        """The first-response standard of the channel as the public pages print it."""
        self.ensure_one()
        return standard_text(self.env, self.response_time, self.response_unit)
