"""Year schedules supplied by the platform (an admin enters next year's as soon as it is published)."""

from datetime import date

import pytest

from gongkai.workdays import (
    SOURCE_OVERRIDE,
    InvalidScheduleError,
    Received,
    WorkdayCalendar,
    YearSchedule,
    compute_clock,
    package_schedule,
)

D = date.fromisoformat

# A made-up 2027 schedule in the shape the State Council uses: New Year on a Friday, Spring Festival 2027-02-06..14
# with two Saturdays worked. The tests need a schedule, not the real one.
SCHEDULE_2027 = YearSchedule(
    year=2027,
    holidays={D("2027-01-01"), D("2027-01-02"), D("2027-01-03")} | {date(2027, 2, day) for day in range(6, 15)},
    makeup_workdays={D("2027-02-20"), D("2027-01-30")},
    names={D("2027-01-01"): "元旦", date(2027, 2, 6): "春节"},
)


def test_it_computes_a_december_2026_application_once_2027_is_entered():
    calendar = WorkdayCalendar([SCHEDULE_2027])
    result = compute_clock([Received(on=D("2026-12-18"))], calendar)
    # 12-21..12-31: 9 working days; 2027-01-01..03 off; 01-04.. : 11 more -> 2027-01-18.
    assert result.due_date == D("2027-01-18")
    assert any("管理员录入的放假安排" in step.text for step in result.steps)


def test_it_counts_a_makeup_day_from_an_override():
    calendar = WorkdayCalendar([SCHEDULE_2027])
    assert calendar.is_workday(D("2027-01-30"))  # a Saturday, worked
    assert not calendar.is_workday(D("2027-02-08"))  # a Monday, Spring Festival
    assert calendar.add_workdays(D("2027-01-29"), 1) == D("2027-01-30")
    assert calendar.add_workdays(D("2027-02-05"), 1) == D("2027-02-15")


def test_it_lets_an_override_replace_the_packages_year():
    # Suppose 2026-09-24 had been declared a holiday after the package was released.
    official = package_schedule(2026)
    amended = YearSchedule(
        year=2026,
        holidays=official.holidays | {D("2026-09-24")},
        makeup_workdays=official.makeup_workdays,
        names=official.names,
    )
    calendar = WorkdayCalendar([amended])
    assert not calendar.is_workday(D("2026-09-24"))
    assert calendar.schedule(2026).source == SOURCE_OVERRIDE
    # Recomputing with the new calendar moves the open case's date: the holiday is one day inside its period.
    events = [Received(on=D("2026-09-21"))]
    before = compute_clock(events, WorkdayCalendar()).due_date
    after = compute_clock(events, calendar).due_date
    assert (before, after) == (D("2026-10-26"), D("2026-10-27"))


def test_it_copies_the_package_schedule_for_an_admin_to_start_from():
    schedule = package_schedule(2026)
    assert D("2026-02-16") in schedule.holidays
    assert D("2026-02-14") in schedule.makeup_workdays
    assert schedule.names[D("2026-10-01")] == "国庆节"
    assert schedule.names[D("2026-09-25")] == "中秋节"


def test_it_refuses_a_schedule_with_a_date_of_another_year():
    with pytest.raises(InvalidScheduleError, match="其他年份"):
        YearSchedule(year=2027, holidays={D("2026-12-31")})


def test_it_refuses_a_day_both_off_and_worked():
    with pytest.raises(InvalidScheduleError, match="既是放假日又是调休上班日"):
        YearSchedule(year=2027, holidays={D("2027-02-20")}, makeup_workdays={D("2027-02-20")})


def test_it_refuses_a_makeup_workday_on_a_weekday():
    with pytest.raises(InvalidScheduleError, match="调休上班日应为周六或周日"):
        YearSchedule(year=2027, holidays=set(), makeup_workdays={D("2027-02-22")})


def test_it_refuses_two_schedules_for_one_year():
    with pytest.raises(InvalidScheduleError, match="2027年的放假安排重复"):
        WorkdayCalendar([SCHEDULE_2027, SCHEDULE_2027])


def test_it_refuses_a_non_date_in_a_schedule():
    with pytest.raises(InvalidScheduleError, match="不是日期"):
        YearSchedule(year=2027, holidays={"2027-01-01"})
