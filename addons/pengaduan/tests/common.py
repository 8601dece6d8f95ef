"""Fixtures shared by the pengaduan tests, independent of demo data.

The office works Monday to Friday, 08:00-12:00 and 13:00-16:00 WIB (UTC+7),
i.e. 01:00-05:00 and 06:00-09:00 UTC. Wednesday 25 November 2026 is a global
public holiday. Dates used by the tests (November 2026)::

    Mo Tu We Th Fr Sa Su
    16 17 18 19 20 21 22
    23 24 25 26 27 28 29      (25: holiday)

Every datetime handed to or read from the ORM is naive UTC; ``wib()`` turns a
Jakarta wall-clock time into it.
"""
from contextlib import contextmanager
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

WIB = timedelta(hours=7)
# fields the workflow writes: a refused transition must leave them all as they were
WORKFLOW_SNAPSHOT = [
    "state", "state_before_return", "first_response_date", "resolved_date", "date_closed",
    "date_paused", "pause_work_hours", "pause_calendar_hours", "escalation_level",
    "response_deadline", "resolution_deadline", "user_id", "department_id",
]


def wib(year, month, day, hour=0, minute=0):
    """Naive UTC datetime of a Jakarta (WIB, UTC+7) wall-clock time."""
    return datetime(year, month, day, hour, minute) - WIB


@tagged("post_install", "-at_install")
class PengaduanCase(TransactionCase):
    """Company calendar, holiday, departments, one user per role, categories and channels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.Complaint = cls.env["pengaduan.complaint"]
        cls.Disposition = cls.env["pengaduan.disposition"]

        # -- service hours and holidays ------------------------------------------------
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Jam Layanan Uji (Senin-Jumat 08:00-16:00 WIB)",
            "tz": "Asia/Jakarta",
            "company_id": cls.company.id,
            "hours_per_day": 7.0,
            "attendance_ids": [Command.clear()] + [
                Command.create({"name": f"{day_name} {period}", "dayofweek": str(day),
                                "hour_from": hour_from, "hour_to": hour_to, "day_period": period})
                for day, day_name in enumerate(["Mon", "Tue", "Wed", "Thu", "Fri"])
                for hour_from, hour_to, period in [(8.0, 12.0, "morning"), (13.0, 16.0, "afternoon")]
            ],
        })
        # holidays shipped as data must not move the expected deadlines
        cls.env["resource.calendar.leaves"].search([("resource_id", "=", False)]).unlink()
        cls.holiday = cls.env["resource.calendar.leaves"].create({
            "name": "Hari Libur Uji",
            "date_from": wib(2026, 11, 25, 0, 0),
            "date_to": wib(2026, 11, 25, 23, 59) + timedelta(seconds=59),
            "time_type": "leave",
        })
        # a public holiday of every office: no calendar, no resource, no company
        # (company_id is computed at creation, so it is emptied afterwards)
        cls.holiday.write({"company_id": False})

        # -- organisation ---------------------------------------------------------------
        cls.dept_a = cls.env["hr.department"].create({"name": "Bidang Uji A", "company_id": cls.company.id})
        cls.dept_b = cls.env["hr.department"].create({"name": "Bidang Uji B", "company_id": cls.company.id})

        def user(login, name, groups):
            return mail_new_test_user(
                cls.env, login=login, name=name, email=f"{login}@pengaduan.example",
                groups=f"base.group_user,{groups}", tz="Asia/Jakarta",
                company_id=cls.company.id,
            )

        cls.officer = user("pgd_officer", "Petugas Uji", "pengaduan.group_officer")
        cls.kabid_a = user("pgd_kabid_a", "Kabid A Uji", "pengaduan.group_handler")
        cls.staff_a = user("pgd_staff_a", "Staf A Uji", "pengaduan.group_handler")
        cls.handler_b = user("pgd_handler_b", "Staf B Uji", "pengaduan.group_handler")
        cls.head = user("pgd_head", "Kepala Dinas Uji", "pengaduan.group_head")
        cls.manager = user("pgd_manager", "Admin Pengaduan Uji", "pengaduan.group_manager")

        Employee = cls.env["hr.employee"]
        cls.emp_kabid_a = Employee.create({"name": "Kabid A Uji", "user_id": cls.kabid_a.id,
                                           "department_id": cls.dept_a.id, "company_id": cls.company.id})
        cls.emp_staff_a = Employee.create({"name": "Staf A Uji", "user_id": cls.staff_a.id,
                                           "department_id": cls.dept_a.id, "parent_id": cls.emp_kabid_a.id,
                                           "company_id": cls.company.id})
        cls.emp_b = Employee.create({"name": "Staf B Uji", "user_id": cls.handler_b.id,
                                     "department_id": cls.dept_b.id, "company_id": cls.company.id})
        cls.emp_head = Employee.create({"name": "Kepala Dinas Uji", "user_id": cls.head.id,
                                        "company_id": cls.company.id})
        cls.dept_a.manager_id = cls.emp_kabid_a

        cls.company.write({
            "pengaduan_calendar_id": cls.calendar.id,
            "pengaduan_head_user_id": cls.head.id,
            "pengaduan_risk_ratio": 0.25,
            "pengaduan_resolution_time": 5,
            "pengaduan_resolution_unit": "working_days",
        })

        # -- standards: one category per SLA unit, and channels ------------------------
        Category = cls.env["pengaduan.category"]
        cls.cat_minutes = Category.create({"name": "Uji Menit", "sla_value": 90, "sla_unit": "minutes",
                                           "department_id": cls.dept_a.id})
        cls.cat_hours = Category.create({"name": "Uji Jam", "sla_value": 2, "sla_unit": "hours",
                                         "department_id": cls.dept_a.id})
        cls.cat_working_days = Category.create({"name": "Uji Hari Kerja", "sla_value": 1,
                                                "sla_unit": "working_days", "department_id": cls.dept_a.id})
        cls.cat_days = Category.create({"name": "Uji Hari Kalender", "sla_value": 2, "sla_unit": "days",
                                        "department_id": cls.dept_b.id})
        cls.cat_general = Category.create({"name": "Uji Umum", "sla_value": 3, "sla_unit": "working_days"})

        Channel = cls.env["pengaduan.channel"]
        # a slow channel: its response deadline never comes before a category's resolution deadline
        cls.channel = Channel.create({"name": "Surat Uji", "code": "T_LETTER", "response_time": 10,
                                      "response_unit": "working_days"})
        cls.channel_quick = Channel.create({"name": "Telepon Uji", "code": "T_PHONE", "is_direct": True,
                                            "response_time": 2, "response_unit": "hours"})

    # -- helpers ---------------------------------------------------------------------------
    @contextmanager
    def at(self, when):
        """Pin "now" to ``when`` (naive UTC) and flush before leaving: the stored SLA status is
        computed from "now" when the ORM flushes, which must happen at the pinned moment."""
        with freeze_time(when):
            yield
            self.env.flush_all()

    def receive(self, when, user=None, **values):
        """Register a complaint received at ``when`` (naive UTC), "now" pinned to that moment."""
        vals = {
            "name": "Pengaduan uji",
            "description": "<p>Isi pengaduan uji.</p>",
            "channel_id": self.channel.id,
            "category_id": self.cat_hours.id,
            "reporter_name": "Budi Santoso",
            "reporter_email": "budi@warga.example",
            "date_received": when,
        }
        vals.update(values)
        with self.at(when):
            complaint = self.Complaint.with_user(user or self.officer).create(vals)
        return complaint.with_env(self.env)

    def snapshot(self, records):
        records.invalidate_recordset()
        return records.sudo().read(WORKFLOW_SNAPSHOT)

    def assert_refused_unchanged(self, records, method, exception, *args, **kwargs):
        """Call ``method`` *without* a savepoint: the guard must refuse before anything is
        written, so that even the current transaction keeps the records as they were."""
        before = self.snapshot(records)
        refused = False
        try:
            getattr(records, method)(*args, **kwargs)
        except exception:
            refused = True  # no savepoint on purpose (assertRaises would roll back to one)
        self.assertTrue(refused, f"{method} on {records} should have raised {exception.__name__}")
        records.env.flush_all()
        self.assertEqual(self.snapshot(records), before, f"{method}: nothing may be half-written")

    def messages_with(self, complaint, text):
        return complaint.sudo().message_ids.filtered(lambda m: text in (m.body or ""))
