"""Every holiday and make-up workday of 2024-2026, and counting across each of them."""

from datetime import date, timedelta

import pytest

from gongkai.workdays import Received, compute_clock, default_calendar

from .schedules import HOLIDAYS, is_workday

D = date.fromisoformat
CALENDAR = default_calendar()

# holiday, last working day before it, the next working day, 20 working days after it,
# the first day of the holiday (an online application confirmed that day), 20 working days after that.
AROUND_HOLIDAYS = [
    ("2024 元旦", "2023-12-29", "2024-01-02", "2024-01-29", "2024-01-01", "2024-01-29"),
    ("2024 春节", "2024-02-09", "2024-02-18", "2024-03-14", "2024-02-10", "2024-03-14"),
    ("2024 清明节", "2024-04-03", "2024-04-07", "2024-05-06", "2024-04-04", "2024-05-06"),
    ("2024 劳动节", "2024-04-30", "2024-05-06", "2024-05-30", "2024-05-01", "2024-05-30"),
    ("2024 端午节", "2024-06-07", "2024-06-11", "2024-07-08", "2024-06-08", "2024-07-08"),
    ("2024 中秋节", "2024-09-14", "2024-09-18", "2024-10-18", "2024-09-15", "2024-10-18"),
    ("2024 国庆节", "2024-09-30", "2024-10-08", "2024-11-01", "2024-10-01", "2024-11-01"),
    ("2025 元旦", "2024-12-31", "2025-01-02", "2025-02-05", "2025-01-01", "2025-02-05"),
    ("2025 春节", "2025-01-27", "2025-02-05", "2025-03-03", "2025-01-28", "2025-03-03"),
    ("2025 清明节", "2025-04-03", "2025-04-07", "2025-05-06", "2025-04-04", "2025-05-06"),
    ("2025 劳动节", "2025-04-30", "2025-05-06", "2025-06-03", "2025-05-01", "2025-06-03"),
    ("2025 端午节", "2025-05-30", "2025-06-03", "2025-06-30", "2025-05-31", "2025-06-30"),
    ("2025 国庆节中秋节", "2025-09-30", "2025-10-09", "2025-11-04", "2025-10-01", "2025-11-04"),
    ("2026 元旦", "2025-12-31", "2026-01-04", "2026-01-29", "2026-01-01", "2026-01-29"),
    ("2026 春节", "2026-02-14", "2026-02-24", "2026-03-20", "2026-02-15", "2026-03-20"),
    ("2026 清明节", "2026-04-03", "2026-04-07", "2026-05-07", "2026-04-04", "2026-05-07"),
    ("2026 劳动节", "2026-04-30", "2026-05-06", "2026-06-01", "2026-05-01", "2026-06-01"),
    ("2026 端午节", "2026-06-18", "2026-06-22", "2026-07-17", "2026-06-19", "2026-07-17"),
    ("2026 中秋节", "2026-09-24", "2026-09-28", "2026-10-29", "2026-09-25", "2026-10-29"),
    ("2026 国庆节", "2026-09-30", "2026-10-08", "2026-11-03", "2026-10-01", "2026-11-03"),
]

# Make-up workdays that are the very next working day after the one before: the clock must not skip them.
MAKEUP_NEXT = [
    ("2024-02-02", "2024-02-04"),
    ("2024-04-26", "2024-04-28"),
    ("2024-05-10", "2024-05-11"),
    ("2024-09-13", "2024-09-14"),
    ("2024-09-27", "2024-09-29"),
    ("2024-10-11", "2024-10-12"),
    ("2025-01-24", "2025-01-26"),
    ("2025-02-07", "2025-02-08"),
    ("2025-04-25", "2025-04-27"),
    ("2025-09-26", "2025-09-28"),
    ("2025-10-10", "2025-10-11"),
    ("2025-12-31", "2026-01-04"),
    ("2026-02-13", "2026-02-14"),
    ("2026-02-27", "2026-02-28"),
    ("2026-05-08", "2026-05-09"),
    ("2026-09-18", "2026-09-20"),
    ("2026-10-09", "2026-10-10"),
]


@pytest.mark.parametrize(("name", "off", "makeups"), HOLIDAYS, ids=[h[0] for h in HOLIDAYS])
def test_it_treats_every_holiday_day_as_off_and_every_makeup_day_as_worked(name, off, makeups):
    assert [day for day in off if CALENDAR.is_workday(day)] == []
    assert [day for day in makeups if not CALENDAR.is_workday(D(day))] == []


@pytest.mark.parametrize(("name", "before", "next_day", "due", "first_off", "due_from_off"), AROUND_HOLIDAYS)
def test_it_counts_across_each_holiday(name, before, next_day, due, first_off, due_from_off):
    assert CALENDAR.add_workdays(D(before), 1) == D(next_day)
    assert CALENDAR.add_workdays(D(before), 20) == D(due)
    assert compute_clock([Received(on=D(before))], CALENDAR).due_date == D(due)
    # Received on a day off (online, confirmed that day): day 1 is still the next working day.
    assert compute_clock([Received(on=D(first_off), channel="online")], CALENDAR).due_date == D(due_from_off)


@pytest.mark.parametrize(("before", "makeup"), MAKEUP_NEXT)
def test_it_counts_a_makeup_weekend_day_as_the_next_working_day(before, makeup):
    assert D(makeup).weekday() >= 5
    assert CALENDAR.add_workdays(D(before), 1) == D(makeup)
    assert CALENDAR.next_workday(D(before) + timedelta(days=1)) == D(makeup)


def test_it_agrees_with_the_state_council_notices_on_every_day_of_2024_to_2026():
    day, disagreements = date(2024, 1, 1), []
    while day.year <= 2026:
        if CALENDAR.is_workday(day) != is_workday(day):
            disagreements.append(day)
        day += timedelta(days=1)
    assert disagreements == []


def test_it_counts_the_working_days_of_each_year():
    # Counted by hand from the notices: 2024 = 366 - 104 weekend days - 19 weekdays off + 8 make-up days = 251;
    # 2025 = 365 - 104 - 18 + 5 = 248.
    for year in (2024, 2025, 2026):
        expected = sum(
            1
            for n in range((date(year, 12, 31) - date(year, 1, 1)).days + 1)
            if is_workday(date(year, 1, 1) + timedelta(n))
        )
        assert CALENDAR.count_workdays(date(year - 1, 12, 31), date(year, 12, 31)) == expected
    assert CALENDAR.count_workdays(date(2023, 12, 31), date(2024, 12, 31)) == 251
    assert CALENDAR.count_workdays(date(2024, 12, 31), date(2025, 12, 31)) == 248
