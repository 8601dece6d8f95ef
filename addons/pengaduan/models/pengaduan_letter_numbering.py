from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
PLACEHOLDERS = ("{classification}", "{sequence}", "{unit}", "{month_roman}", "{month}", "{year}")


class PengaduanLetterNumbering(models.Model):
    """Numbering pattern of official letters, per document type and company
    (tata naskah dinas: classification code / sequence / unit code / month / year)."""

    _name = "pengaduan.letter.numbering"
    _description = "Letter Numbering"
    _order = "company_id, document_type"

    name = fields.Char(required=True, translate=True)
    document_type = fields.Selection([("answer", "Surat Jawaban Pengaduan")], required=True, default="answer")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    pattern = fields.Char(
        required=True, default="{classification}/{sequence}/{unit}/{month_roman}/{year}",
        help="Placeholders: {classification}, {sequence}, {unit}, {month_roman}, {month}, {year}.",
    )
    classification_code = fields.Char(required=True, default="000.8.3.3",
                                      help="Archive classification code (kode klasifikasi arsip).")
    unit_code = fields.Char(required=True, help="Code of the issuing unit, e.g. Disdukcapil.")
    padding = fields.Integer(default=0, help="Zero-padding of the sequence number (0: none).")
    sequence_id = fields.Many2one("ir.sequence", readonly=True, copy=False, ondelete="restrict")

    _type_company_uniq = models.Constraint(
        "UNIQUE(document_type, company_id)",
        "There is already a numbering for this document type in this company.",
    )

    @api.constrains("pattern")
    def _check_pattern(self):
        for numbering in self:
            if "{sequence}" not in (numbering.pattern or ""):
                raise ValidationError(self.env._("The letter number pattern must contain {sequence}."))
            rest = numbering.pattern
            for placeholder in PLACEHOLDERS:
                rest = rest.replace(placeholder, "")
            if "{" in rest or "}" in rest:
                raise ValidationError(self.env._(
                    "Unknown placeholder in the pattern. Use: %s", ", ".join(PLACEHOLDERS)))

    @api.model_create_multi
    def create(self, vals_list):
        numberings = super().create(vals_list)
        for numbering in numberings:
            # gap-free: the sequence row is locked until the signature commits; a concurrent
            # signature waits for its turn (Odoo retries the transaction), so no number is
            # skipped or used twice. It restarts every year.
            numbering.sequence_id = self.env["ir.sequence"].sudo().create({
                "name": f"{numbering.name} ({numbering.company_id.name})",
                "code": f"pengaduan.letter.{numbering.document_type}",
                "implementation": "no_gap",
                "use_date_range": True,
                "company_id": numbering.company_id.id,
                "padding": numbering.padding,
            })
        return numberings

    def write(self, vals):
        res = super().write(vals)
        if "padding" in vals:
            self.sequence_id.sudo().write({"padding": vals["padding"]})
        return res

    @api.model
    def _for(self, document_type, company):
        numbering = self.sudo().search([("document_type", "=", document_type), ("company_id", "=", company.id)],
                                       limit=1)
        if not numbering:
            raise UserError(self.env._(
                "No letter numbering is configured for %(type)s in %(company)s "
                "(Pengaduan > Configuration > Letter Numbering).",
                type=dict(self._fields["document_type"]._description_selection(self.env))[document_type],
                company=company.name))
        return numbering

    def _next_number(self, date):
        """Take the next number for a letter dated ``date``."""
        self.ensure_one()
        sequence = self.sequence_id.sudo().with_company(self.company_id)
        # one signature at a time per numbering: a concurrent signature waits here. The row is
        # written, not only locked: under REPEATABLE READ the waiting transaction then fails with a
        # serialization error and the server retries it with a fresh snapshot. A mere FOR UPDATE
        # left it blind to the year's range created by the first letter of a new year: it created
        # a second range and failed on its unique constraint (not retried).
        self.env.cr.execute("UPDATE ir_sequence SET write_date = write_date WHERE id = %s", [sequence.id])
        return self._format(sequence._next(sequence_date=date), date)

    def _format(self, sequence_number, date):
        self.ensure_one()
        return self.pattern.format(
            classification=self.classification_code, sequence=sequence_number, unit=self.unit_code,
            month_roman=ROMAN_MONTHS[date.month - 1], month=f"{date.month:02d}", year=date.year,
        )
