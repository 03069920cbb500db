"""The one way an application changes: `append_event`, and the cached state it rewrites."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.agencies.services import audit_record
from gongkai.applications.clock import case_of
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    EventKind,
    Fee,
)
from gongkai.applications.workflow import require_handler
from gongkai.workdays import CaseState, WorkdaysError


def _today() -> date:
    return timezone.localdate()


class StepRefused(ValidationError):
    """A step the law does not allow in this case (the API answers 409)."""


CACHED_FIELDS = (
    "reason",
    "delivered_by",
    "status",
    "due_date",
    "provisional",
    "answered_late",
    "pause_ends_on",
    "pause_reason",
    "extension_workdays",
    "outcome",
    "decided_on",
    "delivered_on",
    "closed_on",
)


def cached_state(state: CaseState, rows=()) -> dict:
    """The columns an application caches, as `derive_case` gives them, plus what the deciding and delivering events
    say (the reason, the method): what verify_applications compares."""
    clock = state.clock
    answered = [row for row in rows if row.kind == EventKind.ANSWERED]
    delivered = [row for row in rows if row.kind == EventKind.DELIVERED]
    return {
        "reason": answered[-1].data.get("reason", "") if answered else "",
        "delivered_by": delivered[-1].data.get("method", "") if delivered else "",
        "status": state.status.value,
        "due_date": clock.due_date,
        "provisional": clock.provisional,
        "answered_late": state.answered_late,
        "pause_ends_on": clock.pause_ends_on,
        "pause_reason": clock.pause_reason or "",
        "extension_workdays": clock.extension_workdays,
        "outcome": state.outcome,
        "decided_on": state.decided_on,
        "delivered_on": state.delivered_on,
        "closed_on": state.closed_on,
    }


FEE_CACHED_FIELDS = ("pay_by", "paid_on", "lapsed_on")


def fee_cached_state(state: CaseState, rows=()) -> dict:
    """The fee notice's dates, as the events give them: the payment deadline (from the applicant's receipt of the
    notice), the payment and the lapse."""
    paid = [row.on for row in rows if row.kind == EventKind.FEE_PAID]
    lapsed = [row.on for row in rows if row.kind == EventKind.FEE_LAPSED]
    return {
        "pay_by": state.clock.fee_payment_deadline,
        "paid_on": paid[-1] if paid else None,
        "lapsed_on": lapsed[-1] if lapsed else None,
    }


def write_cache(application: Application, state: CaseState, rows=()) -> None:
    for name, value in cached_state(state, rows).items():
        setattr(application, name, value)


def _check_date(application: Application, on: date) -> None:
    if on > _today():
        raise ValidationError({"on": "日期不能晚于今天"})
    if on < application.received_on:
        raise ValidationError({"on": "日期不能早于收到申请之日"})


def append_event(
    application: Application, *, actor, kind: str, on: date, note: str = "", data: dict | None = None
) -> CaseState:
    """The only way an application changes: append one event if the case stays lawful, then rewrite the cache (the
    application's columns and its fee notice's dates). Returns the derived state.

    Only someone who handles the agency's applications appends a step (PermissionDenied otherwise); the two events
    the platform itself writes are checked by their own services: receipt (`application_submit`: anyone online, a
    handler at the counter) and a year's schedule entered (`applications_recompute_for_schedule`, after the
    calendar's own check)."""
    if kind not in (EventKind.RECEIVED, EventKind.SCHEDULE_CHANGED):
        require_handler(actor, application.agency)
    rows = list(application.events.all())
    event = ApplicationEvent(
        application=application,
        kind=kind,
        on=on,
        actor=actor if actor and actor.is_authenticated else None,
        note=note,
        data=data or {},
    )
    try:
        state = case_of(application, rows=[*rows, event])  # no "today": the cache depends on the events alone
    except WorkdaysError as exc:
        raise StepRefused(str(exc)) from None
    before = {"status": application.status, "due_date": application.due_date and application.due_date.isoformat()}
    event.from_status, event.to_status = application.status, state.status.value
    # The case was just replayed with the event: what is left to check is each field's own form (the application
    # and the actor are the objects in hand, so no query is needed to validate them).
    event.clean_fields(exclude=["application", "actor"])
    event.save()
    rows.append(event)
    write_cache(application, state, rows)
    # Only the cache changes; its values come from derive_case and the database's constraints guard them again.
    application.save(update_fields=CACHED_FIELDS)
    if state.clock.fee_payment_deadline is not None:  # a fee notice exists: its dates follow the events too
        Fee.objects.filter(application=application).update(**fee_cached_state(state, rows))
    audit_record(
        actor=actor,
        agency=application.agency,
        action=f"application_{kind}",
        obj=application,
        before=before,
        after={
            "status": application.status,
            "outcome": application.outcome,
            "due_date": application.due_date and application.due_date.isoformat(),
            "on": on.isoformat(),
        },
    )
    return state
