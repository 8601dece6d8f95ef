from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools.nik import mask_nik


class PengaduanPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pengaduan_count" in counters:
            Complaint = request.env["pengaduan.complaint"]
            values["pengaduan_count"] = Complaint.search_count([]) if Complaint.has_access("read") else 0
        return values

    @http.route(["/my/pengaduan", "/my/pengaduan/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_complaints(self, page=1, **kwargs):
        Complaint = request.env["pengaduan.complaint"]
        if not Complaint.has_access("read"):
            return request.redirect("/my")
        total = Complaint.search_count([])
        pager = portal_pager(url="/my/pengaduan", total=total, page=page, step=self._items_per_page)
        complaints = Complaint.search([], order="date_received desc, id desc", limit=self._items_per_page,
                                      offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update({
            "complaints": complaints, "pager": pager, "page_name": "pengaduan",
            "default_url": "/my/pengaduan",
        })
        return request.render("pengaduan.portal_my_complaints", values)

    @http.route(["/my/pengaduan/<int:complaint_id>"], type="http", auth="public", website=True)
    def portal_my_complaint(self, complaint_id, access_token=None, **kwargs):
        try:
            complaint = self._document_check_access("pengaduan.complaint", complaint_id, access_token)
        except (AccessError, MissingError) as error:
            # someone else's complaint: nothing of it is shown
            raise request.not_found() from error
        values = self._get_page_view_values(complaint, access_token, {
            "complaint": complaint,
            "page_name": "pengaduan",
            "masked_nik": mask_nik(complaint.nik),
            "rating_token": complaint.state in ("answered", "closed") and complaint.partner_id
            and complaint._rating_get_access_token(),
        }, "my_pengaduan_history", False)
        return request.render("pengaduan.portal_my_complaint", values)
