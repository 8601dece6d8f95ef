from odoo import api, fields, models
from odoo.exceptions import UserError

# the files a DPMPTSP complaint needs before it is processed, in the order they are listed
DOCUMENT_TYPES = [
    ("form", "Complaint Form"),
    ("statement", "Signed Statement of Truth (Surat Pernyataan Kebenaran Aduan)"),
    ("supporting", "Supporting Documents"),
]
REQUIRED_DOCUMENT_TYPES = [code for code, _label in DOCUMENT_TYPES]


class PengaduanDocument(models.Model):
    """A document of the complaint file, typed for the completeness check of the front office."""

    _name = "pengaduan.document"
    _description = "Complaint Document"
    _order = "complaint_id, document_type, id"

    complaint_id = fields.Many2one("pengaduan.complaint", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    document_type = fields.Selection(DOCUMENT_TYPES, required=True)
    name = fields.Char(string="Description", help="What the document is, e.g. copy of the licence.")
    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char()
    date_received = fields.Datetime(string="Received On", default=fields.Datetime.now, required=True)
    received_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._check_file_open()
        return documents

    def write(self, vals):
        self._check_file_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_file_open(self):
        self._check_file_open()

    def _check_file_open(self):
        """Once the complaint has passed the front office, its file is what was checked."""
        if self.env.su:
            return
        for document in self:
            if document.complaint_id.dpmptsp_stage not in (False, "intake", "incomplete"):
                raise UserError(self.env._(
                    "The documents of complaint %s were checked complete: they cannot be changed anymore.",
                    document.complaint_id.number))
