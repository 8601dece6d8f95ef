from odoo.http import request, route

from odoo.addons.mail.controllers.attachment import AttachmentController
from odoo.addons.mail.tools.discuss import add_guest_to_context

from ..tools.uploads import check_upload, upload_limits

COMPLAINT_MODEL = "pengaduan.complaint"


class PengaduanAttachmentController(AttachmentController):
    """The chatter's upload on a complaint: citizens (portal users, guests, the public user)
    may only send the documents that the web form accepts (``tools.uploads.check_upload``:
    PDF, JPG, PNG, DOCX, by content, within the size limit). Officers upload as in any chatter."""

    @route()
    @add_guest_to_context
    def mail_attachment_upload(self, ufile, thread_id, thread_model, is_pending=False, **kwargs):
        if thread_model == COMPLAINT_MODEL and not request.env.user._is_internal():
            max_bytes = upload_limits(request.env)[0]
            # one byte more than the limit is enough to refuse a file: never read a huge upload whole
            data = ufile.read(max_bytes + 1)
            error = check_upload(request.env, ufile.filename, data)[1]
            if error:
                return request.make_json_response({"error": error})
            ufile.stream.seek(0)
        return super().mail_attachment_upload(ufile, thread_id, thread_model, is_pending, **kwargs)
