"""A year with no schedule is refused loudly, never counted as plain Monday-Friday."""

from datetime import date

import pytest

from gongkai.workdays import (
    Received,
    UnknownYearError,
    WorkdayCalendar,
    WorkdaysError,
    compute_clock,
    default_calendar,
)

MESSAGE = "日历中没有2027年的节假日安排，请管理员先录入该年度的放假调休安排"


def test_it_names_the_year_it_has_no_schedule_for():
    with pytest.raises(UnknownYearError) as caught:
        default_calendar().is_workday(date(2027, 1, 4))
    assert caught.value.year == 2027
    assert str(caught.value) == MESSAGE


def test_it_refuses_a_december_application_whose_period_runs_into_2027():
    # 2026-12-10 plus 20 working days is in January 2027.
    with pytest.raises(UnknownYearError, match="2027年"):
        compute_clock([Received(on=date(2026, 12, 10))], default_calendar())


def test_it_still_computes_a_december_application_that_ends_in_2026():
    result = compute_clock([Received(on=date(2026, 12, 1))], default_calendar())
    assert result.due_date == date(2026, 12, 29)


def test_it_refuses_years_before_the_package():
    with pytest.raises(UnknownYearError, match="2003年"):
        default_calendar().add_workdays(date(2003, 6, 2), 1)


def test_it_refuses_every_year_when_told_not_to_use_the_package():
    with pytest.raises(UnknownYearError, match="2026年"):
        WorkdayCalendar(use_package=False).is_workday(date(2026, 9, 24))


def test_it_is_a_value_error_so_callers_can_catch_bad_input_broadly():
    assert issubclass(UnknownYearError, WorkdaysError)
    assert issubclass(UnknownYearError, ValueError)
