from odoo.tools import sql

# the resolution outcome of a complaint (pengaduan_complaint_sla.py)
COLUMNS = {"resolved_within_standard": "boolean", "resolution_working_days": "double precision"}


def migrate(cr, version):
    """The outcome columns are made here, empty: a new stored computed field would otherwise be
    computed by the ORM for every complaint at once, in memory; post-migrate fills them in
    batches."""
    for column, column_type in COLUMNS.items():
        if not sql.column_exists(cr, "pengaduan_complaint", column):
            sql.create_column(cr, "pengaduan_complaint", column, column_type)
