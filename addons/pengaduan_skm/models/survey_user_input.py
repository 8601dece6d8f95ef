from odoo import api, fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    pengaduan_skm_anonymous = fields.Boolean(
        string="Anonymous SKM Response", readonly=True, copy=False,
        help="Made by an invitation or the kiosk: no contact, no e-mail, and whoever holds its "
             "link may fill it in, logged in or not.")

    @api.model
    def _pengaduan_skm_create(self, survey):
        """A new anonymous response of ``survey`` (an invitation, the kiosk): no contact, no
        e-mail, outside Odoo's attempt limits."""
        return survey.sudo()._create_answer(check_attempts=False, pengaduan_skm_anonymous=True)

    def _pengaduan_skm_start_path(self):
        """The survey's start page with this response's token."""
        self.ensure_one()
        return f"/survey/start/{self.survey_id.access_token}?answer_token={self.access_token}"
