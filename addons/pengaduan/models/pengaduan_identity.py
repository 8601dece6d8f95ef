from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.mail import email_normalize

# an anonymous complainant's pseudonym has an address that no mail server delivers (RFC 2606):
# a message that somehow left without the substitution of the real address reaches nobody
PSEUDONYM_DOMAIN = "pelapor.invalid"


def is_pseudonym_email(email):
    return bool(email) and email.lower().endswith("@" + PSEUDONYM_DOMAIN)


class PengaduanIdentity(models.Model):
    """Who sent an anonymous complaint.

    Only complaint officers (and managers) can read it: access rights and a record rule guard
    it, so no generic path of the complaint (read, search, group, export, portal, chatter)
    reaches it. Each time an officer opens it is logged (``pengaduan.identity.log``)."""

    _name = "pengaduan.identity"
    _description = "Identity of an Anonymous Complainant"
    _order = "id desc"

    complaint_id = fields.Many2one("pengaduan.complaint", required=True, index=True, ondelete="cascade",
                                   readonly=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Contact", index="btree_not_null",
                                 help="The complainant's contact, when the office knows one.")
    name = fields.Char()
    email = fields.Char(string="E-mail", index="btree_not_null")
    phone = fields.Char()
    nik = fields.Char(string="NIK")
    pseudonym_partner_id = fields.Many2one(
        "res.partner", string="Pseudonym", readonly=True, index=True,
        help="The contact under which the complainant takes part in the complaint's messages.")

    _complaint_uniq = models.Constraint("UNIQUE(complaint_id)", "A complaint has one identity record.")

    @api.depends("complaint_id.number")
    def _compute_display_name(self):
        for identity in self:
            identity.display_name = self.env._("Identity of %s", identity.complaint_id.number or "")

    @api.constrains("nik")
    def _check_nik(self):
        for identity in self:
            if error := self.env["pengaduan.complaint"]._nik_error(identity.nik):
                raise ValidationError(error)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("nik"):
                vals["nik"] = "".join(vals["nik"].split())
            if vals.get("email"):
                vals["email"] = email_normalize(vals["email"]) or vals["email"]
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"complaint_id", "pseudonym_partner_id"} & set(vals):
            raise UserError(self.env._("The identity stays with its complaint."))
        if vals.get("email"):
            vals["email"] = email_normalize(vals["email"]) or vals["email"]
        if vals.get("nik"):
            vals["nik"] = "".join(vals["nik"].split())
        result = super().write(vals)
        if not self.env.su:
            self._log("edit")
        return result

    # every read by a person is logged: read, search_read, web_read, web_search_read and export
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        if not self.env.su and self and set(fnames or ()) - {"id", "display_name"}:
            self._log("view")
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):  # pylint: disable=redefined-outer-name
        if not self.env.su and self:
            self._log("view")
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    def _log(self, action, reason=None):
        self.env["pengaduan.identity.log"]._record(self.complaint_id, action, reason)
