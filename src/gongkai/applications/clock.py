"""The bridge to `gongkai.workdays`: an application's event rows become clock events, and `derive_case` says where
the application stands. Nothing is decided here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings

from gongkai.agencies.calendar import platform_calendar
from gongkai.applications.models import Application, ApplicationEvent, EventKind
from gongkai.workdays import (
    Answered,
    CaseState,
    ClockResult,
    ClockSettings,
    Closed,
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionLapsed,
    CorrectionReceived,
    CorrectionRequested,
    Delivered,
    ExtensionApproved,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    PeriodSet,
    ReasonsRequested,
    Received,
    WorkdayCalendar,
    derive_case,
)


def clock_settings() -> ClockSettings:
    return ClockSettings(fee_wait_excluded=settings.GONGKAI_FEE_WAIT_EXCLUDED)


def _receipts(rows: Iterable[ApplicationEvent]) -> dict[str, str]:
    """notice ("fee" or a consultation's ref) -> the day the other side received it: the day its letter was handed
    over, e-mailed or put online, or the day a return receipt shows (NOTICE_RECEIVED). By post and no receipt yet:
    unknown."""
    found: dict[str, str] = {}
    for row in rows:
        data = row.data or {}
        if row.kind == EventKind.LETTER_SENT and data.get("notice") and data.get("method") != "post":
            found.setdefault(data["notice"], row.on.isoformat())
        elif row.kind == EventKind.NOTICE_RECEIVED:
            found[data["notice"]] = data["received_on"]
    return found


def clock_event(row: ApplicationEvent, channel: str, receipts: dict[str, str]):
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
            ref = data.get("ref", "")
            return ConsultationStarted(
                on=row.on, party=data["party"], ref=ref, delivered_on=receipts.get(ref) or data.get("delivered_on")
            )
        case EventKind.CONSULTATION_ANSWERED:
            return ConsultationAnswered(on=row.on, ref=data.get("ref", ""))
        case EventKind.EXTENSION_APPROVED:
            return ExtensionApproved(workdays=data["workdays"], on=row.on)
        case EventKind.REASONS_REQUESTED:
            return ReasonsRequested(on=row.on)
        case EventKind.PERIOD_SET:
            return PeriodSet(on=row.on, until=data["until"])
        case EventKind.FEE_NOTICE_SENT:
            delivered = receipts.get("fee") or data.get("delivered_on")
            return FeeNoticeSent(on=row.on, delivered_on=delivered, delivery_unknown=delivered is None)
        case EventKind.FEE_PAID:
            return FeePaid(on=row.on)
        case EventKind.FEE_LAPSED:
            return FeeLapsed(on=row.on)
        case EventKind.ANSWERED:
            return Answered(on=row.on, outcome=data.get("outcome", ""))
        case EventKind.DELIVERED:
            return Delivered(on=row.on)
        case EventKind.CLOSED:
            return Closed(on=row.on)
    return None  # letters, assignment, receipts of notices, schedule changes, appeals: not the clock's business


def case_of(
    application: Application,
    *,
    rows: Iterable[ApplicationEvent] | None = None,
    today: date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> CaseState:
    """Where `application` stands, from its event rows (stored ones unless `rows` is given)."""
    rows = list(application.events.all() if rows is None else rows)
    receipts = _receipts(rows)
    events = [e for e in (clock_event(row, application.channel, receipts) for row in rows) if e is not None]
    return derive_case(events, calendar or platform_calendar(), today=today, settings=clock_settings())


def clock_for(application: Application, *, today: date) -> ClockResult:
    """The clock of `application` as of `today`, for the pages that explain it."""
    return case_of(application, today=today).clock
