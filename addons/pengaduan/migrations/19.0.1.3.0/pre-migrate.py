from odoo.tools import sql


def migrate(cr, version):
    """The month a complaint was received in, in its office's time zone (that of the office's
    calendar, else of its working calendar, else of the default office calendar, else Western
    Indonesia, as ``res.company._pengaduan_tz``), filled by one UPDATE: a new stored computed
    field would otherwise be computed by the ORM for every complaint at once, in memory."""
    if sql.column_exists(cr, "pengaduan_complaint", "month_received"):
        return
    sql.create_column(cr, "pengaduan_complaint", "month_received", "date")
    calendars = ["company.resource_calendar_id", """(SELECT res_id FROM ir_model_data
        WHERE module = 'pengaduan' AND name = 'resource_calendar_office' AND model = 'resource.calendar')"""]
    if sql.column_exists(cr, "res_company", "pengaduan_calendar_id"):
        calendars.insert(0, "company.pengaduan_calendar_id")
    cr.execute(f"""
        UPDATE pengaduan_complaint complaint
           SET month_received = date_trunc('month', timezone(zones.tz, timezone('UTC', complaint.date_received)))::date
          FROM (SELECT company.id, COALESCE((SELECT tz FROM resource_calendar
                                              WHERE id = COALESCE({", ".join(calendars)})), 'Asia/Jakarta') AS tz
                  FROM res_company company) zones
         WHERE zones.id = complaint.company_id AND complaint.date_received IS NOT NULL
    """)  # noqa: S608 - the calendars' expressions are the constants above
