"""19.0.1.1.0: the breakdown table (``pengaduan.skm.response.line``) is new; the periods
computed before it get their rows from the responses they count now (published periods keep
their frozen figures, the rows follow the same responses unless one was changed since)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    periods = env["pengaduan.skm.period"].with_context(active_test=False).search([("has_data", "=", True)])
    counted = env["pengaduan.skm.response.line"].search([("period_id", "in", periods.ids)]).period_id
    if periods - counted:
        env["pengaduan.skm.response.line"]._refresh(periods - counted)
