"""A year without an entered schedule is counted provisionally on the safe side: against the real schedules of
2024-2026, a due date from the provisional calendar is never later than the real one, for any receipt and period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.workdays import Received, WorkdayCalendar, compute_clock, default_calendar
from gongkai.workdays.calendar import PROVISIONAL_ASSUMPTION, provisional_schedule

REAL = default_calendar()


@pytest.mark.parametrize("year", [2024, 2025, 2026])
@pytest.mark.parametrize("workdays", [7, 15, 20, 40])
def test_it_is_never_later_than_the_real_schedule(year, workdays):
    provisional = WorkdayCalendar(overrides=[provisional_schedule(year)])  # the year as if nobody had entered it
    # Every receipt in the year whose period ends in it too (2027 has no real schedule to compare with).
    last = date(year, 12, 31) - timedelta(days=workdays * 7 // 5 + 21)
    day = date(year, 1, 1)
    while day <= last:
        assert provisional.add_workdays(day, workdays) <= REAL.add_workdays(day, workdays), day
        day += timedelta(days=1)


def test_it_marks_the_dates_and_states_the_assumption():
    calendar = WorkdayCalendar(provisional=True)
    result = compute_clock([Received(on=date(2026, 12, 10))], calendar)
    assert result.provisional and result.due_date.year == 2027
    assert "暂定" in result.explanation()
    assert PROVISIONAL_ASSUMPTION.format(year=2027, reach=14) in result.explanation()
