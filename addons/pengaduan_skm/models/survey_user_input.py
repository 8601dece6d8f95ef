from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    pengaduan_skm_anonymous = fields.Boolean(
        string="Anonymous SKM Response", readonly=True, copy=False,
        help="Made by an invitation or the kiosk: no contact, no e-mail, and whoever holds its "
             "link may fill it in, logged in or not.")
