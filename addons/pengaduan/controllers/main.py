from psycopg2.errors import UniqueViolation

from odoo import http
from odoo.exceptions import ConcurrencyError, ValidationError
from odoo.http import request

from ..tools.uploads import filter_uploads, format_mb, upload_limits

HONEYPOT_FIELD = "website_url"


def _param(name, default):
    try:
        return int(request.env["ir.config_parameter"].sudo().get_param(name, default))
    except (TypeError, ValueError):
        return default


def _client_ip():
    return request.httprequest.remote_addr or "unknown"


class PengaduanWebsite(http.Controller):
    """Thin: the checks and the writes are the model's (``pengaduan_complaint_public``).
    Routes marked ``readonly`` never write: with ``db_replica_host`` set, Odoo serves them from
    the read replica (the submission, the confirmation and the tracking page write, and stay
    on the primary)."""

    # ------------------------------------------------------------------
    # Public complaint form
    # ------------------------------------------------------------------
    def _form_values(self, values=None, errors=None, submission_key=None):
        Complaint = request.env["pengaduan.complaint"].with_company(request.website.company_id)
        return {
            "submission_key": Complaint._public_submission_key(submission_key),
            "categories": Complaint._public_categories(),
            "values": Complaint._public_form_echo(values or {}),
            "errors": errors or [],
            "require_statement": request.website.company_id.pengaduan_require_statement,
            "max_mb": format_mb(upload_limits(request.env)[0]),
            "honeypot_field": HONEYPOT_FIELD,
        }

    @http.route("/pengaduan/beranda", type="http", auth="public", website=True, methods=["GET"], sitemap=True,
                readonly=True)
    def complaint_home(self, **kwargs):
        """The office's home page: its channels, its service standards, the form and the tracking
        (a website's *Homepage URL* may point here)."""
        Complaint = request.env["pengaduan.complaint"].with_company(request.website.company_id)
        return request.render("pengaduan.website_home", {
            "company": request.website.company_id.sudo(),
            "channels": Complaint._public_channels(),
            "categories": Complaint._public_categories(),
        })

    @http.route("/pengaduan/statistik", type="http", auth="public", website=True, methods=["GET"], sitemap=True,
                readonly=True)
    def complaint_statistics(self, **kwargs):
        """The office's public figures (``pengaduan_complaint_statistics``): aggregates only."""
        company = request.website.company_id
        Complaint = request.env["pengaduan.complaint"].with_company(company)
        return request.render("pengaduan.website_statistics", {
            "statistics": Complaint._public_statistics(company),
            "standards": Complaint._public_service_standards(company),
        })

    @http.route("/pengaduan", type="http", auth="public", website=True, methods=["GET"], sitemap=True,
                readonly=True)
    def complaint_form(self, **kwargs):
        return request.render("pengaduan.website_complaint_form", self._form_values())

    @http.route("/pengaduan", type="http", auth="public", website=True, methods=["POST"])
    def complaint_submit(self, **post):
        Complaint = request.env["pengaduan.complaint"].with_company(request.website.company_id)
        values = Complaint._public_form_values(post)
        key = post.get("submission_key")
        if post.get(HONEYPOT_FIELD):
            return self._refuse(values, [request.env._("Your submission looks automated and was not accepted.")], key)
        # this form was sent already (a reload of the answer, a second click, a retry after
        # a lost answer): its complaint, not a second one
        sent = Complaint._public_submitted(key)
        if sent:
            return self._thanks(sent, resubmitted=True)
        errors = Complaint._public_form_errors(values)
        max_bytes = upload_limits(request.env)[0]
        # one byte more than the limit is enough to refuse a file: never read a huge upload whole
        files = [(upload.filename, upload.read(max_bytes + 1))
                 for upload in request.httprequest.files.getlist("attachments") if upload and upload.filename]
        attachments, refused = filter_uploads(request.env, files)
        errors += [error for _name, error in refused]
        if errors:
            return self._refuse(values, errors, key)
        Log = request.env["pengaduan.request.log"]
        reservation = Log._reserve("form", _client_ip(), _param("pengaduan.form_rate_limit", 5))
        if not reservation:
            return self._refuse(values, [request.env._(
                "Too many complaints were sent from your connection in the last hour. Please try again later.")], key)
        try:
            complaint = Complaint._public_create(values, attachments, key)
            request.env.cr.flush()
        except UniqueViolation as error:
            # the same form, sent twice at once: the other request made its complaint and
            # committed while this INSERT waited for it. This transaction's snapshot cannot see
            # that complaint: Odoo runs the request again, which finds it (above)
            Log._release(reservation)
            raise ConcurrencyError("the same complaint form was sent twice at once") from error
        except ValidationError as error:
            request.env.cr.rollback()
            Log._release(reservation)
            return self._refuse(values, [error.args[0]], key)
        except Exception:
            Log._release(reservation)
            raise
        return self._thanks(complaint)

    def _thanks(self, complaint, resubmitted=False):
        return request.render("pengaduan.website_complaint_thanks",
                              {"complaint": complaint, "resubmitted": resubmitted})

    def _refuse(self, values, errors, submission_key=None):
        return request.render("pengaduan.website_complaint_form", self._form_values(values, errors, submission_key))

    @http.route("/pengaduan/konfirmasi/<int:complaint_id>/<string:token>", type="http", auth="public",
                website=True, methods=["GET", "POST"], sitemap=False)
    def complaint_confirm(self, complaint_id, token, **kwargs):
        """The link of the acknowledgement that links the complaint to the account of its
        e-mail address. GET only shows a button (mail scanners open links); POST confirms."""
        complaint = request.env["pengaduan.complaint"].browse(complaint_id)
        if request.httprequest.method == "POST":
            state = complaint._public_confirm_reporter(token)
        else:
            state = complaint._public_confirm_state(token)
        return request.render("pengaduan.website_complaint_confirm", {
            "state": state, "complaint_id": complaint_id, "token": token})

    # ------------------------------------------------------------------
    # Tracking page
    # ------------------------------------------------------------------
    @http.route("/pengaduan/lacak", type="http", auth="public", website=True, methods=["GET"], sitemap=True)
    def complaint_track(self, number=None, contact=None, **kwargs):
        number = number if isinstance(number, str) else ""
        contact = contact if isinstance(contact, str) else ""
        Complaint = request.env["pengaduan.complaint"]
        values = {"number": Complaint._public_form_echo({"v": number.strip()[:64]})["v"],
                  "contact": Complaint._public_form_echo({"v": contact.strip()[:254]})["v"],
                  "complaint": None, "error": None}
        if number.strip() or contact.strip():
            if not request.env["pengaduan.request.log"]._reserve(
                    "track", _client_ip(), _param("pengaduan.track_rate_limit", 20)):
                values["error"] = request.env._(
                    "Too many searches from your connection in the last hour. Please try again later.")
            else:
                values["complaint"] = Complaint._public_find(number, contact) or None
                if not values["complaint"]:
                    # one answer for an unknown number and for a wrong contact: no enumeration
                    values["error"] = request.env._(
                        "No complaint matches this number and contact. Check both and try again.")
                else:
                    values["answer"] = values["complaint"]._public_answer()
        return request.render("pengaduan.website_complaint_track", values)
