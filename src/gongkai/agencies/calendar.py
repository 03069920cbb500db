"""The working-day calendar as the platform sees it: the built-in schedules plus the years an admin entered."""

from __future__ import annotations

from datetime import date

from gongkai.agencies.models import CalendarDay, CalendarYear
from gongkai.workdays import SOURCE_OVERRIDE, WorkdayCalendar, YearSchedule, package_years


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


def platform_calendar(*, provisional: bool = True) -> WorkdayCalendar:
    """Built per call: two small queries, and a newly entered year applies at once. Applications use the provisional
    stand-in for a year nobody entered yet (their dates are cached with a 暂定 mark and recomputed on entry); a caller
    that stores a date nothing will recompute passes `provisional=False` and gets `UnknownYearError` instead."""
    return WorkdayCalendar(overrides=year_schedules(), provisional=provisional)


# The State Council publishes next year's schedule in November; from 1 November admins are reminded while it is missing.
SCHEDULE_REMINDER_MONTH = 11


def missing_next_year(today: date) -> int | None:
    """Next year, if it is November or December and the platform has no schedule for it; else None."""
    if today.month < SCHEDULE_REMINDER_MONTH:
        return None
    year = today.year + 1
    if year in package_years() or CalendarYear.objects.filter(year=year).exists():
        return None
    return year
