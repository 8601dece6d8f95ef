from odoo import api, fields, models

# Step standards of Dukcapil Kota Pasuruan for direct (walk-in) complaints, in minutes
WALKIN_STEPS = [
    ("submit", "Complaint submitted", 2),
    ("receive", "Received, complaint form written and forwarded", 2),
    ("analyse", "Analysed and solution given", 10),
    ("decide", "Follow-up decided or forwarded to the technical official", 5),
    ("result", "Result received by the complainant", 5),
]
STANDARD_MINUTES = {code: minutes for code, _label, minutes in WALKIN_STEPS}


class PengaduanWalkinStep(models.Model):
    """One step of a walk-in complaint, timed against its service standard."""

    _name = "pengaduan.walkin.step"
    _description = "Walk-in Complaint Step"
    _order = "complaint_id, sequence"

    complaint_id = fields.Many2one("pengaduan.complaint", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    sequence = fields.Integer(required=True)
    step = fields.Selection([(code, label) for code, label, _minutes in WALKIN_STEPS], required=True)
    standard_minutes = fields.Integer(string="Standard (minutes)", required=True)
    date_start = fields.Datetime(string="Started")
    date_done = fields.Datetime(string="Done")
    user_id = fields.Many2one("res.users", string="Done By")
    duration_minutes = fields.Float(string="Duration (minutes)", compute="_compute_duration", store=True)
    met = fields.Boolean(string="Standard Met", compute="_compute_duration", store=True)

    @api.depends("date_start", "date_done", "standard_minutes")
    def _compute_duration(self):
        for step in self:
            if step.date_start and step.date_done:
                step.duration_minutes = (step.date_done - step.date_start).total_seconds() / 60
                step.met = step.duration_minutes <= step.standard_minutes
            else:
                step.duration_minutes = 0
                step.met = False
