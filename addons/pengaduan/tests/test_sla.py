"""Service-standard deadlines: working time across weekends, holidays, pauses.

Office hours 08:00-12:00 and 13:00-16:00 WIB, Monday to Friday; Wednesday
25 November 2026 is a holiday (see common.py). Expected values are naive UTC,
written with ``wib()`` as Jakarta wall-clock times.
"""
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..tools.working_time import WorkingTime
from .common import PengaduanCase, wib


@tagged("post_install", "-at_install")
class TestSlaDeadlines(PengaduanCase):

    def assertResolution(self, received, category, expected):
        complaint = self.receive(received, category_id=category.id)
        self.assertEqual(complaint.resolution_deadline, expected,
                         f"{category.sla_value} {category.sla_unit} from {received} (UTC)")
        return complaint

    def test_hours_over_the_weekend(self):
        # Friday 15:00 + 2 working hours: 1 h on Friday, 1 h on Monday
        complaint = self.assertResolution(wib(2026, 11, 20, 15), self.cat_hours, wib(2026, 11, 23, 9))
        self.assertEqual(complaint.resolution_deadline, datetime(2026, 11, 23, 2, 0), "Monday 09:00 WIB is 02:00 UTC")

    def test_hours_same_day_lunch_break_and_closed_office(self):
        self.assertResolution(wib(2026, 11, 23, 9), self.cat_hours, wib(2026, 11, 23, 11))
        # the lunch break does not count
        self.assertResolution(wib(2026, 11, 23, 11), self.cat_hours, wib(2026, 11, 23, 14))
        # received during the break: the clock starts at 13:00
        self.assertResolution(wib(2026, 11, 23, 12, 30), self.cat_hours, wib(2026, 11, 23, 15))
        # received on Saturday or after closing time: the clock starts on Monday 08:00
        self.assertResolution(wib(2026, 11, 21, 10), self.cat_hours, wib(2026, 11, 23, 10))
        self.assertResolution(wib(2026, 11, 20, 16), self.cat_hours, wib(2026, 11, 23, 10))

    def test_hours_day_before_a_holiday(self):
        # Tuesday 15:00 + 2 h: 1 h on Tuesday, Wednesday is a holiday, 1 h on Thursday
        self.assertResolution(wib(2026, 11, 24, 15), self.cat_hours, wib(2026, 11, 26, 9))
        # received on the holiday itself
        self.assertResolution(wib(2026, 11, 25, 10), self.cat_hours, wib(2026, 11, 26, 10))

    def test_minutes(self):
        # 90 minutes: 30 on Friday, 60 on Monday
        self.assertResolution(wib(2026, 11, 20, 15, 30), self.cat_minutes, wib(2026, 11, 23, 9))
        # across the lunch break
        self.assertResolution(wib(2026, 11, 23, 11), self.cat_minutes, wib(2026, 11, 23, 13, 30))
        # across the holiday
        self.assertResolution(wib(2026, 11, 24, 15), self.cat_minutes, wib(2026, 11, 26, 8, 30))

    def test_working_days_close_of_business_of_the_nth_full_day(self):
        # received Monday 10:00: Monday is not a full day, due Tuesday at closing time
        self.assertResolution(wib(2026, 11, 23, 10), self.cat_working_days, wib(2026, 11, 24, 16))
        # received Saturday: due Monday at closing time
        self.assertResolution(wib(2026, 11, 21, 10), self.cat_working_days, wib(2026, 11, 23, 16))
        # received Monday before opening: Monday is a full working day
        self.assertResolution(wib(2026, 11, 23, 7), self.cat_working_days, wib(2026, 11, 23, 16))
        # received at opening time: the whole day is still ahead
        self.assertResolution(wib(2026, 11, 23, 8), self.cat_working_days, wib(2026, 11, 23, 16))
        # received after closing time on Friday: Monday
        self.assertResolution(wib(2026, 11, 20, 16, 30), self.cat_working_days, wib(2026, 11, 23, 16))

    def test_working_days_skip_holidays(self):
        # received Tuesday 10:00, Wednesday is a holiday: Thursday
        self.assertResolution(wib(2026, 11, 24, 10), self.cat_working_days, wib(2026, 11, 26, 16))
        # received after closing on the day before the holiday: Thursday
        self.assertResolution(wib(2026, 11, 24, 17), self.cat_working_days, wib(2026, 11, 26, 16))
        # 3 working days from Friday 10:00: Monday, Tuesday, (holiday), Thursday
        three = self.env["pengaduan.category"].create({"name": "Tiga hari kerja", "sla_value": 3,
                                                        "sla_unit": "working_days"})
        self.assertResolution(wib(2026, 11, 20, 10), three, wib(2026, 11, 26, 16))

    def test_calendar_days_ignore_weekends_and_holidays(self):
        self.assertResolution(wib(2026, 11, 20, 15), self.cat_days, wib(2026, 11, 22, 15))
        self.assertResolution(wib(2026, 11, 24, 15), self.cat_days, wib(2026, 11, 26, 15))

    def test_company_default_without_category(self):
        # 5 working days from Friday 10:00: Mon 23, Tue 24, Thu 26, Fri 27, Mon 30
        complaint = self.receive(wib(2026, 11, 20, 10), category_id=False)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 30, 16))

    def test_response_deadline_and_next_deadline(self):
        complaint = self.receive(wib(2026, 11, 20, 15), channel_id=self.channel_quick.id,
                                 category_id=self.cat_working_days.id)
        # 2 working hours for the first response, 1 working day for the resolution
        self.assertEqual(complaint.response_deadline, wib(2026, 11, 23, 9))
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 23, 16))
        self.assertEqual(complaint.sla_deadline, wib(2026, 11, 23, 9), "the earliest deadline still to meet")
        # at risk when a quarter of the (wall-clock) time is left: 66 h / 4 before the deadline
        self.assertEqual(complaint.sla_risk_date, wib(2026, 11, 23, 9) - timedelta(hours=16, minutes=30))
        with self.at(wib(2026, 11, 23, 8, 30)):
            complaint.with_user(self.officer).action_verify()
        self.assertEqual(complaint.first_response_date, wib(2026, 11, 23, 8, 30))
        self.assertEqual(complaint.sla_deadline, wib(2026, 11, 23, 16), "after the first response: the resolution")

    def test_deadlines_follow_the_company_calendar(self):
        """Another calendar (Mon-Thu 07:00-15:00 WIB) on the company: the same complaint gets other deadlines."""
        calendar = self.env["resource.calendar"].create({
            "name": "Jam Layanan Lain", "tz": "Asia/Jakarta", "company_id": self.company.id,
            "attendance_ids": [Command.clear()] + [
                Command.create({"name": f"d{day}", "dayofweek": str(day), "hour_from": 7.0, "hour_to": 15.0,
                                "day_period": "morning"}) for day in range(4)
            ],
        })
        self.company.pengaduan_calendar_id = calendar
        # Thursday 14:00 + 2 h: 1 h on Thursday, then Monday 07:00-08:00
        self.assertResolution(wib(2026, 11, 19, 14), self.cat_hours, wib(2026, 11, 23, 8))


@tagged("post_install", "-at_install")
class TestSlaPause(PengaduanCase):
    """Returning a file to the complainant stops the clock; resuming moves the deadlines."""

    def _return(self, complaint, when, reason="Fotokopi KTP belum dilampirkan."):
        complaint.return_reason = reason
        with self.at(when):
            complaint.with_user(self.officer).action_return()

    def _resume(self, complaint, when):
        with self.at(when):
            complaint.with_user(self.officer).action_resume()

    def assertRecomputeKeeps(self, complaint):
        deadlines = complaint.read(["response_deadline", "resolution_deadline", "sla_deadline"])
        complaint.with_user(self.manager).action_recompute_deadlines()
        complaint.invalidate_recordset()
        self.assertEqual(complaint.read(["response_deadline", "resolution_deadline", "sla_deadline"]), deadlines,
                         "the pause history is kept: a recompute gives the same deadlines")

    def test_pause_in_hours(self):
        complaint = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_hours.id)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 23, 11))
        # 10 working days for the first response: Tuesday 8 December 16:00
        self.assertEqual(complaint.response_deadline, wib(2026, 12, 8, 16))
        with self.at(wib(2026, 11, 23, 9, 30)):
            complaint.with_user(self.officer).action_verify()

        self._return(complaint, wib(2026, 11, 23, 10))
        self.assertEqual(complaint.state, "returned")
        self.assertEqual(complaint.state_before_return, "verified")
        self.assertEqual(complaint.date_paused, wib(2026, 11, 23, 10))
        self.assertEqual(complaint.pause_work_hours, 0.0)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 23, 11), "unchanged while paused")

        # resumed on Tuesday 10:00: paused Mon 10-12, 13-16 and Tue 08-10 = 7 working hours
        self._resume(complaint, wib(2026, 11, 24, 10))
        self.assertEqual(complaint.state, "verified", "back to the state before the return")
        self.assertFalse(complaint.state_before_return)
        self.assertFalse(complaint.date_paused)
        self.assertEqual(complaint.pause_work_hours, 7.0)
        self.assertEqual(complaint.pause_calendar_hours, 24.0)
        # 1 h was used before the return, 1 h is left after Tuesday 10:00
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 24, 11))
        # the response deadline moves by the same 7 h: Wednesday 9 December 16:00
        self.assertEqual(complaint.response_deadline, wib(2026, 12, 9, 16))
        self.assertRecomputeKeeps(complaint)

    def test_pause_over_weekend_and_holiday(self):
        complaint = self.receive(wib(2026, 11, 20, 15), category_id=self.cat_hours.id)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 23, 9))
        self._return(complaint, wib(2026, 11, 20, 15, 30))
        self.assertEqual(complaint.state_before_return, "new")
        # paused Fri 15:30-16:00, Mon and Tue (7 h each), the holiday, Thu 08:00-08:30: 15 h
        self._resume(complaint, wib(2026, 11, 26, 8, 30))
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.pause_work_hours, 15.0)
        self.assertEqual(complaint.pause_calendar_hours, 137.0)
        # 30 minutes were used before the pause, 1 h 30 is left from Thursday 08:30
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 26, 10))
        self.assertRecomputeKeeps(complaint)

    def test_pause_in_working_days_restores_in_progress(self):
        complaint = self.receive(wib(2026, 11, 23, 10), category_id=self.cat_working_days.id)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 24, 16))
        with self.at(wib(2026, 11, 23, 11)):
            complaint.with_user(self.officer).action_verify()
            complaint.with_user(self.staff_a).action_start()
        self.assertEqual(complaint.state, "in_progress")
        self._return(complaint, wib(2026, 11, 23, 14))
        self.assertEqual(complaint.state_before_return, "in_progress")
        # paused Mon 14-16 and Tue 08-12, 13-14: 7 working hours
        self._resume(complaint, wib(2026, 11, 24, 14))
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.pause_work_hours, 7.0)
        # Tuesday 16:00 + 7 working hours: the holiday is skipped, Thursday 16:00
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 26, 16))
        self.assertRecomputeKeeps(complaint)

    def test_pause_in_calendar_days_moves_by_the_wall_clock(self):
        complaint = self.receive(wib(2026, 11, 20, 15), category_id=self.cat_days.id)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 22, 15))
        self._return(complaint, wib(2026, 11, 21, 10))
        self._resume(complaint, wib(2026, 11, 23, 10))
        self.assertEqual(complaint.pause_calendar_hours, 48.0)
        self.assertEqual(complaint.pause_work_hours, 2.0)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 24, 15), "two calendar days later")
        self.assertRecomputeKeeps(complaint)

    def test_pauses_add_up(self):
        complaint = self.receive(wib(2026, 11, 23, 8), category_id=self.cat_minutes.id)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 23, 9, 30))
        self._return(complaint, wib(2026, 11, 23, 8, 30))
        self._resume(complaint, wib(2026, 11, 23, 9))
        self.assertEqual(complaint.pause_work_hours, 0.5)
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 23, 10))
        # second pause over the lunch break: 09:15-12:00 and 13:00-13:15 = 3 working hours
        self._return(complaint, wib(2026, 11, 23, 9, 15))
        self._resume(complaint, wib(2026, 11, 23, 13, 15))
        self.assertEqual(complaint.pause_work_hours, 3.5)
        self.assertEqual(complaint.pause_calendar_hours, 4.5)
        # 45 minutes used, 45 left from 13:15
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 23, 14))
        self.assertRecomputeKeeps(complaint)

    def test_no_double_return_and_resume_only_returned(self):
        complaint = self.receive(wib(2026, 11, 23, 9))
        with self.assertRaises(UserError), self.at(wib(2026, 11, 23, 9, 30)):
            complaint.with_user(self.officer).action_resume()
        self._return(complaint, wib(2026, 11, 23, 10))
        with self.assertRaises(UserError), self.at(wib(2026, 11, 23, 11)):
            complaint.with_user(self.officer).action_return()
        self.assertEqual(complaint.date_paused, wib(2026, 11, 23, 10), "the pause start is kept")

    def test_recompute_uses_new_standards_and_holidays(self):
        """Deadlines are history: a new holiday changes nothing until they are recomputed."""
        complaint = self.receive(wib(2026, 11, 23, 9), category_id=self.cat_hours.id)
        self._return(complaint, wib(2026, 11, 23, 10))
        self._resume(complaint, wib(2026, 11, 24, 10))
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 24, 11))
        cuti = self.env["resource.calendar.leaves"].create({
            "name": "Cuti Bersama Uji", "date_from": wib(2026, 11, 24), "date_to": wib(2026, 11, 24, 23, 59),
            "time_type": "leave",
        })
        cuti.company_id = False
        complaint.invalidate_recordset()
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 24, 11), "stored, not moved silently")
        complaint.with_user(self.manager).action_recompute_deadlines()
        # Mon 09-11 (2 h) + the 7 paused hours kept from the resume: Mon 11-12, 13-16, Thu 08-11
        self.assertEqual(complaint.resolution_deadline, wib(2026, 11, 26, 11))
        self.assertEqual(complaint.pause_work_hours, 7.0)

    def test_recompute_a_batch_spanning_years(self):
        """One recompute over complaints received years apart (a whole archive)."""
        old = self.receive(wib(2021, 3, 1, 9), category_id=self.cat_hours.id)
        new = self.receive(wib(2026, 11, 20, 15), category_id=self.cat_hours.id)
        self.assertEqual(old.resolution_deadline, wib(2021, 3, 1, 11))
        (old | new).with_user(self.manager).action_recompute_deadlines()
        self.assertEqual(old.resolution_deadline, wib(2021, 3, 1, 11))
        self.assertEqual(new.resolution_deadline, wib(2026, 11, 23, 9))


@tagged("post_install", "-at_install")
class TestWorkingTime(PengaduanCase):
    """tools/working_time.py on its own."""

    def test_add_hours(self):
        wt = WorkingTime(self.calendar, wib(2026, 11, 20))
        friday = wib(2026, 11, 20, 15)
        saturday = wib(2026, 11, 21, 10)
        self.assertEqual(wt.add_hours(friday, 0), friday, "0 hours: the same moment")
        self.assertEqual(wt.add_hours(saturday, 0), saturday, "even outside working time")
        self.assertEqual(wt.add_hours(friday, -3), friday)
        self.assertEqual(wt.add_hours(friday, 2), datetime(2026, 11, 23, 2, 0))
        self.assertEqual(wt.add_hours(friday, 1), wib(2026, 11, 20, 16), "exactly at closing time")
        self.assertEqual(wt.add_hours(saturday, 0.25), wib(2026, 11, 23, 8, 15))
        self.assertEqual(wt.add_hours(wib(2026, 11, 24, 15), 2), wib(2026, 11, 26, 9))
        self.assertEqual(wt.add_working_days(friday, 0), friday)

    def test_holiday_entered_in_the_list_counts_at_once_for_every_office(self):
        monday = (wib(2026, 11, 30, 8), wib(2026, 11, 30, 16))
        self.assertEqual(WorkingTime(self.calendar, monday[0]).hours_between(*monday), 7.0)
        context = safe_eval(self.env.ref("pengaduan.resource_calendar_leaves_action_holidays").context)
        holiday = self.env["resource.calendar.leaves"].with_context(**context).create({
            "name": "Libur uji", "date_from": wib(2026, 11, 30), "date_to": wib(2026, 11, 30, 23, 59)})
        self.assertFalse(holiday.company_id, "a national holiday belongs to no single office")
        self.assertEqual(WorkingTime(self.calendar, monday[0]).hours_between(*monday), 0.0,
                         "the cached working time of the calendar was cleared")

    def test_hours_between(self):
        wt = WorkingTime(self.calendar, wib(2026, 11, 20))
        self.assertEqual(wt.hours_between(wib(2026, 11, 20, 15), wib(2026, 11, 23, 9)), 2.0)
        self.assertEqual(wt.hours_between(wib(2026, 11, 24, 15), wib(2026, 11, 26, 9)), 2.0, "holiday skipped")
        self.assertEqual(wt.hours_between(wib(2026, 11, 23, 12), wib(2026, 11, 23, 13)), 0.0, "lunch break")
        self.assertEqual(wt.hours_between(wib(2026, 11, 23, 11, 30), wib(2026, 11, 23, 13, 30)), 1.0)
        self.assertEqual(wt.hours_between(wib(2026, 11, 23), wib(2026, 11, 30)), 28.0, "4 working days")
        self.assertEqual(wt.hours_between(wib(2026, 11, 23, 9), wib(2026, 11, 23, 9)), 0.0)
        self.assertEqual(wt.hours_between(wib(2026, 11, 23, 10), wib(2026, 11, 23, 9)), 0.0, "end before begin")

    def test_long_spans_cross_cache_chunks(self):
        start = wib(2026, 11, 23, 8)
        cached = WorkingTime(self.calendar, start)
        deadline = cached.add_hours(start, 7 * 100)  # 100 working days, well past one 62-day chunk
        self.assertEqual(WorkingTime(self.calendar, start).add_hours(start, 7 * 100), deadline)
        self.assertEqual(cached.hours_between(start, deadline), 700.0)
        self.assertEqual(deadline.hour, 9, "ends at closing time, 16:00 WIB")
        # going back in time on a warm cache gives the same answers as a fresh one
        earlier = wib(2026, 6, 5, 15)
        self.assertEqual(cached.add_hours(earlier, 2), WorkingTime(self.calendar, earlier).add_hours(earlier, 2))
        self.assertEqual(cached.add_hours(earlier, 2), wib(2026, 6, 8, 9))

    def test_moments_years_apart(self):
        wt = WorkingTime(self.calendar, wib(2020, 1, 6))
        self.assertEqual(wt.add_hours(wib(2020, 1, 6, 9), 2), wib(2020, 1, 6, 11))
        # more than the search horizon after the cache's start
        self.assertEqual(wt.add_hours(wib(2026, 11, 20, 15), 2), wib(2026, 11, 23, 9))
        self.assertEqual(wt.add_working_days(wib(2026, 11, 24, 10), 1), wib(2026, 11, 26, 16))
        self.assertEqual(wt.hours_between(wib(2026, 11, 24, 15), wib(2026, 11, 26, 9)), 2.0)

    def test_calendar_without_working_time_raises(self):
        empty = self.env["resource.calendar"].create({
            "name": "Tanpa jam kerja", "tz": "Asia/Jakarta", "attendance_ids": [Command.clear()],
        })
        with self.assertRaises(ValueError):
            WorkingTime(empty, wib(2026, 11, 23)).add_hours(wib(2026, 11, 23, 9), 1)
