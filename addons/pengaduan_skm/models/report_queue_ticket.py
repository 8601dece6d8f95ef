import base64

from odoo import api, models


class ReportQueueTicket(models.AbstractModel):
    """The walk-in ticket carries the visitor's personal survey link as a QR code: the
    complaint's invitation, made when the ticket is printed."""

    _name = "report.pengaduan.report_queue_ticket"
    _description = "Queue Ticket with the SKM Survey Link"

    @api.model
    def _get_report_values(self, docids, data=None):
        complaints = self.env["pengaduan.complaint"].browse(docids)
        complaints.check_access("read")
        urls = {inv.complaint_id.id: inv._url() for inv in complaints._pengaduan_skm_invitations()}
        barcode = self.env["ir.actions.report"].barcode
        return {
            "doc_ids": docids,
            "doc_model": "pengaduan.complaint",
            "docs": complaints,
            "data": data,
            "skm_urls": urls,
            "skm_qrs": {cid: base64.b64encode(barcode("QR", url, width=240, height=240)).decode()
                        for cid, url in urls.items()},
        }
