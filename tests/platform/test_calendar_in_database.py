from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.calendar import platform_calendar
from gongkai.agencies.models import CalendarDay, CalendarYear
from gongkai.publishing.services import publication_deadline


def test_it_refuses_a_deadline_in_a_year_nobody_entered(db):
    with pytest.raises(ValidationError, match="放假安排尚未录入"):
        publication_deadline(date(2030, 12, 20))


def test_it_uses_the_year_an_admin_entered(db):
    year = CalendarYear.objects.create(year=2030, source="测试通知")
    CalendarDay.objects.create(calendar_year=year, day=date(2030, 1, 1), kind="holiday", name="元旦")
    calendar = platform_calendar()
    assert not calendar.is_workday(date(2030, 1, 1))
    assert calendar.add_workdays(date(2030, 1, 1), 1) == date(2030, 1, 2)


def test_it_lets_an_entered_year_replace_the_built_in_one(db):
    year = CalendarYear.objects.create(year=2026)
    CalendarDay.objects.create(calendar_year=year, day=date(2026, 3, 3), kind="holiday", name="测试假日")
    assert publication_deadline(date(2026, 3, 2)) == date(2026, 3, 31)


def test_it_refuses_on_the_form_what_the_calendar_could_not_use(db):
    year = CalendarYear.objects.create(year=2030)
    with pytest.raises(ValidationError, match="不在2030年内"):
        CalendarDay(calendar_year=year, day=date(2031, 1, 1), kind="holiday").full_clean()
    with pytest.raises(ValidationError, match="周六或周日"):
        CalendarDay(calendar_year=year, day=date(2030, 1, 2), kind="makeup").full_clean()  # a Wednesday
    CalendarDay(calendar_year=year, day=date(2030, 1, 5), kind="makeup").full_clean()  # a Saturday
