"""A year's holiday schedule entered: open applications recomputed."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from gongkai.agencies.calendar import platform_calendar
from gongkai.applications.clock import case_of
from gongkai.applications.models import (
    Application,
    EventKind,
)
from gongkai.applications.services.log import _today, append_event

# -- the calendar changes ---------------------------------------------------------------------------------------------


@transaction.atomic
def applications_recompute_for_schedule(*, year: int, actor=None) -> int:
    """An admin entered or changed a year's schedule: recompute every open application whose dates run into that
    year, at once, and record the change on each as an event. Returns how many dates moved."""
    moved = 0
    calendar = platform_calendar()  # once, with the new year in it: not two queries per application
    candidates = Application.objects.open().filter(
        Q(due_date__year__gte=year) | Q(due_date__isnull=True) | Q(provisional=True)
    )
    for application in candidates.select_related("agency").prefetch_related("events"):
        clock = case_of(application, rows=application.events.all(), calendar=calendar).clock
        if clock.due_date == application.due_date and clock.provisional == application.provisional:
            continue
        before, after = application.due_date, clock.due_date
        append_event(
            application,
            actor=actor,
            kind=EventKind.SCHEDULE_CHANGED,
            on=max(_today(), application.received_on),
            note=f"{year}年放假安排已录入，答复期限由{before or '未定'}改为{after or '未定'}",
            data={"year": year, "before": before and before.isoformat(), "after": after and after.isoformat()},
        )
        moved += 1
    return moved
