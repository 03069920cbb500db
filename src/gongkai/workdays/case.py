"""An application's whole legal state as one pure function of its events: status, outcome (its table B row), dates.

`derive_case` reads the same events as the clock plus the steps that do not move it (delivery, closing), refuses an
impossible sequence with a Chinese reason citing the article, and returns a `CaseState`. The platform keeps nothing
else: its columns are a cache of this function, rewritten in the transaction that appends an event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .calendar import WorkdayCalendar
from .clock import DEFAULT_SETTINGS, ClockResult, ClockSettings, compute_clock
from .errors import ClockInputError
from .events import (
    Answered,
    Closed,
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionLapsed,
    CorrectionReceived,
    CorrectionRequested,
    Delivered,
    Event,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    ReasonsRequested,
)


class CaseStatus(StrEnum):
    RECEIVED = "received"
    AWAITING_CORRECTION = "awaiting_correction"
    CONSULTING = "consulting"
    AWAITING_FEE = "awaiting_fee"
    ANSWERED = "answered"
    DELIVERED = "delivered"
    CLOSED = "closed"


# The outcomes the applicant's silence decides (the lapse events), never a handler's answer.
NO_CORRECTION = "other_no_correction"  # （六）1, 第30条
UNPAID_FEE = "other_unpaid_fee"  # （六）2, 109号
UNCLEAR_AFTER_CORRECTION = "unavailable_unclear"  # （四）3, 第30条
EXCESSIVE = "not_processed_excessive"  # （五）4, 第35条


@dataclass(frozen=True)
class CaseState:
    status: CaseStatus
    clock: ClockResult
    outcome: str  # the table B result row once decided, else ""
    decided_on: date | None
    delivered_on: date | None
    closed_on: date | None

    @property
    def due_date(self) -> date | None:
        return self.clock.due_date

    @property
    def answered_late(self) -> bool:
        """逾期答复: answered after the deadline. Nothing recorded later can undo it."""
        return self.clock.answered_late

    @property
    def table_b_row(self) -> str:
        return self.outcome

    @property
    def is_open(self) -> bool:
        return self.status in (
            CaseStatus.RECEIVED,
            CaseStatus.AWAITING_CORRECTION,
            CaseStatus.CONSULTING,
            CaseStatus.AWAITING_FEE,
        )


def derive_case(
    events: Iterable[Event],
    calendar: WorkdayCalendar,
    *,
    today: date | None = None,
    settings: ClockSettings = DEFAULT_SETTINGS,
) -> CaseState:
    """The state of an application from its events. Without `today` it depends on the events and the calendar
    alone; with it, dates after today are refused and the clock adds what today changes (days left, pauses ended)."""
    events = list(events)
    _check_outcomes(events)
    clock = compute_clock(events, calendar, today=today, settings=settings)
    answered = _last(events, Answered)
    lapsed = _last(events, CorrectionLapsed) or _last(events, FeeLapsed)
    delivered, closed = _last(events, Delivered), _last(events, Closed)
    outcome, decided_on = "", None
    if answered is not None:
        outcome, decided_on = answered.outcome, answered.on
    elif lapsed is not None:
        outcome = NO_CORRECTION if isinstance(lapsed, CorrectionLapsed) else UNPAID_FEE
        decided_on = lapsed.on
    return CaseState(
        status=_status(events, decided=decided_on is not None, delivered=delivered, closed=closed),
        clock=clock,
        outcome=outcome,
        decided_on=decided_on,
        delivered_on=delivered.on if delivered else None,
        closed_on=closed.on if closed else None,
    )


def _last(events: list[Event], kind: type):
    found = [event for event in events if isinstance(event, kind)]
    return found[-1] if found else None


def _status(events: list[Event], *, decided: bool, delivered, closed) -> CaseStatus:
    if closed is not None:
        return CaseStatus.CLOSED
    if delivered is not None:
        return CaseStatus.DELIVERED
    if decided:
        return CaseStatus.ANSWERED
    if any(isinstance(e, CorrectionRequested) for e in events) and not any(
        isinstance(e, CorrectionReceived) for e in events
    ):
        return CaseStatus.AWAITING_CORRECTION
    if any(isinstance(e, FeeNoticeSent) for e in events) and not any(isinstance(e, FeePaid) for e in events):
        return CaseStatus.AWAITING_FEE
    started = {e.ref for e in events if isinstance(e, ConsultationStarted)}
    answered = {e.ref for e in events if isinstance(e, ConsultationAnswered)}
    if started - answered:
        return CaseStatus.CONSULTING
    return CaseStatus.RECEIVED


def _check_outcomes(events: list[Event]) -> None:
    for event in events:
        if not isinstance(event, Answered):
            continue
        if event.outcome in (NO_CORRECTION, UNPAID_FEE):
            raise ClockInputError(
                "“逾期不补正”和“逾期不缴费”由申请人逾期决定，请记录逾期未补正或逾期未缴费，而不是作出答复（第30条、109号）"
            )
        if event.outcome == EXCESSIVE and not any(isinstance(e, ReasonsRequested) and e.on <= event.on for e in events):
            raise ClockInputError("“无正当理由大量反复申请”须先要求申请人说明理由（第35条）")
        if event.outcome == UNCLEAR_AFTER_CORRECTION:
            asked = any(isinstance(e, CorrectionRequested) and e.on <= event.on for e in events)
            corrected = any(isinstance(e, CorrectionReceived) and e.on <= event.on for e in events)
            if not (asked and corrected):
                raise ClockInputError("“补正后申请内容仍不明确”只能在告知补正并收到补正后的申请之后作出（第30条）")
