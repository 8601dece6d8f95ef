import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    dukcapil_region_code = fields.Char(
        string="Region Code (Kode Wilayah)", size=4,
        help="Province and regency/city code of the office (e.g. 1472 for Kota Dumai): "
        "NIKs issued elsewhere are flagged as from outside the region.",
    )
    pengaduan_complaint_unit_id = fields.Many2one(
        "hr.department", string="Complaint Unit",
        help="Department that studies complaints (e.g. Bidang Pemanfaatan Data dan Inovasi Pelayanan): "
        "the head of office disposes new complaints to it.",
    )

    @api.constrains("dukcapil_region_code")
    def _check_dukcapil_region_code(self):
        for company in self:
            if company.dukcapil_region_code and not re.match(r"^\d{4}$", company.dukcapil_region_code):
                raise ValidationError(self.env._("The region code must be 4 digits (province + regency)."))

    def cache_invalidation_fields(self):
        # the region code decides which offices see the Disdukcapil menus (ir.ui.menu)
        return super().cache_invalidation_fields() | {"dukcapil_region_code"}
