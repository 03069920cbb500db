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
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from . import periods
from .calendar import WorkdayCalendar
from .errors import ClockInputError
from .events import (
    EVENT_RANK,
    Answered,
    Channel,
    Closed,
    ConsultationAnswered,
    ConsultationStarted,
    ConsultedParty,
    CorrectionLapsed,
    CorrectionReceived,
    CorrectionRequested,
    Delivered,
    Event,
    ExtensionApproved,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    PeriodSet,
    ReasonsRequested,
    Received,
)
from .text import format_date, parse_date


@dataclass(frozen=True)
class ClockSettings:
    """The periods, in working days. The defaults are the law (`periods`); `fee_wait_excluded` is the one reading of
    109号 that is not settled (whether the wait for payment stops the reply clock), so it is a setting, on by
    default."""

    reply_workdays: int = periods.REPLY.workdays
    correction_request_workdays: int = periods.CORRECTION_NOTICE.workdays
    consultation_workdays: int = periods.THIRD_PARTY_ANSWER.workdays
    fee_payment_workdays: int = periods.FEE_PAYMENT.workdays
    max_extension_workdays: int = periods.EXTENSION_MAX.workdays
    fee_wait_excluded: bool = True


DEFAULT_SETTINGS = ClockSettings()


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    AWAITING_CORRECTION = "awaiting_correction"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "running": "计时中",
            "paused": "暂停计时",
            "awaiting_correction": "等待补正",
            "answered": "已答复",
            "withdrawn": "视为放弃申请",
        }[self.value]


@dataclass(frozen=True)
class Step:
    """One line of the explanation: what happened or was computed, and the article it rests on (cited in the text
    once; `article` lets a reader filter or link, it is not printed again)."""

    text: str
    article: str
    on: date | None = None


@dataclass(frozen=True)
class Consultation:
    party: ConsultedParty
    started_on: date
    answer_deadline: date  # 15 working days from the other side's receipt (第32条/第34条)
    answered_on: date | None
    excluded_workdays: int  # working days this consultation took off the reply clock


@dataclass(frozen=True)
class ClockResult:
    """Where an application stands on the statutory clock. Dates are None when they cannot be known yet (the reply
    period of an application awaiting correction has not started)."""

    received_on: date
    channel: Channel
    state: ClockState
    pause_reason: str | None
    period_start: date | None  # receipt, or receipt of the corrected application
    due_date: date | None  # assuming no further event: an open pause runs to its legal end
    working_days_left: int | None  # negative when overdue; None when closed or no "today" was given
    overdue: bool  # past the due date with no answer, or answered late
    answered_on: date | None
    correction_request_deadline: date
    consultations: tuple[Consultation, ...]
    fee_payment_deadline: date | None
    extension_workdays: int
    excluded_workdays: int
    steps: tuple[Step, ...]
    warnings: tuple[str, ...]
    provisional: bool = False  # a date rests on a year whose schedule is not yet known (暂定)
    pause_ends_on: date | None = None  # the latest day the current pause can last by law
    prompts: tuple[str, ...] = ()  # what the law now asks the handler to do (a lapsed period to record)

    @property
    def paused(self) -> bool:
        return self.state in (ClockState.PAUSED, ClockState.AWAITING_CORRECTION)

    @property
    def answered_late(self) -> bool:
        return self.state is ClockState.ANSWERED and self.overdue

    @property
    def third_party_deadline(self) -> date | None:
        """The answer deadline of the latest consultation (第32条/第34条), if there was one."""
        return self.consultations[-1].answer_deadline if self.consultations else None

    def explanation(self) -> str:
        return "\n".join(step.text for step in self.steps)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; dates as ISO strings."""

        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "due_date": iso(self.due_date),
            "provisional": self.provisional,
            "working_days_left": self.working_days_left,
            "paused": self.paused,
            "pause_reason": self.pause_reason,
            "pause_ends_on": iso(self.pause_ends_on),
            "state": self.state.value,
            "overdue": self.overdue,
            "received_on": iso(self.received_on),
            "channel": self.channel.value,
            "period_start": iso(self.period_start),
            "answered_on": iso(self.answered_on),
            "correction_request_deadline": iso(self.correction_request_deadline),
            "third_party_deadline": iso(self.third_party_deadline),
            "fee_payment_deadline": iso(self.fee_payment_deadline),
            "extension_workdays": self.extension_workdays,
            "excluded_workdays": self.excluded_workdays,
            "steps": [step.text for step in self.steps],
            "warnings": list(self.warnings),
            "prompts": list(self.prompts),
        }


# -- step 1: reading the events ------------------------------------------------------------------------------------


@dataclass
class Window:
    """A stretch when the clock stands still: working days in (start, end] do not count."""

    start: date
    legal_end: date  # the latest day it lasts by law
    reason: str
    answered_on: date | None = None  # its own ending event (an answer, a payment), on time or late
    party: ConsultedParty | None = None  # None for the fee wait
    ref: str = ""
    end: date = date.min  # set by compute_dates: the day it really ended (or will, at the latest)

    @property
    def ended_on_time(self) -> bool:
        return self.answered_on is not None and self.answered_on <= self.legal_end


@dataclass
class Case:
    """The events of one application, checked and sorted by what they do."""

    received: Received
    today: date | None
    correction_requested: CorrectionRequested | None = None
    correction_received: CorrectionReceived | None = None
    closed_by: CorrectionLapsed | FeeLapsed | Answered | None = None
    fee_notice: FeeNoticeSent | None = None
    fee_end: FeePaid | FeeLapsed | None = None
    extension: ExtensionApproved | None = None
    consultations: list[tuple[ConsultationStarted, ConsultationAnswered | None]] = field(default_factory=list)
    delivered: Delivered | None = None
    closed: Closed | None = None
    reasons_requested: ReasonsRequested | None = None
    period_set: PeriodSet | None = None

    @property
    def awaiting_correction(self) -> bool:
        return self.correction_requested is not None and self.correction_received is None


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Events in the order they happened; same-day events in case order (see EVENT_RANK)."""
    events = list(events)
    for event in events:
        if type(event) not in EVENT_RANK:
            raise ClockInputError(f"不是申请事件：{event!r}")
    received = [event.on for event in events if isinstance(event, Received)]
    undated_default = received[0] if received else date.min

    def key(event: Event) -> tuple[date, int, str]:
        on = event.on if event.on is not None else undated_default
        # repr makes the order total, so equal-looking inputs in any order give one sequence.
        return (on, EVENT_RANK[type(event)], repr(event))

    return sorted(events, key=key)


def read_events(events: list[Event], today: date | None) -> Case:
    """Check the order of things (what may follow what) and sort the events into a Case; dates come later."""
    received = [event for event in events if isinstance(event, Received)]
    if not received:
        raise ClockInputError("缺少收到申请事件，无法计算期限")
    if len(received) > 1:
        raise ClockInputError("收到申请事件只能有一个")
    case = Case(received=received[0], today=today)
    if today is not None and today < case.received.on:
        raise ClockInputError(f"今天（{format_date(today)}）早于收到申请之日（{format_date(case.received.on)}）")
    open_by_ref: dict[str, int] = {}
    for event in events:
        _check_event_date(case, event)
        _read_one(case, event, open_by_ref, events)
    requested, corrected = case.correction_requested, case.correction_received
    if requested and corrected and corrected.on < requested.on:
        raise ClockInputError("收到补正的日期早于告知补正的日期")
    return case


def _check_event_date(case: Case, event: Event) -> None:
    if event.on is None:
        return
    if event.on < case.received.on:
        raise ClockInputError(
            f"{describe(event)}的日期{format_date(event.on)}早于收到申请之日{format_date(case.received.on)}"
        )
    if case.today is not None and event.on > case.today:
        raise ClockInputError(f"{describe(event)}的日期{format_date(event.on)}晚于今天（{format_date(case.today)}）")
    if case.closed is not None:
        raise ClockInputError(f"申请已于{format_date(case.closed.on)}办结，不能再记录{describe(event)}")
    ends_case = isinstance(event, (Delivered, Closed))
    if case.closed_by is not None and event.on > case.closed_by.on and not ends_case:
        raise ClockInputError(
            f"{describe(case.closed_by)}（{format_date(case.closed_by.on)}）之后不应再有{describe(event)}"
        )


def _read_one(case: Case, event: Event, open_by_ref: dict[str, int], events: list[Event]) -> None:
    match event:
        case CorrectionRequested():
            if case.correction_requested is not None:
                raise ClockInputError("补正只能告知一次（第30条：一次性告知）")
            case.correction_requested = event
        case CorrectionReceived():
            if case.correction_received is not None:
                raise ClockInputError("收到补正后的申请只能记录一次")
            case.correction_received = event
        case CorrectionLapsed():
            if case.correction_requested is None:
                raise ClockInputError("没有告知补正，不能记录逾期未补正")
            if case.correction_received is not None:
                raise ClockInputError("已收到补正后的申请，不能再记录逾期未补正")
            reply_by = case.correction_requested.reply_by
            if reply_by is not None and event.on <= reply_by:
                raise ClockInputError(f"补正期限（{format_date(reply_by)}）尚未届满，不能记录逾期未补正（第30条）")
            case.closed_by = event
        case ConsultationStarted():
            if event.ref in open_by_ref:
                raise ClockInputError(
                    f"征求意见“{event.ref or '（未编号）'}”尚未答复又再次开始；同时征求多方意见时请用ref区分"
                )
            open_by_ref[event.ref] = len(case.consultations)
            case.consultations.append((event, None))
        case ConsultationAnswered():
            index = open_by_ref.pop(event.ref, None)
            if index is None:
                _refuse_end_before_start(events, event, ConsultationStarted, "征求意见")
                raise ClockInputError(
                    f"{format_date(event.on)}的征求意见答复（ref“{event.ref}”）没有对应的开始征求意见事件"
                )
            case.consultations[index] = (case.consultations[index][0], event)
        case FeeNoticeSent():
            if case.fee_notice is not None:
                raise ClockInputError("同一申请只能发出一次收费通知")
            if case.awaiting_correction:
                raise ClockInputError("等待补正期间不能发出收费通知（第30条）")
            case.fee_notice = event
        case FeePaid() | FeeLapsed():
            if case.fee_notice is None:
                _refuse_end_before_start(events, event, FeeNoticeSent, "等待缴费")
                raise ClockInputError(f"没有发出收费通知，不能记录{describe(event)}")
            if case.fee_end is not None:
                raise ClockInputError("缴费和逾期未缴费只能记录其一，且只能记录一次")
            case.fee_end = event
            if isinstance(event, FeeLapsed):
                case.closed_by = event
        case ExtensionApproved():
            if case.extension is not None:
                raise ClockInputError("答复期限只能延长一次（第33条第2款）")
            if case.awaiting_correction and event.on is not None:
                raise ClockInputError("等待补正期间答复期限尚未起算，不能延长（第30条、第33条第2款）")
            case.extension = event
        case ReasonsRequested():
            case.reasons_requested = event
        case PeriodSet():
            if case.reasons_requested is None:
                raise ClockInputError("第35条：须先要求申请人说明理由，理由合理的才能确定延长答复期限")
            if case.period_set is not None:
                raise ClockInputError("第35条的答复期限只能确定一次")
            case.period_set = event
        case Answered():
            if case.closed_by is not None:
                raise ClockInputError(f"{describe(case.closed_by)}之后不能再作出答复")
            if case.awaiting_correction:
                raise ClockInputError("等待补正期间不能作出答复：请先记录收到补正或逾期未补正（第30条）")
            if case.fee_notice is not None and case.fee_end is None:
                raise ClockInputError("等待缴费期间不能作出答复：请先记录缴费或逾期未缴费（109号）")
            case.closed_by = event
        case Delivered():
            if not isinstance(case.closed_by, Answered):
                raise ClockInputError("尚未作出答复，不能记录送达")
            if case.delivered is not None:
                raise ClockInputError("送达只能记录一次")
            case.delivered = event
        case Closed():
            if case.closed_by is None:
                raise ClockInputError("尚未作出答复，不能办结")
            case.closed = event


def _refuse_end_before_start(events: list[Event], end: Event, start_type: type, what: str) -> None:
    """An end whose start comes later is the common slip (dates swapped); say so rather than "no start"."""
    ref = getattr(end, "ref", None)
    for event in events:
        if isinstance(event, start_type) and getattr(event, "ref", None) == ref and event.on > end.on:
            raise ClockInputError(f"{what}的结束日期{format_date(end.on)}早于开始日期{format_date(event.on)}")


# -- step 2: computing the dates -----------------------------------------------------------------------------------


@dataclass
class Dates:
    correction_deadline: date
    period_start: date | None
    windows: list[Window]
    due: date | None = None
    due_without_extension: date | None = None
    applied: list[tuple[date, date]] = field(default_factory=list)
    excluded: int = 0
    fee_deadline: date | None = None
    statutory_due: date | None = None  # before a 第35条 period replaced it
    provisional_years: list[int] = field(default_factory=list)


def due_after(
    calendar: WorkdayCalendar, start: date, budget: int, pauses: list[tuple[date, date]]
) -> tuple[date, list[tuple[date, date]]]:
    """The `budget`-th working day after `start` that no pause covers, and the pauses (merged) that pushed it."""
    clipped = sorted((max(s, start), e) for s, e in pauses if e > start and e > s)
    merged: list[tuple[date, date]] = []
    for s, e in clipped:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    cursor, remaining, applied = start, budget, []
    for s, e in merged:
        available = calendar.count_workdays(cursor, s)
        if remaining <= available:
            break  # the period ran out before this pause began: a late pause does not revive it
        remaining -= available
        applied.append((s, e))
        cursor = e
    return calendar.add_workdays(cursor, remaining), applied


def compute_dates(case: Case, calendar: WorkdayCalendar, settings: ClockSettings) -> Dates:
    """Every date of the case, assuming nothing more happens: an open pause lasts to its legal end."""
    received = case.received
    period_start: date | None = None if case.awaiting_correction else received.on
    if case.correction_received is not None:
        period_start = case.correction_received.on
    close_on = case.closed_by.on if case.closed_by else None

    windows = []
    for started, answered in case.consultations:
        legal_end = calendar.add_workdays(started.delivered_on or started.on, settings.consultation_workdays)
        windows.append(
            Window(
                start=started.on,
                legal_end=legal_end,
                reason=f"征求{started.party.label}意见（{started.party.article}）",
                answered_on=answered.on if answered else None,
                party=started.party,
                ref=started.ref,
            )
        )
    fee_deadline = None
    if case.fee_notice is not None:
        notice = case.fee_notice
        fee_deadline = calendar.add_workdays(notice.delivered_on or notice.on, settings.fee_payment_workdays)
        if isinstance(case.fee_end, FeePaid) and case.fee_end.on > fee_deadline:
            raise ClockInputError(
                f"缴费期限为{format_date(fee_deadline)}，{format_date(case.fee_end.on)}缴费已逾期（109号）"
            )
        if isinstance(case.fee_end, FeeLapsed) and notice.delivery_unknown:
            raise ClockInputError(
                "收费通知尚无送达日期：缴费期限自申请人收到通知之日起计算，请先发出通知或记录签收日期（109号）"
            )
        if isinstance(case.fee_end, FeeLapsed) and case.fee_end.on <= fee_deadline:
            raise ClockInputError(f"缴费期限（{format_date(fee_deadline)}）尚未届满，不能记录逾期未缴费（109号）")
        if settings.fee_wait_excluded:
            windows.append(
                Window(
                    start=notice.on,
                    legal_end=fee_deadline,
                    reason="等待申请人缴纳信息处理费（109号）",
                    answered_on=case.fee_end.on if isinstance(case.fee_end, FeePaid) else None,
                )
            )
    for window in windows:
        end = window.answered_on if window.ended_on_time else window.legal_end
        window.end = min(end, close_on) if close_on else end

    dates = Dates(
        correction_deadline=calendar.add_workdays(received.on, settings.correction_request_workdays),
        period_start=period_start,
        windows=windows,
        fee_deadline=fee_deadline,
    )
    if period_start is not None:
        extension = case.extension.workdays if case.extension else 0
        if case.extension and extension > settings.max_extension_workdays:
            raise ClockInputError(
                f"延长的期限最长不得超过{settings.max_extension_workdays}个工作日"
                f"（第33条第2款），收到{extension}个工作日"
            )
        pauses = [(w.start, w.end) for w in windows]
        dates.due_without_extension, _ = due_after(calendar, period_start, settings.reply_workdays, pauses)
        dates.due, dates.applied = due_after(calendar, period_start, settings.reply_workdays + extension, pauses)
        dates.excluded = sum(calendar.count_workdays(s, e) for s, e in dates.applied)
        _check_within_period(case, dates, calendar, settings, pauses)
        if case.period_set is not None:
            if case.period_set.until <= dates.due:
                raise ClockInputError(
                    f"第35条确定的答复期限{format_date(case.period_set.until)}应晚于原答复期限{format_date(dates.due)}"
                )
            if case.period_set.on > dates.due:
                raise ClockInputError(f"答复期限已于{format_date(dates.due)}届满，不能再按第35条确定更长的期限")
            dates.statutory_due, dates.due = dates.due, case.period_set.until
    last = max([received.on, dates.due or received.on, *(w.legal_end for w in windows), fee_deadline or received.on])
    dates.provisional_years = calendar.provisional_years(received.on, last)
    return dates


def _check_within_period(
    case: Case, dates: Dates, calendar: WorkdayCalendar, settings: ClockSettings, pauses: list[tuple[date, date]]
) -> None:
    """Steps the law allows only while the reply period runs: an extension (第33条第2款), a fee notice (109号)."""
    assert dates.period_start is not None and dates.due_without_extension is not None
    extension = case.extension
    if extension is not None and extension.on is not None and extension.on > dates.due_without_extension:
        raise ClockInputError(
            f"答复期限已于{format_date(dates.due_without_extension)}届满，{format_date(extension.on)}不能再延长"
            "（第33条第2款：延长须在答复期限内经批准并告知申请人）"
        )
    if case.fee_notice is not None and dates.due is not None:
        others = [(w.start, w.end) for w in dates.windows if w.party is not None]
        budget = settings.reply_workdays + (extension.workdays if extension else 0)
        due_before_notice, _ = due_after(calendar, dates.period_start, budget, others)
        if case.fee_notice.on > due_before_notice:
            raise ClockInputError(
                f"答复期限已于{format_date(due_before_notice)}届满，{format_date(case.fee_notice.on)}不能再发出收费通知"
                "（109号：收费通知应在答复期限内发出）"
            )


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
    from .explain import explain

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


def window_days(window: Window, dates: Dates, calendar: WorkdayCalendar) -> int:
    """Working days this pause alone took off the reply clock: 0 if it lay before the period or after it ran out."""
    if dates.period_start is None or dates.due is None:
        return 0
    start = max(window.start, dates.period_start)
    if start >= dates.due or window.end <= start:
        return 0
    return calendar.count_workdays(start, window.end)


def describe(event: Event) -> str:
    return {
        Received: "收到申请",
        CorrectionRequested: "告知补正",
        CorrectionReceived: "收到补正后的申请",
        CorrectionLapsed: "逾期未补正",
        ConsultationStarted: "开始征求意见",
        ConsultationAnswered: "征求意见答复",
        FeeNoticeSent: "发出收费通知",
        FeePaid: "缴费",
        FeeLapsed: "逾期未缴费",
        ExtensionApproved: "延长答复期限",
        ReasonsRequested: "要求说明理由",
        PeriodSet: "确定延长的答复期限",
        Answered: "作出答复",
        Delivered: "送达",
        Closed: "办结",
    }[type(event)]
