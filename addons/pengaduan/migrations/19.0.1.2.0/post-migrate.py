import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.misc import split_every

_logger = logging.getLogger(__name__)

BATCH = 2000
FIELDS = ("resolved_within_standard", "resolution_working_days")


def migrate(cr, version):
    """Resolved complaints get their outcome (within the standard, working days to complete)
    from the model's own computation, a batch at a time: one read and one UPDATE per batch, the
    office calendar's working time fetched once per batch. In order of receipt per office, so
    that the working-time window of a batch only moves forward. Unresolved complaints keep
    empty columns (false and 0 to the ORM)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Complaint = env["pengaduan.complaint"].with_context(active_test=False, tracking_disable=True)
    cr.execute("""
        SELECT id FROM pengaduan_complaint
         WHERE resolved_date IS NOT NULL AND resolution_working_days IS NULL
         ORDER BY company_id, date_received, id
    """)
    ids = [row[0] for row in cr.fetchall()]
    fields = [Complaint._fields[fname] for fname in FIELDS]
    done = 0
    for batch in split_every(BATCH, ids):
        complaints = Complaint.browse(batch)
        for field in fields:
            env.add_to_compute(field, complaints)
        complaints.flush_recordset(list(FIELDS))
        env.invalidate_all()
        done += len(batch)
        if done % (BATCH * 25) == 0 or done == len(ids):
            _logger.info("pengaduan: resolution outcome of %s / %s resolved complaints", done, len(ids))
