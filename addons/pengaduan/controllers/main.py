import re

from markupsafe import Markup, escape

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import plaintext2html
from odoo.tools.mail import email_normalize
from odoo.tools.mimetypes import guess_mimetype

from ..tools.gateway_memo import gateway_memo
from ..tools.nik import nik_problem

# the only fields a visitor can set; everything else (handler, department, state,
# company, deadlines, ...) is decided by the office
FORM_FIELDS = ("reporter_name", "reporter_email", "reporter_phone", "nik", "category_id", "name",
               "description", "anonymity", "statement_true")
ALLOWED_MIMETYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}
HONEYPOT_FIELD = "website_url"
MB = 1024 * 1024


def _param(name, default):
    try:
        return int(request.env["ir.config_parameter"].sudo().get_param(name, default))
    except (TypeError, ValueError):
        return default


def _client_ip():
    return request.httprequest.remote_addr or "unknown"


def _digits(value):
    return re.sub(r"\D", "", value or "")


class PengaduanWebsite(http.Controller):
    # ------------------------------------------------------------------
    # Public complaint form
    # ------------------------------------------------------------------
    def _form_values(self, values=None, errors=None):
        company = request.website.company_id
        categories = request.env["pengaduan.category"].sudo().search([
            ("company_id", "in", [False, company.id]), ("child_ids", "=", False),
        ])
        return {
            "categories": categories,
            "values": values or {},
            "errors": errors or [],
            "require_statement": company.pengaduan_require_statement,
            "max_mb": _param("pengaduan.attachment_max_mb", 10),
            "honeypot_field": HONEYPOT_FIELD,
        }

    @http.route("/pengaduan", type="http", auth="public", website=True, methods=["GET"], sitemap=True)
    def complaint_form(self, **kwargs):
        return request.render("pengaduan.website_complaint_form", self._form_values())

    @http.route("/pengaduan", type="http", auth="public", website=True, methods=["POST"])
    def complaint_submit(self, **post):
        values = {key: (post.get(key) or "").strip() for key in FORM_FIELDS if isinstance(post.get(key), str)}
        errors, attachments = [], []
        if post.get(HONEYPOT_FIELD):
            errors.append(request.env._("Your submission looks automated and was not accepted."))
        elif not request.env["pengaduan.request.log"]._allowed("form", _client_ip(),
                                                                _param("pengaduan.form_rate_limit", 5)):
            errors.append(request.env._(
                "Too many complaints were sent from your connection in the last hour. Please try again later."))
        else:
            errors += self._check_form(values)
            attachments, attachment_errors = self._read_attachments()
            errors += attachment_errors
        if errors:
            return request.render("pengaduan.website_complaint_form", self._form_values(values, errors))
        try:
            # the partner and alias lookups of one submission are asked several times: remembered
            with gateway_memo(request.env.cr):
                complaint = self._create_complaint(values, attachments)
            request.env["pengaduan.request.log"]._record("form", _client_ip())
        except ValidationError as error:
            request.env.cr.rollback()
            return request.render("pengaduan.website_complaint_form", self._form_values(values, [error.args[0]]))
        return request.render("pengaduan.website_complaint_thanks", {"complaint": complaint})

    def _check_form(self, values):
        errors = []
        if not values.get("name"):
            errors.append(request.env._("Please write the subject of your complaint."))
        if not values.get("description"):
            errors.append(request.env._("Please describe your complaint."))
        if values.get("anonymity") not in ("none", "anonim", "rahasia"):
            values["anonymity"] = "none"
        if values["anonymity"] != "anonim" and not values.get("reporter_name"):
            errors.append(request.env._("Please write your name (or choose to stay anonymous)."))
        if not values.get("reporter_email") and not values.get("reporter_phone"):
            errors.append(request.env._("Please give an e-mail address or a phone number so that we can answer you."))
        if values.get("reporter_email") and not email_normalize(values["reporter_email"]):
            errors.append(request.env._("The e-mail address is not valid."))
        if values.get("reporter_phone") and not 8 <= len(_digits(values["reporter_phone"])) <= 15:
            errors.append(request.env._("The phone number is not valid."))
        if values.get("nik"):
            values["nik"] = re.sub(r"\s", "", values["nik"])
            if nik_problem(values["nik"]):
                errors.append(request.env._("The NIK is not valid: it must be the 16 digits of your KTP."))
        category_id = values.get("category_id")
        if category_id and (not category_id.isdigit()
                            or int(category_id) not in self._form_values()["categories"].ids):
            errors.append(request.env._("Please choose a category from the list."))
        if request.website.company_id.pengaduan_require_statement and not values.get("statement_true"):
            errors.append(request.env._("Please declare that your complaint is true."))
        return errors

    def _read_attachments(self):
        max_bytes = _param("pengaduan.attachment_max_mb", 10) * MB
        max_total = _param("pengaduan.attachment_total_max_mb", 10) * MB
        files = [f for f in request.httprequest.files.getlist("attachments") if f and f.filename]
        attachments, errors, total = [], [], 0
        for upload in files:
            data = upload.read(max_bytes + 1)
            total += len(data)
            if len(data) > max_bytes:
                errors.append(request.env._("The file %(name)s is larger than %(size)s MB.", name=upload.filename,
                                size=max_bytes // MB))
                continue
            mimetype = guess_mimetype(data, default="application/octet-stream")
            if mimetype not in ALLOWED_MIMETYPES:
                errors.append(request.env._("The file %(name)s is not a PDF, JPG, PNG or DOCX document.",
                                name=upload.filename))
                continue
            attachments.append({"name": upload.filename, "raw": data, "mimetype": mimetype})
        if total > max_total:
            errors.append(request.env._("The files together are larger than %s MB.", max_total // MB))
        return attachments, errors

    def _create_complaint(self, values, attachments):
        company = request.website.company_id
        Complaint = request.env["pengaduan.complaint"].sudo().with_company(company)
        vals = {
            "name": values["name"],
            "description": plaintext2html(values["description"]),
            "reporter_name": values.get("reporter_name") or request.env._("Anonymous"),
            "reporter_email": values.get("reporter_email") or False,
            "reporter_phone": values.get("reporter_phone") or False,
            "nik": values.get("nik") or False,
            "anonymity": values["anonymity"],
            "statement_true": bool(values.get("statement_true")),
            "category_id": int(values["category_id"]) if values.get("category_id") else False,
            "channel_id": request.env.ref("pengaduan.channel_web").id,
            "company_id": company.id,
            # e-mailed by the scheduled action (every minute)
            "acknowledgement_due": bool(values.get("reporter_email")),
        }
        if vals["anonymity"] == "none":
            vals["partner_id"] = Complaint._reporter_partner(vals["reporter_name"], vals["reporter_email"]).id
        # the public user (who runs this page) never follows a complaint: only the complainant
        complaint = Complaint.with_context(mail_create_nosubscribe=True).create(vals)
        if attachments:
            request.env["ir.attachment"].sudo().create([
                dict(attachment, res_model=complaint._name, res_id=complaint.id) for attachment in attachments
            ])
        return complaint

    # ------------------------------------------------------------------
    # Tracking page
    # ------------------------------------------------------------------
    @http.route("/pengaduan/lacak", type="http", auth="public", website=True, methods=["GET"], sitemap=True)
    def complaint_track(self, number=None, contact=None, **kwargs):
        values = {"number": (number or "").strip(), "contact": (contact or "").strip(), "complaint": None,
                  "error": None}
        if values["number"] or values["contact"]:
            log = request.env["pengaduan.request.log"]
            if not log._allowed("track", _client_ip(), _param("pengaduan.track_rate_limit", 20)):
                values["error"] = request.env._(
                    "Too many searches from your connection in the last hour. Please try again later.")
            else:
                log._record("track", _client_ip())
                values["complaint"] = self._find_tracked(values["number"], values["contact"])
                if not values["complaint"]:
                    # one answer for an unknown number and for a wrong contact: no enumeration
                    values["error"] = request.env._(
                        "No complaint matches this number and contact. Check both and try again.")
                else:
                    values["answer"] = public_answer(values["complaint"])
        return request.render("pengaduan.website_complaint_track", values)

    def _find_tracked(self, number, contact):
        if not number or not contact:
            return None
        complaint = request.env["pengaduan.complaint"].sudo().search([("number", "=", number)], limit=1)
        if not complaint:
            return None
        email = email_normalize(contact)
        if email and email == complaint.reporter_email:
            return complaint
        digits = _digits(contact)
        if not email and len(digits) >= 8 and digits[-9:] == _digits(complaint.reporter_phone)[-9:]:
            return complaint
        return None


def public_answer(complaint):
    """The answer shown on public pages: never the content of a confidential complaint."""
    if complaint.anonymity == "rahasia":
        return Markup("<p>%s</p>") % escape(request.env._(
            "This complaint is confidential: the answer was sent to you by e-mail."))
    return complaint.answer
