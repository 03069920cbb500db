"""A year's holiday schedule entered: open applications recomputed."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from gongkai.applications.clock import case_of
from gongkai.applications.models import (
    Application,
    EventKind,
)
from gongkai.applications.services.log import (
    _today,
    append_event,
    cached_state,
)

# -- the calendar changes ---------------------------------------------------------------------------------------------


@transaction.atomic
def applications_recompute_for_schedule(*, year: int, actor=None) -> int:
    """An admin entered or changed a year's schedule: recompute every open application whose dates run into that
    year, at once, and record the change on each as an event. Returns how many dates moved."""
    moved = 0
    candidates = Application.objects.open().filter(
        Q(due_date__year__gte=year) | Q(due_date__isnull=True) | Q(provisional=True)
    )
    for application in candidates.select_related("agency"):
        state = case_of(application)
        new = cached_state(state, list(application.events.all()))
        if new["due_date"] == application.due_date and new["provisional"] == application.provisional:
            continue
        before = application.due_date
        append_event(
            application,
            actor=actor,
            kind=EventKind.SCHEDULE_CHANGED,
            on=max(_today(), application.received_on),
            note=f"{year}年放假安排已录入，答复期限由{before or '未定'}改为{new['due_date'] or '未定'}",
            data={
                "year": year,
                "before": before and before.isoformat(),
                "after": new["due_date"] and new["due_date"].isoformat(),
            },
        )
        moved += 1
    return moved
