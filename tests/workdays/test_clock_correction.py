"""Correction (补正, 第30条): the reply period starts again from receipt of the corrected application."""

from datetime import date

from gongkai.workdays import (
    ClockState,
    CorrectionLapsed,
    CorrectionReceived,
    CorrectionRequested,
    Received,
    compute_clock,
    default_calendar,
)

D = date.fromisoformat
CALENDAR = default_calendar()


def test_it_restarts_the_reply_period_from_the_corrected_application():
    events = [
        Received(on=D("2026-11-02")),
        CorrectionRequested(on=D("2026-11-04"), reply_by=D("2026-11-18")),
        CorrectionReceived(on=D("2026-11-10")),
    ]
    result = compute_clock(events, CALENDAR, today=D("2026-11-10"))
    # 20 working days after Tuesday 2026-11-10 is Tuesday 2026-12-08 (not 2026-11-30, 20 after receipt).
    assert result.period_start == D("2026-11-10")
    assert result.due_date == D("2026-12-08")
    assert result.working_days_left == 20
    assert "2026年11月10日 收到补正后的申请，答复期限自该日起重新计算（第30条）" in [s.text for s in result.steps]


def test_it_waits_without_a_due_date_while_the_correction_is_outstanding():
    events = [Received(on=D("2026-11-02")), CorrectionRequested(on=D("2026-11-04"))]
    result = compute_clock(events, CALENDAR, today=D("2026-11-20"))
    assert result.state is ClockState.AWAITING_CORRECTION
    assert result.paused is True
    assert result.pause_reason == "等待申请人补正（第30条）"
    assert result.due_date is None
    assert result.working_days_left is None
    assert result.overdue is False


def test_it_closes_the_case_when_the_correction_lapses():
    events = [
        Received(on=D("2026-11-02")),
        CorrectionRequested(on=D("2026-11-04")),
        CorrectionLapsed(on=D("2026-11-20")),
    ]
    result = compute_clock(events, CALENDAR, today=D("2026-11-25"))
    assert result.state is ClockState.WITHDRAWN
    assert result.due_date is None
    assert result.steps[-1].text == "2026年11月20日 申请人无正当理由逾期未补正，视为放弃申请（第30条）"


def test_it_warns_when_the_correction_was_asked_for_too_late():
    # The deadline to ask was 2026-11-11 (7 working days after 2026-11-02).
    events = [Received(on=D("2026-11-02")), CorrectionRequested(on=D("2026-11-12"))]
    result = compute_clock(events, CALENDAR)
    assert result.correction_request_deadline == D("2026-11-11")
    assert result.warnings == ("告知补正晚于第30条规定的7个工作日期限",)


def test_it_accepts_a_corrected_application_without_a_recorded_request():
    result = compute_clock([Received(on=D("2026-11-02")), CorrectionReceived(on=D("2026-11-10"))], CALENDAR)
    assert result.due_date == D("2026-12-08")
