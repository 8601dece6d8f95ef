"""The indexes that keep the desk fast at a million complaints (tests/benchmarks/bench_scale.py)
serve the queries the ORM writes for the desk's screens.

The plans are taken with PostgreSQL's other access paths disabled and every other index and
unique constraint but the primary key dropped (in a savepoint), so that the test data's small
size does not decide: a query the index cannot serve (its partial predicate is not implied, its
order is not the list's) shows another plan, and the test fails. Whether the index covers the
query's columns is read from the index itself: an index-only scan also depends on how much of
the table autovacuum has marked all-visible by then, which no test decides.
"""

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from .common import PengaduanCase

OPEN = ["new", "returned", "verified", "in_progress"]


@tagged("post_install", "-at_install")
class TestDeskIndexes(PengaduanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Dinas Uji Indeks"})
        cls.officer.write({"company_ids": [(4, cls.other_company.id)]})

    def setUp(self):
        super().setUp()
        self.complaint = self.receive(fields.Datetime.now(), reporter_email="budi.indeks@mail.example")

    def plan(self, query, *disabled, only=None):
        """The EXPLAIN text of ``query`` with the planner settings ``disabled`` turned off and,
        with ``only``, every other index and unique constraint of the complaints dropped but the
        primary key (in a savepoint rolled back): whether that index can serve the query at all."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("SAVEPOINT pengaduan_plan")
        try:
            for setting in disabled:
                cr.execute(SQL("SET LOCAL %s = off", SQL.identifier(setting)))
            if only:
                cr.execute("""
                    SELECT conname FROM pg_constraint
                     WHERE conrelid = 'pengaduan_complaint'::regclass AND contype IN ('u', 'x') AND conname != %s
                """, [only])
                for (name,) in cr.fetchall():
                    cr.execute(SQL("ALTER TABLE pengaduan_complaint DROP CONSTRAINT %s", SQL.identifier(name)))
                cr.execute("""
                    SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                     WHERE i.indrelid = 'pengaduan_complaint'::regclass AND NOT i.indisprimary AND c.relname != %s
                """, [only])
                for (name,) in cr.fetchall():
                    cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
            cr.execute(SQL("EXPLAIN %s", query))
            return "\n".join(row[0] for row in cr.fetchall())
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT pengaduan_plan")

    def assert_covers(self, index, columns):
        """The index holds ``columns`` (as keys or INCLUDE): it can answer without the table."""
        self.env.cr.execute("""
            SELECT a.attname FROM pg_index i
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
             WHERE i.indexrelid = %s::regclass
        """, [index])
        self.assertLessEqual(set(columns), {name for (name,) in self.env.cr.fetchall()}, index)

    def test_the_list_order_of_several_offices_is_an_index(self):
        Complaint = self.Complaint.with_user(self.officer).with_context(
            allowed_company_ids=[self.company.id, self.other_company.id])
        query = Complaint._search([], order=Complaint._order, limit=80)
        self.assertIn("company_id", str(query.where_clause), "the office rule is in the query")
        index = "pengaduan_complaint_list_order_idx"
        plan = self.plan(query.select(), "enable_seqscan", "enable_bitmapscan", "enable_sort", only=index)
        self.assertIn(f"Index Scan using {index}", plan)
        self.assertNotIn("Sort", plan, "the index gives the order")

    def test_a_part_of_the_complainant_address_is_found_by_an_index(self):
        self.assertEqual(self.Complaint.search([("reporter_email", "ilike", "indeks@mail")]), self.complaint)
        arch = self.Complaint.get_view(view_type="search")["arch"]
        self.assertIn('name="reporter_email"', arch, "the search view offers the complainant's e-mail")
        query = self.Complaint._search([("reporter_email", "ilike", "indeks@mail")])
        index = "pengaduan_complaint_reporter_email_trgm_idx"
        plan = self.plan(query.select(), "enable_seqscan", "enable_indexscan", only=index)
        self.assertIn(f"Bitmap Index Scan on {index}", plan)

    def test_the_open_desk_counters_read_one_small_index(self):
        Complaint = self.Complaint.with_user(self.officer)
        query = Complaint._search([("state", "in", OPEN)])
        counters = SQL("SELECT state, sla_state, count(*) FROM %s WHERE %s GROUP BY state, sla_state",
                       query.from_clause, query.where_clause)
        index = "pengaduan_complaint_open_counters_idx"
        plan = self.plan(counters, "enable_seqscan", "enable_bitmapscan", only=index)
        self.assertRegex(plan, f"Index (Only )?Scan using {index}")
        self.assert_covers(index, ["state", "sla_state", "company_id"])

    def test_the_overdue_filter_of_an_office_reads_one_small_index(self):
        Complaint = self.Complaint.with_user(self.officer).with_context(allowed_company_ids=[self.company.id])
        for state in ("overdue", "at_risk"):
            query = Complaint._search([("sla_state", "=", state)])
            count = SQL("SELECT count(*) FROM %s WHERE %s", query.from_clause, query.where_clause)
            index = "pengaduan_complaint_late_idx"
            plan = self.plan(count, "enable_seqscan", "enable_bitmapscan", only=index)
            self.assertRegex(plan, f"Index (Only )?Scan using {index}", state)
        self.assert_covers(index, ["company_id", "sla_state"])
