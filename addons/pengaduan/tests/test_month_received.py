"""The stored month of reception (``month_received``) that the pivot and the graph group by:
the office's month, whatever the reader's time zone, kept when the reception date changes, and
the same from the 19.0.1.3.0 migration's single UPDATE as from the ORM's computation."""

import importlib.util
from datetime import date, datetime
from pathlib import Path

from odoo.tests import tagged

from .common import PengaduanCase

MIGRATION = Path(__file__).parents[1] / "migrations" / "19.0.1.3.0" / "pre-migrate.py"
# 16:30 UTC on 31 January: 23:30 in Jakarta (WIB), 00:30 on 1 February in Makassar (WITA),
# 01:30 on 1 February in Jayapura (WIT)
MOMENT = datetime(2026, 1, 31, 16, 30)


@tagged("post_install", "-at_install")
class TestMonthReceived(PengaduanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.offices = {}
        for zone in ("Asia/Makassar", "Asia/Jayapura"):
            office = cls.env["res.company"].create({"name": f"Dinas Uji {zone}"})
            office.resource_calendar_id.tz = zone
            cls.offices[zone] = office
        cls.officer.write({"company_ids": [(4, office.id) for office in cls.offices.values()]})

    def receive_in(self, office, when):
        category = self.env["pengaduan.category"].create({"name": f"Uji {office.name}", "company_id": office.id})
        return self.receive(when, company_id=office.id, category_id=category.id, channel_id=self.channel.id)

    def test_the_month_is_the_office_s(self):
        jakarta = self.receive(MOMENT)
        makassar = self.receive_in(self.offices["Asia/Makassar"], MOMENT)
        jayapura = self.receive_in(self.offices["Asia/Jayapura"], MOMENT)
        self.assertEqual(jakarta.month_received, date(2026, 1, 1))
        self.assertEqual(makassar.month_received, date(2026, 2, 1))
        self.assertEqual(jayapura.month_received, date(2026, 2, 1))
        # the reader's own time zone changes nothing
        self.assertEqual(jakarta.with_context(tz="Asia/Jayapura").month_received, date(2026, 1, 1))
        # a corrected reception date moves it
        jakarta.date_received = datetime(2026, 3, 2, 3, 0)
        self.assertEqual(jakarta.month_received, date(2026, 3, 1))

    def test_the_pivot_groups_by_it(self):
        complaints = self.receive(MOMENT) | self.receive(datetime(2026, 2, 10, 3, 0))
        groups = self.Complaint.formatted_read_grouping_sets(
            [("id", "in", complaints.ids)], [["month_received:month"]], ["__count"])
        self.assertEqual([(group["month_received:month"][0], group["__count"]) for group in groups[0]],
                         [("2026-01-01", 1), ("2026-02-01", 1)])
        pivot = self.env.ref("pengaduan.pengaduan_complaint_view_pivot")
        self.assertIn('name="month_received"', pivot.arch)

    def test_the_migration_fills_what_the_orm_computes(self):
        complaints = (self.receive(MOMENT) | self.receive_in(self.offices["Asia/Makassar"], MOMENT)
                      | self.receive_in(self.offices["Asia/Jayapura"], MOMENT)
                      | self.receive(datetime(2026, 12, 31, 17, 0)))
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT id, month_received FROM pengaduan_complaint")
        computed = dict(cr.fetchall())
        self.assertEqual(len({computed[complaint.id] for complaint in complaints}), 3)
        cr.execute("ALTER TABLE pengaduan_complaint DROP COLUMN month_received CASCADE")
        spec = importlib.util.spec_from_file_location("pengaduan_pre_migrate_19_0_1_3_0", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(cr, "19.0.1.2.0")
        cr.execute("SELECT id, month_received FROM pengaduan_complaint")
        self.assertEqual(dict(cr.fetchall()), computed)
        self.env.invalidate_all()
