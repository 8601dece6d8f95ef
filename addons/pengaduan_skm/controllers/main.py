from odoo import http
from odoo.http import request


class PengaduanSkmWebsite(http.Controller):
    """Thin: the published figures are the model's (``pengaduan.skm.period._public_index``)."""

    @http.route("/skm", type="http", auth="public", website=True, methods=["GET"], sitemap=True)
    def skm_index(self, **kwargs):
        periods = request.env["pengaduan.skm.period"]._public_index()
        return request.render("pengaduan_skm.skm_public_index", {"periods": periods})
