from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

SIFAT = [
    ("biasa", "Biasa"),
    ("segera", "Segera"),
    ("sangat_segera", "Sangat Segera"),
    ("rahasia", "Rahasia"),
]


DRAFT_FIELDS = frozenset({
    "complaint_id", "document_type", "place", "sifat", "lampiran", "perihal", "addressee", "addressee_address",
    "body", "tembusan", "signatory_id", "on_behalf", "on_behalf_position", "paper_format",
})
# written once, by action_sign
SIGNATURE_FIELDS = frozenset({"number", "letter_date", "state", "signed_by_id", "date_signed"})


class PengaduanLetter(models.Model):
    """An official letter about a complaint, numbered when it is signed."""

    _name = "pengaduan.letter"
    _description = "Complaint Letter"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    complaint_id = fields.Many2one("pengaduan.complaint", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    document_type = fields.Selection([("answer", "Surat Jawaban Pengaduan")], required=True, default="answer")
    state = fields.Selection([("draft", "Draft"), ("signed", "Signed")], default="draft", required=True,
                             readonly=True, tracking=True)
    number = fields.Char(readonly=True, copy=False, index=True, tracking=True,
                         help="Given when the letter is signed; never reused.")
    letter_date = fields.Date(readonly=True, copy=False)
    place = fields.Char(default=lambda self: self.env.company.city,
                        help="Place of the letter, e.g. Dumai.")
    sifat = fields.Selection(SIFAT, string="Nature", default="biasa", required=True)
    lampiran = fields.Char(string="Attachments", default="-")
    perihal = fields.Char(string="Subject", required=True)
    addressee = fields.Char(required=True)
    addressee_address = fields.Char(default="di Tempat")
    body = fields.Html(sanitize_style=True)
    tembusan = fields.Text(string="Copies", help="One recipient of a copy per line (tembusan).")
    signatory_id = fields.Many2one("hr.employee", check_company=True,
                                   help="Official who signs: name, position, rank and NIP appear on the letter.")
    on_behalf = fields.Boolean(string="On Behalf (a.n.)",
                               help="The signatory signs on behalf of the head of office (atas nama).")
    on_behalf_position = fields.Char(string="On Behalf Of", default="Kepala Dinas")
    paper_format = fields.Selection([("a4", "A4"), ("f4", "F4 (Folio)")], default="a4", required=True)
    signed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_signed = fields.Datetime(string="Signed On", readonly=True, copy=False)

    @api.depends("number", "perihal", "complaint_id.number")
    def _compute_name(self):
        for letter in self:
            # stored: in the office's language, not in the language of whoever drafted it
            letter.name = letter.number or letter.complaint_id._office().env._(
                "Draft letter for %s", letter.complaint_id.number or "")

    @api.model
    def default_get(self, fields_list):  # pylint: disable=arguments-renamed
        values = super().default_get(fields_list)
        complaint = self.env["pengaduan.complaint"].browse(values.get("complaint_id")
                                                           or self.env.context.get("default_complaint_id"))
        if complaint:
            # an official letter: in the office's language, whoever drafts it
            values.setdefault("perihal", complaint._office().env._("Answer to complaint %s", complaint.number))
            values.setdefault("addressee", complaint.sudo()._letter_addressee())
            values.setdefault("body", complaint.answer)
            values.setdefault("place", complaint.company_id.city)
            if "signatory_id" in fields_list and not values.get("signatory_id"):
                values["signatory_id"] = complaint.company_id._pengaduan_head_employee().id
        return values

    def write(self, vals):
        # a signed letter is frozen for everybody, the superuser too (the register must match
        # what was signed); mail bookkeeping of the record (followers, main attachment) goes on
        if set(vals) & (self._draft_fields() | SIGNATURE_FIELDS) \
                and self.filtered(lambda letter: letter.state == "signed"):
            raise UserError(self.env._("A signed letter cannot be changed."))
        if not self.env.su and "complaint_id" in vals \
                and any(letter.complaint_id.id != vals["complaint_id"] for letter in self):
            raise UserError(self.env._("A letter stays with the complaint it was drafted for."))
        return super().write(vals)

    def _has_field_access(self, field, operation):
        # documented hook for field rights (write, create, read-only in the web client): the
        # content of a draft; the number, signature and status are written by action_sign only
        if operation == "write" and not self.env.su and field.model_name == self._name \
                and field.name not in self._draft_fields():
            return False
        return super()._has_field_access(field, operation)

    def _draft_fields(self):
        """Fields the author of a draft writes; agency addons may add theirs."""
        return DRAFT_FIELDS

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(letter.state == "signed" for letter in self):
            raise UserError(self.env._("A signed letter cannot be deleted: its number is in the register."))

    def _check_can_sign(self):
        user = self.env.user
        for letter in self:
            if not letter.signatory_id:
                raise UserError(self.env._("Choose the signatory of the letter."))
            if not letter.signatory_id.nip:
                raise UserError(self.env._("The signatory %s has no NIP.", letter.signatory_id.name))
            if is_html_empty(letter.body):
                raise UserError(self.env._("The letter has no content."))
            if self.env.su or letter.signatory_id.user_id == user:
                continue
            raise AccessError(self.env._("Only %s can sign this letter.", letter.signatory_id.name))

    def action_sign(self):
        """Sign: the letter takes its number now (gap-free, never reused). A letter signed
        already (by another tab or another user a moment before: the server retries the loser
        of two simultaneous signatures, which then lands here) is refused, never signed twice."""
        signed = self.filtered(lambda letter: letter.state != "draft")
        if signed:
            raise UserError(self.env._("Letter %s is already signed.", signed[0].number or signed[0].display_name))
        self._check_can_sign()
        for letter in self:
            today = fields.Date.context_today(letter)
            numbering = self.env["pengaduan.letter.numbering"]._for(letter.document_type, letter.company_id)
            # the signatory was checked: the number and the signature are written as superuser
            letter.sudo().write({
                "number": numbering._next_number(today),
                "letter_date": today,
                "state": "signed",
                "signed_by_id": self.env.uid,
                "date_signed": fields.Datetime.now(),
            })
            letter.complaint_id.message_post(
                body=letter.complaint_id._office().env._("Letter %(number)s signed by %(name)s",
                                                         number=letter.number, name=letter.signatory_id.name),
                subtype_xmlid="mail.mt_note")
        return True

    def action_print(self):
        self.ensure_one()
        return self._report().report_action(self)

    def _report(self):
        """The report that prints this letter (agency addons add their document types)."""
        self.ensure_one()
        return self.env.ref("pengaduan.action_report_surat_jawaban_f4" if self.paper_format == "f4"
                            else "pengaduan.action_report_surat_jawaban")

    def _signed_pdf(self):
        """``(file name, PDF)`` of this signed letter, as sent to the complainant."""
        self.ensure_one()
        report = self._report()
        pdf, _format = self.env["ir.actions.report"].sudo()._render_qweb_pdf(report, self.ids)
        kind = dict(self._fields["document_type"]._description_selection(self.env))[self.document_type]
        return f"{kind} {self.number}.pdf".replace("/", "-"), pdf

    def _date_long(self):
        """'22 November 2026' in the office's language (Indonesian by default)."""
        return self.complaint_id._date_id(self.letter_date or fields.Date.context_today(self))
