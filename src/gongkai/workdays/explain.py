"""The clock's account in Chinese: each step says what happened or was computed, citing its article once.

`explain` only words what `clock.compute_dates` worked out; it decides nothing.
"""

from __future__ import annotations

from datetime import date

from .calendar import SOURCE_PACKAGE, WorkdayCalendar
from .dates import Dates, window_days
from .events import CorrectionLapsed, FeeLapsed, FeePaid
from .reading import Case, Window
from .result import ClockSettings, ClockState, Step
from .text import format_date, format_range, format_weekday


class _Account:
    def __init__(self) -> None:
        self.diary: list[tuple[tuple[date, int], Step]] = []
        self.summary: list[Step] = []
        self.warnings: list[str] = []
        self.prompts: list[str] = []

    def step(self, text: str, article: str, on: date | None) -> None:
        """A diary line, placed by its date; an undated one (an extension with no approval day) goes last."""
        self.diary.append(((on or date.max, len(self.diary)), Step(text=text, article=article, on=on)))

    def sum(self, text: str, article: str, on: date | None = None) -> None:
        self.summary.append(Step(text=text, article=article, on=on))

    def steps(self) -> tuple[Step, ...]:
        return (*(step for _, step in sorted(self.diary, key=lambda item: item[0])), *self.summary)


def explain(
    case: Case,
    dates: Dates,
    calendar: WorkdayCalendar,
    settings: ClockSettings,
    state: ClockState,
    pause_reason: str | None,
    pause_ends_on: date | None,
    left: int | None,
) -> tuple[tuple[Step, ...], tuple[str, ...], tuple[str, ...]]:
    """(steps, warnings, prompts) for a computed case."""
    account = _Account()
    _receipt_and_correction(account, case, dates, settings)
    _consultations(account, case, dates, calendar, settings)
    _fee(account, case, dates, calendar, settings)
    _extension(account, case, settings)
    _excessive(account, case, dates)
    _due(account, case, dates, calendar, settings)
    _standing(account, case, dates, calendar, state, pause_reason, pause_ends_on, left)
    return account.steps(), tuple(account.warnings), tuple(account.prompts)


def _receipt_and_correction(account: _Account, case: Case, dates: Dates, settings: ClockSettings) -> None:
    received = case.received
    account.step(
        f"{format_date(received.on)} 收到申请（{received.channel.label}，{received.channel.receipt_rule}）",
        "第31条",
        received.on,
    )
    account.step(
        f"补正告知期限：{format_date(dates.correction_deadline)}"
        f"（第30条，收到申请后{settings.correction_request_workdays}个工作日内一次性告知）",
        "第30条",
        received.on,
    )
    request = case.correction_requested
    if request is not None:
        text = f"{format_date(request.on)} 告知申请人补正"
        if request.reply_by is not None:
            text += f"，补正期限至{format_date(request.reply_by)}"
        if request.on > dates.correction_deadline:
            late = f"告知补正晚于第30条规定的{settings.correction_request_workdays}个工作日期限"
            account.warnings.append(late)
            text += f"，{late}"
        account.step(text + "（第30条）", "第30条", request.on)
    if case.correction_received is not None:
        on = case.correction_received.on
        account.step(f"{format_date(on)} 收到补正后的申请，答复期限自该日起重新计算（第30条）", "第30条", on)
    if isinstance(case.closed_by, CorrectionLapsed):
        on = case.closed_by.on
        account.step(f"{format_date(on)} 申请人无正当理由逾期未补正，视为放弃申请（第30条）", "第30条", on)


def _consultations(account: _Account, case: Case, dates: Dates, calendar: WorkdayCalendar, settings) -> None:
    for window in dates.windows:
        if window.party is None:
            continue
        label, article = window.party.label, window.party.article
        account.step(
            f"{format_date(window.start)} 书面征求{label}意见，暂停计算答复期限；"
            f"{label}答复期限：{format_date(window.legal_end)}"
            f"（{article}，自收到征求意见函之日起{settings.consultation_workdays}个工作日；第33条第3款）",
            article,
            window.start,
        )
        if window.ended_on_time:
            _resume(account, window, f"{label}答复", dates, calendar, "第33条第3款")
        elif window.answered_on is not None:
            account.warnings.append(
                f"{label}未在{format_date(window.legal_end)}前答复"
                f"（{settings.consultation_workdays}个工作日），于{format_date(window.answered_on)}答复"
            )
        if not window.ended_on_time and _ended_by_law(case, window):
            silence = "视为同意" if window.party.value == "other_agency" else "由本机关依法决定"
            _resume(account, window, f"{label}逾期未答复（{silence}），暂停依法结束", dates, calendar, article)


def _ended_by_law(case: Case, window: Window) -> bool:
    """The pause ran to its legal end: the case was still open then, and that day has come (or no today given)."""
    if case.closed_by is not None and case.closed_by.on <= window.legal_end:
        return False
    return case.today is None or case.today > window.legal_end


def _fee(account: _Account, case: Case, dates: Dates, calendar: WorkdayCalendar, settings: ClockSettings) -> None:
    notice = case.fee_notice
    if notice is None or dates.fee_deadline is None:
        return
    received = "" if notice.delivered_on in (None, notice.on) else f"，申请人{format_date(notice.delivered_on)}收到"
    text = (
        f"{format_date(notice.on)} 发出收费通知{received}，缴费期限：{format_date(dates.fee_deadline)}"
        f"（109号，{settings.fee_payment_workdays}个工作日）"
    )
    if settings.fee_wait_excluded:
        text += "；等待缴费期间暂停计算答复期限"
    else:
        text += "；按本平台设置，等待缴费期间仍计入答复期限"
    account.step(text, "109号", notice.on)
    fee_window = next((w for w in dates.windows if w.party is None), None)
    if isinstance(case.fee_end, FeePaid):
        if fee_window is not None:
            _resume(account, fee_window, "申请人缴费", dates, calendar, "109号")
        else:
            account.step(f"{format_date(case.fee_end.on)} 申请人缴费（109号）", "109号", case.fee_end.on)
    elif case.fee_end is None and case.today is not None and case.today > dates.fee_deadline:
        account.prompts.append(
            f"缴费期限已于{format_date(dates.fee_deadline)}届满，申请人未缴费，视为放弃申请：请按（六）2记录逾期未缴费并办结（109号）"
        )


def _extension(account: _Account, case: Case, settings: ClockSettings) -> None:
    extension = case.extension
    if extension is None:
        return
    account.step(
        f"{format_date(extension.on) + ' ' if extension.on else ''}"
        f"经政府信息公开工作机构负责人同意，延长答复期限{extension.workdays}个工作日"
        f"（第33条第2款，最长{settings.max_extension_workdays}个工作日）",
        "第33条第2款",
        extension.on,
    )


def _excessive(account: _Account, case: Case, dates: Dates) -> None:
    if case.reasons_requested is not None:
        on = case.reasons_requested.on
        account.step(f"{format_date(on)} 申请数量、频次明显超过合理范围，要求申请人说明理由（第35条）", "第35条", on)
    if case.period_set is not None:
        on = case.period_set.on
        account.step(
            f"{format_date(on)} 申请理由合理，确定延长答复期限至{format_date(case.period_set.until)}并告知申请人"
            f"（第35条；原答复期限{format_date(dates.statutory_due)}）",
            "第35条",
            on,
        )


def _due(account: _Account, case: Case, dates: Dates, calendar: WorkdayCalendar, settings: ClockSettings) -> None:
    if isinstance(case.closed_by, CorrectionLapsed):
        return
    if dates.period_start is None:
        account.sum(
            f"等待申请人补正；自收到补正后的申请之日起重新计算{settings.reply_workdays}个工作日（第30条）", "第30条"
        )
        request = case.correction_requested
        if request is not None and request.reply_by is not None and case.today and case.today > request.reply_by:
            account.prompts.append(
                f"补正期限已于{format_date(request.reply_by)}届满：收到补正的请记录收到补正，"
                "否则请按（六）1记录逾期未补正（第30条）"
            )
        return
    assert dates.due is not None
    _calendar_step(account, dates.period_start, dates.due, dates.applied, calendar)
    basis = f"{settings.reply_workdays}个工作日"
    if case.extension:
        basis += f"，延长{case.extension.workdays}个工作日"
    if dates.excluded:
        basis += f"，暂停计算的{dates.excluded}个工作日不计入"
    if case.period_set is not None:
        account.sum(f"答复期限：{format_date(dates.due)}（第35条，本机关确定并告知申请人）", "第35条", dates.due)
        return
    start_word = "收到补正后的申请" if case.correction_received else "收到申请"
    provisional = "（暂定）" if dates.provisional_years else ""
    account.sum(
        f"{start_word}当日不计入，自次日起计算；法定答复期限{provisional}：{format_date(dates.due)}（第33条，{basis}）",
        "第33条",
        dates.due,
    )
    for year in dates.provisional_years:
        account.sum(calendar.schedule(year).source, "放假安排")


def _standing(
    account: _Account,
    case: Case,
    dates: Dates,
    calendar: WorkdayCalendar,
    state: ClockState,
    pause_reason: str | None,
    pause_ends_on: date | None,
    left: int | None,
) -> None:
    due, today = dates.due, case.today
    if state is ClockState.ANSWERED:
        answered_on = case.closed_by.on
        if due is not None and answered_on > due:
            late = calendar.count_workdays(due, answered_on)
            account.sum(f"{format_date(answered_on)} 作出答复，逾期{late}个工作日（第33条）", "第33条", answered_on)
        else:
            account.sum(f"{format_date(answered_on)} 作出答复（第36条）", "第36条", answered_on)
        return
    if isinstance(case.closed_by, FeeLapsed):
        on = case.closed_by.on
        account.sum(f"{format_date(on)} 申请人逾期未缴纳信息处理费，视为放弃申请（109号）", "109号", on)
        return
    if state not in (ClockState.RUNNING, ClockState.PAUSED) or due is None:
        return
    if today is None:
        if state is ClockState.PAUSED and pause_ends_on is not None:
            account.sum(
                f"{pause_reason}，暂停计算；对方逾期不答复的，暂停至{format_date(pause_ends_on)}依法结束，"
                f"答复期限为{format_date(due)}（第33条第3款）",
                "第33条第3款",
            )
        return
    if left is not None and left >= 0:
        if state is ClockState.PAUSED:
            resume_due = calendar.add_workdays(today, left)
            account.sum(
                f"截至{format_date(today)}，{pause_reason}，暂停计算，剩余{left}个工作日；"
                f"若次日恢复计算，答复期限为{format_date(resume_due)}；"
                f"对方逾期不答复的，暂停至{format_date(pause_ends_on)}依法结束，答复期限为{format_date(due)}"
                "（第33条第3款）",
                "第33条第3款",
                today,
            )
        else:
            account.sum(f"截至{format_date(today)}，剩余{left}个工作日（第33条）", "第33条", today)
    else:
        late = calendar.count_workdays(due, today)
        account.sum(f"截至{format_date(today)}，已逾期{late}个工作日（第33条）", "第33条", today)


def _resume(account: _Account, window: Window, who: str, dates: Dates, calendar: WorkdayCalendar, article: str) -> None:
    text = f"{format_date(window.end)} {who}，恢复计算；"
    if dates.period_start is not None and window.end <= dates.period_start:
        text += "暂停在答复期限起算之前，不影响答复期限"
    elif (
        dates.due is not None and dates.period_start is not None and max(window.start, dates.period_start) >= dates.due
    ):
        text += "暂停开始时答复期限已届满，不再顺延"
    else:
        text += f"暂停期间{window_days(window, dates, calendar)}个工作日不计入答复期限"
    account.step(f"{text}（{article}）", article, window.end)


def _calendar_step(
    account: _Account, start: date, due: date, pauses: list[tuple[date, date]], calendar: WorkdayCalendar
) -> None:
    # Only the stretches the clock ran through: a holiday inside a pause changed nothing.
    spans = []
    cursor = start
    for pause_start, pause_end in [*pauses, (due, due)]:
        spans += calendar.notable_spans(cursor, min(pause_start, due))
        cursor = pause_end
    # A provisional year's assumed make-up weekends are its assumption, stated on its own line, not facts to list.
    spans = [span for span in spans if not calendar.schedule(span.first.year).provisional]
    if not spans:
        return
    holidays = [
        f"{'、'.join(span.names)}（{format_range(span.first, span.last)}）"
        for span in spans
        if not span.is_makeup_workday
    ]
    makeups = [f"{format_date(span.first)}（{format_weekday(span.first)}）" for span in spans if span.is_makeup_workday]
    parts = []
    if holidays:
        parts.append("放假不计入：" + "、".join(holidays))
    if makeups:
        parts.append("调休上班计入：" + "、".join(makeups))
    schedules = [calendar.schedule(year) for year in range(start.year, due.year + 1)]
    sources = {schedule.source for schedule in schedules if not schedule.provisional}
    source = "、".join(sorted(sources, key=lambda s: s != SOURCE_PACKAGE))
    account.sum(f"期间内{'；'.join(parts)}（{source}）", "放假安排")
