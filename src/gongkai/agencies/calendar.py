"""The working-day calendar as the platform sees it: the built-in schedules plus the years an admin entered."""

from __future__ import annotations

from datetime import date

from gongkai.agencies import signals
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


def may_enter_calendar(user) -> bool:
    """The system admin and every agency admin may enter a year's schedule (it is the State Council's, one for all)."""
    from gongkai.agencies.models import Membership, Role

    if not user.is_authenticated:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.AGENCY_ADMIN).exists()


def calendar_year_enter(*, year: int, source: str, holidays: dict, makeup_workdays: dict, actor) -> int:
    """Save `year`'s schedule (replacing any days entered before), then recompute every open application whose dates
    run into it, exactly as the Django admin does; returns how many applications moved. Refuses, in Chinese, what the
    working-day calendar would refuse."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import transaction

    from gongkai.agencies.services import audit_record
    from gongkai.workdays import YearSchedule
    from gongkai.workdays.errors import InvalidScheduleError

    if not may_enter_calendar(actor):
        raise PermissionDenied
    try:
        YearSchedule(year=year, holidays=holidays, makeup_workdays=makeup_workdays)
    except InvalidScheduleError as exc:
        raise ValidationError(str(exc)) from None
    if not holidays:
        raise ValidationError("没有放假日期：请粘贴通知正文或手工填写")
    with transaction.atomic():
        calendar_year, created = CalendarYear.objects.get_or_create(year=year, defaults={"source": source})
        before = None
        if not created:
            before = {"source": calendar_year.source, "days": calendar_year.days.count()}
            calendar_year.source = source
            calendar_year.save()
            calendar_year.days.all().delete()
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(calendar_year=calendar_year, day=d, kind=CalendarDay.Kind.HOLIDAY, name=n)
                for d, n in sorted(holidays.items())
            ]
            + [
                CalendarDay(calendar_year=calendar_year, day=d, kind=CalendarDay.Kind.MAKEUP_WORKDAY, name=n)
                for d, n in sorted(makeup_workdays.items())
            ]
        )
        audit_record(
            actor=actor,
            agency=None,
            action="录入放假安排",
            obj=calendar_year,
            before=before,
            after={"source": source, "days": len(holidays) + len(makeup_workdays)},
        )
        # applications listens and recomputes the open applications that run into the year (agencies imports none).
        answers = signals.calendar_year_changed.send(sender=CalendarYear, year=year, actor=actor)
        return sum(answer or 0 for _, answer in answers)
