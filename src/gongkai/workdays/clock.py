"""The statutory clock of one application: a pure function of its events, a calendar, settings and "today".

Rules (条例 and 109号, the periods in `periods.py`, see docs/applications.md):
- every period counts working days and the day it starts is not counted, so day 1 is the next working day;
- the reply period is 20 working days from receipt (第33条第2款), or from receipt of the corrected application when a
  correction was asked for (第30条);
- a consultation (第32条/第34条) and, by default, the wait for a fee (109号) stop the clock. A pause from S to E leaves
  out the working days in (S, E]. A pause ends by law: a consultation at the latest 15 working days after the other
  side received the letter (silence does not hold the clock), the fee wait when the 20 working days to pay run out;
- one extension of at most 20 working days, approved before the deadline (第33条第2款); a fee notice is sent within
  the reply period (109号); an answer after the deadline stays late for good.

The work is done in three short steps: `read_events` checks the sequence and sorts it into a `Case`,
`compute_dates` works out every date, and `explain.explain` words the account in Chinese. Nothing here stores state:
change the calendar (an admin enters next year's schedule) and recompute, and every date follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .calendar import WorkdayCalendar
from .dates import Dates, compute_dates, due_after, window_days
from .events import (
    Answered,
    Event,
)
from .explain import explain
from .reading import Case, Window, describe, read_events, sort_events
from .result import DEFAULT_SETTINGS, ClockResult, ClockSettings, ClockState, Consultation, Step
from .text import parse_date

__all__ = [
    "DEFAULT_SETTINGS",
    "Case",
    "ClockResult",
    "ClockSettings",
    "ClockState",
    "Consultation",
    "Dates",
    "Step",
    "Window",
    "compute_clock",
    "compute_dates",
    "describe",
    "due_after",
    "read_events",
    "sort_events",
    "window_days",
]

# -- putting it together ---------------------------------------------------------------------------------------------


def compute_clock(
    events: Iterable[Event],
    calendar: WorkdayCalendar,
    *,
    today: date | None = None,
    settings: ClockSettings = DEFAULT_SETTINGS,
) -> ClockResult:
    """Compute an application's deadlines and explain them.

    Without `today` the result is a function of the events and the calendar alone (what the platform caches); with
    it, the working days left, whether an open case is overdue and whether a pause has ended by law are added.
    Events dated after `today` are refused: the clock cannot know them yet.
    """

    today = parse_date(today) if today is not None else None
    ordered = sort_events(events)
    case = read_events(ordered, today)
    dates = compute_dates(case, calendar, settings)
    state, pause_reason, pause_ends_on = _state(case, dates)
    overdue, left = _overdue(case, dates, calendar, state, pause_ends_on)
    steps, warnings, prompts = explain(case, dates, calendar, settings, state, pause_reason, pause_ends_on, left)
    return ClockResult(
        received_on=case.received.on,
        channel=case.received.channel,
        state=state,
        pause_reason=pause_reason,
        period_start=dates.period_start,
        due_date=dates.due,
        working_days_left=left,
        overdue=overdue,
        answered_on=case.closed_by.on if isinstance(case.closed_by, Answered) else None,
        correction_request_deadline=dates.correction_deadline,
        consultations=tuple(_consultations(dates, calendar)),
        fee_payment_deadline=dates.fee_deadline,
        extension_workdays=case.extension.workdays if case.extension else 0,
        excluded_workdays=dates.excluded,
        steps=steps,
        warnings=warnings,
        provisional=bool(dates.provisional_years),
        pause_ends_on=pause_ends_on,
        prompts=prompts,
    )


def _state(case: Case, dates: Dates) -> tuple[ClockState, str | None, date | None]:
    """Where the case stands; a pause whose legal end has passed (with a today) has ended."""
    today = case.today
    if isinstance(case.closed_by, Answered):
        return ClockState.ANSWERED, None, None
    if case.closed_by is not None:
        return ClockState.WITHDRAWN, None, None
    if dates.period_start is None:
        reply_by = case.correction_requested.reply_by if case.correction_requested else None
        return ClockState.AWAITING_CORRECTION, "等待申请人补正（第30条）", reply_by
    open_windows = [w for w in dates.windows if w.answered_on is None and (today is None or today <= w.legal_end)]
    if open_windows:
        reason = "；".join(dict.fromkeys(w.reason for w in open_windows))
        return ClockState.PAUSED, reason, max(w.legal_end for w in open_windows)
    return ClockState.RUNNING, None, None


def _overdue(
    case: Case, dates: Dates, calendar: WorkdayCalendar, state: ClockState, pause_ends_on: date | None
) -> tuple[bool, int | None]:
    due, today = dates.due, case.today
    if due is None:
        return False, None
    if state is ClockState.ANSWERED:
        return case.closed_by.on > due, None
    if state not in (ClockState.RUNNING, ClockState.PAUSED) or today is None:
        return False, None
    if today > due:
        return True, -calendar.count_workdays(due, today)
    left = calendar.count_workdays(today, due)
    if state is ClockState.PAUSED and pause_ends_on is not None:
        left -= calendar.count_workdays(today, min(pause_ends_on, due))
    return False, left


def _consultations(dates: Dates, calendar: WorkdayCalendar) -> list[Consultation]:
    return [
        Consultation(
            party=w.party,
            started_on=w.start,
            answer_deadline=w.legal_end,
            answered_on=w.answered_on,
            excluded_workdays=window_days(w, dates, calendar),
        )
        for w in dates.windows
        if w.party is not None
    ]
