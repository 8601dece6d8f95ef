from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pengaduan_skm_survey_id = fields.Many2one(
        "survey.survey", string="Satisfaction Survey (SKM)", domain=[("access_mode", "=", "public")],
        help="The survey complainants and walk-in visitors are invited to: a personal link e-mailed "
             "when the complaint is answered or closed and shown on the complaint's page, the QR code "
             "on the queue ticket, and the kiosk page /skm/isi. Empty: the standard SKM questionnaire.")

    def _pengaduan_skm_survey(self):
        """The office's SKM survey, open for answers, or an empty recordset: nobody is invited."""
        self.ensure_one()
        survey = self.sudo().pengaduan_skm_survey_id or self.env.ref(
            "pengaduan_skm.survey_skm", raise_if_not_found=False)
        survey = survey.sudo() if survey else self.env["survey.survey"].sudo()
        return survey if survey.active and survey.access_mode == "public" else survey.browse()
