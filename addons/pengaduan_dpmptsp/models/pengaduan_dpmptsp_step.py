from odoo import fields, models

STAGES = [
    ("intake", "Completeness Check"),
    ("incomplete", "Incomplete (Returned)"),
    ("verification", "Verification by the Analyst"),
    ("study", "Study and Solution"),
    ("draft", "Draft Berita Acara"),
    ("paraf_kabid", "Paraf of the Kabid"),
    ("paraf_sekretaris", "Paraf of the Sekretaris"),
    ("signature", "Signature of the Kepala Dinas"),
    ("front_office", "At the Front Office"),
    ("handed", "Handed to the Complainant"),
]
STEPS = [
    ("check_incomplete", "Checked: incomplete"),
    ("check_complete", "Checked: complete"),
    ("verify", "Verified"),
    ("study", "Studied, solution formulated"),
    ("draft", "Draft submitted"),
    ("paraf_kabid", "Paraf of the Kabid"),
    ("paraf_sekretaris", "Paraf of the Sekretaris"),
    ("sign", "Signed by the Kepala Dinas"),
    ("number", "Numbered"),
    ("front_office", "Sent to the front office"),
    ("hand_over", "Handed to the complainant"),
    ("send_back", "Sent back"),
]


class PengaduanDpmptspStep(models.Model):
    """One step of the DPMPTSP flow: who did what, when, with which comment."""

    _name = "pengaduan.dpmptsp.step"
    _description = "DPMPTSP Flow Step"
    _order = "complaint_id, date, id"

    complaint_id = fields.Many2one("pengaduan.complaint", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    step = fields.Selection(STEPS, required=True, readonly=True)
    stage_from = fields.Selection(STAGES, string="From Stage", readonly=True)
    stage_to = fields.Selection(STAGES, string="To Stage", readonly=True)
    user_id = fields.Many2one("res.users", string="By", required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True)
    comment = fields.Text(readonly=True)
