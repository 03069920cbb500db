"""Step 1 of the clock: check the order of an application's events and sort them into a `Case`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .errors import ClockInputError
from .events import (
    EVENT_RANK,
    Answered,
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
from .text import format_date

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
