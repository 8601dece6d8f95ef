from odoo import http
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey

KIOSK_COOKIE = "pengaduan_skm_kiosk"


class PengaduanSkmWebsite(http.Controller):
    """Thin: the published figures are the model's (``pengaduan.skm.period._public_index``),
    the kiosk's responses the survey's (``pengaduan.skm.period._kiosk_start``)."""

    @http.route("/skm", type="http", auth="public", website=True, methods=["GET"], sitemap=True, readonly=True)
    def skm_index(self, **kwargs):
        periods = request.env["pengaduan.skm.period"]._public_index()
        return request.render("pengaduan_skm.skm_public_index", {"periods": periods})

    @http.route("/skm/isi", type="http", auth="public", website=True, methods=["GET"], sitemap=False)
    def skm_kiosk(self, **kwargs):
        survey = request.website.company_id._pengaduan_skm_survey()
        response = request.render("pengaduan_skm.skm_kiosk", {
            "survey_title": survey.title if survey else None,
            "office": request.website.company_id.name,
        })
        # the survey's "thank you" page offers the next respondent a fresh start
        response.set_cookie(KIOSK_COOKIE, "1", max_age=60 * 60 * 12)
        return response

    @http.route("/skm/isi", type="http", auth="public", website=True, methods=["POST"])
    def skm_kiosk_start(self, **kwargs):
        """A fresh anonymous response for the next visitor at the counter, never the one the
        tablet's survey cookie would resume."""
        url = request.env["pengaduan.skm.period"]._kiosk_start(request.website.company_id)
        return request.redirect(url or "/skm/isi", local=True)


class PengaduanSkmSurvey(Survey):

    def _check_validity(self, survey_sudo, answer_sudo, answer_token, ensure_token=True, check_partner=True):
        """An anonymous SKM response (invitation, kiosk) has no contact by design: whoever holds
        its token fills it in, also while logged in (a complainant on the portal, an officer's
        tablet), where Odoo would refuse an answer whose contact is not the user's."""
        if answer_sudo and answer_token and answer_sudo.pengaduan_skm_anonymous and not answer_sudo.partner_id:
            check_partner = False
        return super()._check_validity(survey_sudo, answer_sudo, answer_token, ensure_token=ensure_token,
                                       check_partner=check_partner)
