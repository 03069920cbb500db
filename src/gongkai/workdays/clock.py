"""The statutory clock of one application: a pure function of its events, a calendar, settings and "today".

Rules (条例 and 109号, see docs/workdays.md):
- every period counts working days and the day it starts is not counted, so day 1 is the next working day;
- the reply period is 20 working days from receipt (第33条第2款), or from receipt of the corrected application when a
  correction was asked for (第30条);
- a consultation (第32条/第34条) and, by default, the wait for a fee (109号) stop the clock. A pause from S to E leaves
  out the working days in (S, E] — the same days the consultation's or the payment's own period counts — so the day
  the letter goes out still counts for the reply and the clock runs again the working day after the answer;
- one extension of at most 20 working days (第33条第2款).

Nothing here stores state: change the calendar (an admin enters next year's schedule) and recompute, and every date
follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from .calendar import SOURCE_PACKAGE, WorkdayCalendar
from .errors import ClockInputError
from .events import (
    EVENT_RANK,
    Answered,
    Channel,
    ConsultationAnswered,
    ConsultationStarted,
    ConsultedParty,
    CorrectionLapsed,
    CorrectionReceived,
    CorrectionRequested,
    Event,
    ExtensionApproved,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    Received,
)
from .text import format_date, format_range, format_weekday, parse_date


@dataclass(frozen=True)
class ClockSettings:
    """The periods, in working days. The defaults are the law; `fee_wait_excluded` is the one reading of 109号 that
    is not settled (whether the wait for payment stops the reply clock), so it is a setting, on by default."""

    reply_workdays: int = 20  # 第33条第2款
    correction_request_workdays: int = 7  # 第30条
    consultation_workdays: int = 15  # 第32条, 第34条
    fee_payment_workdays: int = 20  # 109号
    max_extension_workdays: int = 20  # 第33条第2款
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
    """One line of the explanation: what happened or was computed, and the article it rests on."""

    text: str
    article: str
    on: date | None = None


@dataclass(frozen=True)
class Consultation:
    party: ConsultedParty
    started_on: date
    answer_deadline: date  # 15 working days (第32条/第34条)
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
    due_date: date | None
    working_days_left: int | None  # negative when overdue; None when closed or no "today" was given
    overdue: bool
    answered_on: date | None
    correction_request_deadline: date
    consultations: tuple[Consultation, ...]
    fee_payment_deadline: date | None
    extension_workdays: int
    excluded_workdays: int
    steps: tuple[Step, ...]
    warnings: tuple[str, ...]

    @property
    def paused(self) -> bool:
        return self.state in (ClockState.PAUSED, ClockState.AWAITING_CORRECTION)

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
            "working_days_left": self.working_days_left,
            "paused": self.paused,
            "pause_reason": self.pause_reason,
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
        }


@dataclass
class _Window:
    """A stretch when the clock stands still: working days in (start, end] do not count."""

    start: date
    end: date | None  # None while still open
    reason: str
    ended: bool = False  # ended by its own event (answer, payment), not cut off by the close of the case or today
    ref: str = ""
    party: ConsultedParty | None = None  # None for the fee wait


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


def compute_clock(
    events: Iterable[Event],
    calendar: WorkdayCalendar,
    *,
    today: date | None = None,
    settings: ClockSettings = DEFAULT_SETTINGS,
) -> ClockResult:
    """Compute an application's deadlines and explain them.

    `today` is needed for the working days left, for whether a case still open is overdue, and to project a due date
    while a consultation or fee wait is still open (the pause is taken to end today). Events dated after `today` are
    refused: the clock cannot know them yet.
    """
    return _Clock(sort_events(events), calendar, today, settings).run()


class _Clock:
    def __init__(
        self, events: list[Event], calendar: WorkdayCalendar, today: date | None, settings: ClockSettings
    ) -> None:
        self.events = events
        self.calendar = calendar
        self.today = parse_date(today) if today is not None else None
        self.settings = settings
        self.diary: list[tuple[tuple[date, int], Step]] = []
        self.summary: list[Step] = []
        self.warnings: list[str] = []

    # -- reading the events ---------------------------------------------------------------------------------------

    def _read(self) -> None:
        received = [event for event in self.events if isinstance(event, Received)]
        if not received:
            raise ClockInputError("缺少收到申请事件，无法计算期限")
        if len(received) > 1:
            raise ClockInputError("收到申请事件只能有一个")
        self.received: Received = received[0]
        self.correction_requested: CorrectionRequested | None = None
        self.correction_received: CorrectionReceived | None = None
        self.closed_by: CorrectionLapsed | FeeLapsed | Answered | None = None
        self.fee_notice: FeeNoticeSent | None = None
        self.fee_end: FeePaid | FeeLapsed | None = None
        self.extension: ExtensionApproved | None = None
        self.consultations: list[_Window] = []
        open_by_ref: dict[str, _Window] = {}

        if self.today is not None and self.today < self.received.on:
            raise ClockInputError(
                f"今天（{format_date(self.today)}）早于收到申请之日（{format_date(self.received.on)}）"
            )
        for event in self.events:
            if event.on is not None:
                if event.on < self.received.on:
                    raise ClockInputError(
                        f"{_describe(event)}的日期{format_date(event.on)}早于收到申请之日{format_date(self.received.on)}"
                    )
                if self.today is not None and event.on > self.today:
                    raise ClockInputError(
                        f"{_describe(event)}的日期{format_date(event.on)}晚于今天（{format_date(self.today)}）"
                    )
                if self.closed_by is not None and event.on > self.closed_by.on:
                    raise ClockInputError(
                        f"{_describe(self.closed_by)}（{format_date(self.closed_by.on)}）之后不应再有{_describe(event)}"
                    )
            match event:
                case CorrectionRequested():
                    if self.correction_requested is not None:
                        raise ClockInputError("补正只能告知一次（第30条：一次性告知）")
                    self.correction_requested = event
                case CorrectionReceived():
                    if self.correction_received is not None:
                        raise ClockInputError("收到补正后的申请只能记录一次")
                    self.correction_received = event
                case CorrectionLapsed():
                    if self.correction_requested is None:
                        raise ClockInputError("没有告知补正，不能记录逾期未补正")
                    if self.correction_received is not None:
                        raise ClockInputError("已收到补正后的申请，不能再记录逾期未补正")
                    self.closed_by = event
                case ConsultationStarted():
                    if event.ref in open_by_ref:
                        raise ClockInputError(
                            f"征求意见“{event.ref or '（未编号）'}”尚未答复又再次开始；同时征求多方意见时请用ref区分"
                        )
                    window = _Window(
                        start=event.on,
                        end=None,
                        reason=f"征求{event.party.label}意见（{event.party.article}）",
                        ref=event.ref,
                        party=event.party,
                    )
                    open_by_ref[event.ref] = window
                    self.consultations.append(window)
                case ConsultationAnswered():
                    window = open_by_ref.pop(event.ref, None)
                    if window is None:
                        self._refuse_end_before_start(event, ConsultationStarted, "征求意见")
                        raise ClockInputError(
                            f"{format_date(event.on)}的征求意见答复（ref“{event.ref}”）没有对应的开始征求意见事件"
                        )
                    window.end = event.on
                    window.ended = True
                case FeeNoticeSent():
                    if self.fee_notice is not None:
                        raise ClockInputError("同一申请只能发出一次收费通知")
                    self.fee_notice = event
                case FeePaid() | FeeLapsed():
                    if self.fee_notice is None:
                        self._refuse_end_before_start(event, FeeNoticeSent, "等待缴费")
                        raise ClockInputError(f"没有发出收费通知，不能记录{_describe(event)}")
                    if self.fee_end is not None:
                        raise ClockInputError("缴费和逾期未缴费只能记录其一，且只能记录一次")
                    self.fee_end = event
                    if isinstance(event, FeeLapsed):
                        self.closed_by = event
                case ExtensionApproved():
                    if self.extension is not None:
                        raise ClockInputError("答复期限只能延长一次（第33条第2款）")
                    if event.workdays > self.settings.max_extension_workdays:
                        raise ClockInputError(
                            f"延长的期限最长不得超过{self.settings.max_extension_workdays}个工作日"
                            f"（第33条第2款），收到{event.workdays}个工作日"
                        )
                    self.extension = event
                case Answered():
                    if self.closed_by is not None:
                        raise ClockInputError(f"{_describe(self.closed_by)}之后不能再作出答复")
                    self.closed_by = event
        requested, corrected = self.correction_requested, self.correction_received
        if requested and corrected and corrected.on < requested.on:
            raise ClockInputError("收到补正的日期早于告知补正的日期")

    def _refuse_end_before_start(self, end: Event, start_type: type, what: str) -> None:
        """An end whose start comes later is the common slip (dates swapped); say so rather than "no start"."""
        ref = getattr(end, "ref", None)
        for event in self.events:
            if isinstance(event, start_type) and getattr(event, "ref", None) == ref and event.on > end.on:
                raise ClockInputError(f"{what}的结束日期{format_date(end.on)}早于开始日期{format_date(event.on)}")

    # -- computing ----------------------------------------------------------------------------------------------------

    def _due(self, start: date, budget: int, pauses: list[tuple[date, date]]) -> tuple[date, list[tuple[date, date]]]:
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
            available = self.calendar.count_workdays(cursor, s)
            if remaining <= available:
                break  # the period ran out before this pause began: a late pause does not revive it
            remaining -= available
            applied.append((s, e))
            cursor = e
        return self.calendar.add_workdays(cursor, remaining), applied

    def run(self) -> ClockResult:
        self._read()
        settings, calendar, received = self.settings, self.calendar, self.received
        correction_deadline = calendar.add_workdays(received.on, settings.correction_request_workdays)
        self._step(
            f"{format_date(received.on)} 收到申请（{received.channel.label}，{received.channel.receipt_rule}）",
            "第31条",
            received.on,
        )
        self._step(
            f"补正告知期限：{format_date(correction_deadline)}"
            f"（第30条，收到申请后{settings.correction_request_workdays}个工作日内一次性告知）",
            "第30条",
            received.on,
        )

        # Where the reply period starts, and whether it has started at all.
        period_start: date | None = received.on
        if self.correction_requested is not None:
            request = self.correction_requested
            text = f"{format_date(request.on)} 告知申请人补正"
            if request.reply_by is not None:
                text += f"，补正期限至{format_date(request.reply_by)}"
            if request.on > correction_deadline:
                late = f"告知补正晚于第30条规定的{settings.correction_request_workdays}个工作日期限"
                self.warnings.append(late)
                text += f"，{late}"
            self._step(text + "（第30条）", "第30条", request.on)
            period_start = None
        if self.correction_received is not None:
            period_start = self.correction_received.on
            self._step(
                f"{format_date(period_start)} 收到补正后的申请，答复期限自该日起重新计算（第30条）",
                "第30条",
                period_start,
            )
        if isinstance(self.closed_by, CorrectionLapsed):
            self._step(
                f"{format_date(self.closed_by.on)} 申请人无正当理由逾期未补正，视为放弃申请（第30条）",
                "第30条",
                self.closed_by.on,
            )

        # Every pause gets an end: its own event, else the close of the case, else today, else it stays unknown.
        windows = list(self.consultations)
        if self.fee_notice is not None and settings.fee_wait_excluded:
            windows.append(
                _Window(
                    start=self.fee_notice.on,
                    end=self.fee_end.on if self.fee_end else None,
                    ended=isinstance(self.fee_end, FeePaid),
                    reason="等待申请人缴纳信息处理费（109号）",
                )
            )
        close_on = self.closed_by.on if self.closed_by else None
        open_windows = [w for w in windows if w.end is None and close_on is None]
        for window in windows:
            if window.end is None:
                window.end = close_on or self.today

        due: date | None = None
        excluded = 0
        applied: list[tuple[date, date]] = []
        extension = self.extension.workdays if self.extension else 0
        if period_start is not None and all(w.end is not None for w in windows):
            pauses = [(w.start, w.end) for w in windows if w.end is not None]
            due, applied = self._due(period_start, settings.reply_workdays + extension, pauses)
            excluded = sum(calendar.count_workdays(s, e) for s, e in applied)
            if self.extension is not None and self.extension.on is not None:
                due_before, _ = self._due(period_start, settings.reply_workdays, pauses)
                if self.extension.on > due_before:
                    self.warnings.append(
                        f"延期于{format_date(self.extension.on)}批准，晚于原答复期限{format_date(due_before)}"
                        "（第33条第2款要求在期限内经批准并告知申请人）"
                    )

        consultations = []
        for window in self.consultations:
            assert window.party is not None
            deadline = calendar.add_workdays(window.start, settings.consultation_workdays)
            self._step(
                f"{format_date(window.start)} 书面征求{window.party.label}意见，暂停计算答复期限（第33条第3款）；"
                f"{window.party.label}答复期限：{format_date(deadline)}"
                f"（{window.party.article}，{settings.consultation_workdays}个工作日）",
                window.party.article,
                window.start,
            )
            if window.ended and window.end is not None:
                self._resume_step(window, f"{window.party.label}答复", period_start, due, "第33条第3款")
                if window.end > deadline:
                    self.warnings.append(
                        f"{window.party.label}未在{format_date(deadline)}前答复"
                        f"（{settings.consultation_workdays}个工作日），于{format_date(window.end)}答复"
                    )
            consultations.append(
                Consultation(
                    party=window.party,
                    started_on=window.start,
                    answer_deadline=deadline,
                    answered_on=window.end if window.ended else None,
                    excluded_workdays=self._window_days(window, period_start, due),
                )
            )

        fee_deadline = None
        if self.fee_notice is not None:
            fee_deadline = calendar.add_workdays(self.fee_notice.on, settings.fee_payment_workdays)
            text = (
                f"{format_date(self.fee_notice.on)} 发出收费通知，缴费期限：{format_date(fee_deadline)}"
                f"（109号，{settings.fee_payment_workdays}个工作日）"
            )
            if settings.fee_wait_excluded:
                text += "；等待缴费期间暂停计算答复期限（109号）"
            else:
                text += "；按本平台设置，等待缴费期间仍计入答复期限（109号）"
            self._step(text, "109号", self.fee_notice.on)
            fee_window = next((w for w in windows if w.party is None), None)
            if isinstance(self.fee_end, FeePaid):
                if fee_window is not None:
                    self._resume_step(fee_window, "申请人缴费", period_start, due, "109号")
                else:
                    self._step(f"{format_date(self.fee_end.on)} 申请人缴费（109号）", "109号", self.fee_end.on)

        if self.extension is not None:
            self._step(
                f"{format_date(self.extension.on) + ' ' if self.extension.on else ''}"
                f"经政府信息公开工作机构负责人同意，延长答复期限{self.extension.workdays}个工作日"
                f"（第33条第2款，最长{settings.max_extension_workdays}个工作日）",
                "第33条第2款",
                self.extension.on,
            )

        # The summary: the due date and how it was reached, then where the case stands.
        if isinstance(self.closed_by, CorrectionLapsed):
            pass
        elif period_start is None:
            self._summary(
                f"等待申请人补正；自收到补正后的申请之日起重新计算{settings.reply_workdays}个工作日（第30条）",
                "第30条",
            )
        elif due is None:
            self._summary(
                "暂停计算中：征求意见或等待缴费尚未结束，恢复计算后才能确定答复期限（第33条第3款）", "第33条第3款"
            )
        else:
            self._calendar_step(period_start, due, applied)
            basis = f"{settings.reply_workdays}个工作日"
            if extension:
                basis += f"，延长{extension}个工作日"
            if excluded:
                basis += f"，暂停计算的{excluded}个工作日不计入"
            start_word = "收到补正后的申请" if self.correction_received else "收到申请"
            self._summary(
                f"{start_word}当日不计入，自次日起计算；法定答复期限：{format_date(due)}（第33条，{basis}）",
                "第33条",
                due,
            )

        state, pause_reason, overdue, left, answered_on = ClockState.RUNNING, None, False, None, None
        if isinstance(self.closed_by, Answered):
            state = ClockState.ANSWERED
            answered_on = self.closed_by.on
            if due is not None and answered_on > due:
                overdue = True
                late = calendar.count_workdays(due, answered_on)
                self._summary(
                    f"{format_date(answered_on)} 作出答复，逾期{late}个工作日（第33条）", "第33条", answered_on
                )
            else:
                self._summary(f"{format_date(answered_on)} 作出答复（第36条）", "第36条", answered_on)
        elif self.closed_by is not None:
            state = ClockState.WITHDRAWN
            if isinstance(self.closed_by, FeeLapsed):
                self._summary(
                    f"{format_date(self.closed_by.on)} 申请人逾期未缴纳信息处理费，视为放弃申请（109号）",
                    "109号",
                    self.closed_by.on,
                )
        elif period_start is None:
            state = ClockState.AWAITING_CORRECTION
            pause_reason = "等待申请人补正（第30条）"
        elif open_windows:
            state = ClockState.PAUSED
            pause_reason = "；".join(dict.fromkeys(w.reason for w in open_windows))

        if state in (ClockState.RUNNING, ClockState.PAUSED) and due is not None and self.today is not None:
            today = self.today
            if today <= due:
                left = calendar.count_workdays(today, due)
                if state is ClockState.PAUSED:
                    self._summary(
                        f"截至{format_date(today)}，{pause_reason}，暂停计算，剩余{left}个工作日；"
                        f"若次日恢复计算，答复期限为{format_date(due)}（第33条第3款）",
                        "第33条第3款",
                        today,
                    )
                else:
                    self._summary(f"截至{format_date(today)}，剩余{left}个工作日（第33条）", "第33条", today)
            else:
                overdue = True
                late = calendar.count_workdays(due, today)
                left = -late
                self._summary(f"截至{format_date(today)}，已逾期{late}个工作日（第33条）", "第33条", today)

        diary = [step for _, step in sorted(self.diary, key=lambda item: item[0])]
        return ClockResult(
            received_on=received.on,
            channel=received.channel,
            state=state,
            pause_reason=pause_reason,
            period_start=period_start,
            due_date=due,
            working_days_left=left,
            overdue=overdue,
            answered_on=answered_on,
            correction_request_deadline=correction_deadline,
            consultations=tuple(consultations),
            fee_payment_deadline=fee_deadline,
            extension_workdays=extension,
            excluded_workdays=excluded,
            steps=(*diary, *self.summary),
            warnings=tuple(self.warnings),
        )

    # -- helpers ----------------------------------------------------------------------------------------------------

    def _window_days(self, window: _Window, period_start: date | None, due: date | None) -> int:
        """Working days this pause alone took off the reply clock: 0 if it lay before the period or after it ran out."""
        if period_start is None or due is None or window.end is None:
            return 0
        start = max(window.start, period_start)
        if start >= due or window.end <= start:
            return 0
        return self.calendar.count_workdays(start, window.end)

    def _resume_step(
        self, window: _Window, who: str, period_start: date | None, due: date | None, article: str
    ) -> None:
        assert window.end is not None
        text = f"{format_date(window.end)} {who}，恢复计算；"
        if period_start is not None and window.end <= period_start:
            text += "暂停在答复期限起算之前，不影响答复期限"
        elif due is not None and period_start is not None and max(window.start, period_start) >= due:
            text += "暂停开始时答复期限已届满，不再顺延"
        else:
            text += f"暂停期间{self._window_days(window, period_start, due)}个工作日不计入答复期限"
        self._step(f"{text}（{article}）", article, window.end)

    def _calendar_step(self, start: date, due: date, pauses: list[tuple[date, date]]) -> None:
        # Only the stretches the clock ran through: a holiday inside a pause changed nothing.
        spans = []
        cursor = start
        for pause_start, pause_end in [*pauses, (due, due)]:
            spans += self.calendar.notable_spans(cursor, min(pause_start, due))
            cursor = pause_end
        if not spans:
            return
        holidays = [
            f"{'、'.join(span.names)}（{format_range(span.first, span.last)}）"
            for span in spans
            if not span.is_makeup_workday
        ]
        makeups = [
            f"{format_date(span.first)}（{format_weekday(span.first)}）" for span in spans if span.is_makeup_workday
        ]
        parts = []
        if holidays:
            parts.append("放假不计入：" + "、".join(holidays))
        if makeups:
            parts.append("调休上班计入：" + "、".join(makeups))
        sources = {self.calendar.schedule(year).source for year in range(start.year, due.year + 1)}
        source = "、".join(sorted(sources, key=lambda s: s != SOURCE_PACKAGE))
        self._summary(f"期间内{'；'.join(parts)}（{source}）", "放假安排")

    def _step(self, text: str, article: str, on: date | None) -> None:
        """A diary line, placed by its date; an undated one (an extension with no approval day) goes last."""
        self.diary.append(((on or date.max, len(self.diary)), Step(text=text, article=article, on=on)))

    def _summary(self, text: str, article: str, on: date | None = None) -> None:
        self.summary.append(Step(text=text, article=article, on=on))


def _describe(event: Event) -> str:
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
        Answered: "作出答复",
    }[type(event)]
