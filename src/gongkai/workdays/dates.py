"""Step 2 of the clock: every date of a case, assuming nothing more happens (an open pause lasts to its legal end)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .calendar import WorkdayCalendar
from .errors import ClockInputError
from .events import (
    FeeLapsed,
    FeePaid,
)
from .reading import Case, Window
from .result import ClockSettings
from .text import format_date

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


def window_days(window: Window, dates: Dates, calendar: WorkdayCalendar) -> int:
    """Working days this pause alone took off the reply clock: 0 if it lay before the period or after it ran out."""
    if dates.period_start is None or dates.due is None:
        return 0
    start = max(window.start, dates.period_start)
    if start >= dates.due or window.end <= start:
        return 0
    return calendar.count_workdays(start, window.end)
