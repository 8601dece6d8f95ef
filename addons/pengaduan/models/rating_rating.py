"""Ratings of a complaint (and their ``access_token``) are readable only by those who may
read the complaint.

``rating.rating`` has no record rule in Odoo and internal users may read and write every
rating: the access token of a complaint's rating lets its holder rate as the citizen. The
global rule ``rule_rating_complaint`` (security/pengaduan_side_rules.xml) restricts the
ratings of ``pengaduan.complaint`` to the complaints the current user may read; ratings of
other models are unchanged. Citizens rate through the token routes, which run as superuser.
"""
from odoo import fields, models

from .mail_followers import COMPLAINT, readable_complaint_domain, search_readable


class RatingRating(models.Model):
    _inherit = "rating.rating"

    pengaduan_complaint_readable = fields.Boolean(
        compute="_compute_pengaduan_complaint_readable", search="_search_pengaduan_complaint_readable",
        string="Complaint Readable",
        help="The rating rates a complaint the current user may read (used by record rules).",
    )

    def _compute_pengaduan_complaint_readable(self):
        readable = self.filtered_domain([("res_model", "=", COMPLAINT)]).filtered_domain(
            readable_complaint_domain(self))
        for rating in self:
            rating.pengaduan_complaint_readable = rating in readable

    def _search_pengaduan_complaint_readable(self, operator, value):
        return search_readable(self, operator, value)
