"""Followers of a complaint are readable only by those who may read the complaint.

``mail.followers`` has no record rule in Odoo: any internal user reads every follower
of every document, and the followers of a complaint name its complainant. The global
rule ``rule_mail_followers_complaint`` (security/pengaduan_side_rules.xml) restricts the
followers of ``pengaduan.complaint`` to the complaints the current user may read; the
followers of every other model are unchanged.
"""
from odoo import fields, models
from odoo.fields import Domain
from odoo.tools import SQL

COMPLAINT = "pengaduan.complaint"


def readable_complaint_domain(records, field_name="res_id"):
    """Domain on ``records``' model: ``field_name`` holds the id of a complaint the current
    user may read (access rights and record rules of ``pengaduan.complaint``, archived
    complaints included).

    Record rules are evaluated in a superuser environment keeping the real uid, so the
    complaint search runs ``with_user(uid)``, i.e. without superuser mode: it applies the
    complaint's own rules, never the side table's (no recursion). A user without read
    access to complaints reads none. The complaint search is embedded as a correlated
    ``EXISTS``: PostgreSQL checks each row by the complaint's primary key, where ``IN`` beside
    the rule's ``OR`` made it read every complaint the user may read for every query.
    """
    complaints = records.env[COMPLAINT].with_user(records.env.uid).with_context(active_test=False)
    if not complaints.has_access("read"):
        return Domain.FALSE

    def to_sql(model, alias, sql_query):
        query = complaints._search([])
        query.add_where(SQL("%s = %s", SQL.identifier(query.table, "id"),
                            model._field_to_sql(alias, field_name, sql_query)))
        return SQL("EXISTS%s", query.subselect(SQL("1")))

    return Domain.custom(to_sql=to_sql)


def search_readable(records, operator, value, field_name="res_id"):
    """Search method of a boolean "the complaint of this record is readable" field:
    ``(field, '=', True)`` keeps the records whose complaint the user may read."""
    if operator != "in":
        return NotImplemented  # the ORM negates the positive form
    wanted = {bool(v) for v in value}
    if wanted == {True, False}:
        return Domain.TRUE
    if not wanted:
        return Domain.FALSE
    readable = readable_complaint_domain(records, field_name)
    return readable if True in wanted else ~readable  # pylint: disable=invalid-unary-operand-type


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    pengaduan_complaint_readable = fields.Boolean(
        compute="_compute_pengaduan_complaint_readable", search="_search_pengaduan_complaint_readable",
        string="Complaint Readable",
        help="The follower follows a complaint the current user may read (used by record rules).",
    )

    def _compute_pengaduan_complaint_readable(self):
        readable = self.filtered_domain([("res_model", "=", COMPLAINT)]).filtered_domain(
            readable_complaint_domain(self))
        for follower in self:
            follower.pengaduan_complaint_readable = follower in readable

    def _search_pengaduan_complaint_readable(self, operator, value):
        return search_readable(self, operator, value)
