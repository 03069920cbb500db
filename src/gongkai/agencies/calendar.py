"""The working-day calendar as the platform sees it: the built-in schedules plus the years an admin entered."""

from __future__ import annotations

from gongkai.agencies.models import CalendarDay, CalendarYear
from gongkai.workdays import SOURCE_OVERRIDE, WorkdayCalendar, YearSchedule


def year_schedules() -> list[YearSchedule]:
    schedules = []
    for year in CalendarYear.objects.prefetch_related("days"):
        days = list(year.days.all())
        schedules.append(
            YearSchedule(
                year=year.year,
                holidays=[d.day for d in days if d.kind == CalendarDay.Kind.HOLIDAY],
                makeup_workdays=[d.day for d in days if d.kind == CalendarDay.Kind.MAKEUP_WORKDAY],
                names={d.day: d.name for d in days if d.name},
                source=year.source or SOURCE_OVERRIDE,
            )
        )
    return schedules


def platform_calendar() -> WorkdayCalendar:
    """Built per call: two small queries, and a newly entered year applies at once."""
    return WorkdayCalendar(overrides=year_schedules(), provisional=True)
