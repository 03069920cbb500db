"""The bridge to `gongkai.workdays`: an application's event rows become clock events; nothing is recomputed here."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from gongkai.agencies.calendar import platform_calendar
from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.workdays import (
    Answered,
    ClockResult,
    ClockSettings,
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionLapsed,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    Received,
    compute_clock,
)


def clock_settings() -> ClockSettings:
    return ClockSettings(fee_wait_excluded=settings.GONGKAI_FEE_WAIT_EXCLUDED)


def clock_event(row: ApplicationEvent, channel: str):
    data = row.data or {}
    match row.kind:
        case EventKind.RECEIVED:
            return Received(on=row.on, channel=channel)
        case EventKind.CORRECTION_REQUESTED:
            return CorrectionRequested(on=row.on, reply_by=data.get("reply_by"))
        case EventKind.CORRECTION_RECEIVED:
            return CorrectionReceived(on=row.on)
        case EventKind.CORRECTION_LAPSED:
            return CorrectionLapsed(on=row.on)
        case EventKind.CONSULTATION_STARTED:
            return ConsultationStarted(on=row.on, party=data["party"], ref=data.get("ref", ""))
        case EventKind.CONSULTATION_ANSWERED:
            return ConsultationAnswered(on=row.on, ref=data.get("ref", ""))
        case EventKind.EXTENSION_APPROVED:
            return ExtensionApproved(workdays=data["workdays"], on=row.on)
        case EventKind.FEE_NOTICE_SENT:
            return FeeNoticeSent(on=row.on)
        case EventKind.FEE_PAID:
            return FeePaid(on=row.on)
        case EventKind.FEE_LAPSED:
            return FeeLapsed(on=row.on)
        case EventKind.ANSWERED:
            return Answered(on=row.on)
    return None  # delivery, closing, letters, assignment: not the clock's business


def clock_for(application: Application, *, today: date, extra=(), events=None) -> ClockResult:
    """The clock of `application` as of `today`; `extra` adds events not stored yet (to validate a step first)."""
    rows = application.events.all() if events is None else events
    clock_events = [e for e in (clock_event(row, application.channel) for row in rows) if e is not None]
    return compute_clock([*clock_events, *extra], platform_calendar(), today=today, settings=clock_settings())
