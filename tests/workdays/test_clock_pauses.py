"""Consultations (第32条/第34条, 第33条第3款) and the fee wait (109号) stop the clock."""

from datetime import date

import pytest

from gongkai.workdays import (
    Answered,
    ClockInputError,
    ClockSettings,
    ClockState,
    ConsultationAnswered,
    ConsultationStarted,
    ConsultedParty,
    FeeLapsed,
    FeeNoticeSent,
    FeePaid,
    Received,
    compute_clock,
    default_calendar,
)

D = date.fromisoformat
CALENDAR = default_calendar()
RECEIVED = Received(on=D("2026-09-24"))  # due 2026-10-29 without pauses


def test_it_leaves_out_the_working_days_of_a_consultation():
    events = [RECEIVED, ConsultationStarted(on=D("2026-10-12")), ConsultationAnswered(on=D("2026-10-20"))]
    result = compute_clock(events, CALENDAR, today=D("2026-10-21"))
    # (10-12, 10-20]: 10-13..10-16 and 10-19, 10-20 = 6 working days.
    assert result.excluded_workdays == 6
    assert result.due_date == D("2026-11-06")
    assert result.state is ClockState.RUNNING
    (consultation,) = result.consultations
    assert consultation.answer_deadline == D("2026-11-02")  # 15 working days after 10-12
    assert consultation.excluded_workdays == 6
    assert result.third_party_deadline == D("2026-11-02")


def test_it_is_paused_while_a_consultation_is_open_and_projects_the_date():
    events = [RECEIVED, ConsultationStarted(on=D("2026-10-12"), party=ConsultedParty.OTHER_AGENCY)]
    result = compute_clock(events, CALENDAR, today=D("2026-10-20"))
    assert result.state is ClockState.PAUSED
    assert result.paused is True
    assert result.pause_reason == "征求其他机关意见（第34条）"
    # 7 working days were used up to 10-12 (9-28..9-30, 10-8..10-10, 10-12); 13 remain however long the pause.
    assert result.working_days_left == 13
    # The pause lasts at most 15 working days from the other agency's receipt (第34条): to 11-02, then 13 more.
    assert result.pause_ends_on == D("2026-11-02")
    assert result.due_date == D("2026-11-19")


def test_it_ends_a_silent_consultation_by_law_and_runs_again():
    events = [RECEIVED, ConsultationStarted(on=D("2026-10-12"))]
    result = compute_clock(events, CALENDAR, today=D("2026-11-05"))
    assert result.state is ClockState.RUNNING and not result.paused
    assert result.due_date == D("2026-11-19")
    assert result.working_days_left == 10  # 11-06 .. 11-19
    assert any("第三方逾期未答复（由本机关依法决定），暂停依法结束" in step.text for step in result.steps)


def test_it_counts_the_fifteen_days_from_the_day_the_letter_arrives():
    sent, arrived = D("2026-10-12"), D("2026-10-15")
    events = [RECEIVED, ConsultationStarted(on=sent, delivered_on=arrived, party=ConsultedParty.OTHER_AGENCY)]
    result = compute_clock(events, CALENDAR)
    assert result.consultations[0].answer_deadline == CALENDAR.add_workdays(arrived, 15)


def test_it_does_not_let_a_late_answer_stretch_the_pause():
    late = [RECEIVED, ConsultationStarted(on=D("2026-10-12")), ConsultationAnswered(on=D("2026-11-10"))]
    silent = [RECEIVED, ConsultationStarted(on=D("2026-10-12"))]
    assert compute_clock(late, CALENDAR).due_date == compute_clock(silent, CALENDAR).due_date


def test_it_fixes_the_latest_date_for_an_open_pause_without_a_today():
    events = [RECEIVED, ConsultationStarted(on=D("2026-10-12"))]
    result = compute_clock(events, CALENDAR)
    assert result.due_date == D("2026-11-19")  # the pause runs to its legal end at the latest
    assert result.state is ClockState.PAUSED


def test_it_counts_overlapping_consultations_once():
    events = [
        RECEIVED,
        ConsultationStarted(on=D("2026-10-12"), ref="a"),
        ConsultationStarted(on=D("2026-10-14"), party=ConsultedParty.OTHER_AGENCY, ref="b"),
        ConsultationAnswered(on=D("2026-10-16"), ref="a"),
        ConsultationAnswered(on=D("2026-10-20"), ref="b"),
    ]
    result = compute_clock(events, CALENDAR)
    assert result.excluded_workdays == 6  # (10-12, 10-20], as one pause
    assert result.due_date == D("2026-11-06")


def test_it_does_not_revive_a_period_that_ran_out_before_the_pause():
    events = [RECEIVED, ConsultationStarted(on=D("2026-11-02")), ConsultationAnswered(on=D("2026-11-10"))]
    result = compute_clock(events, CALENDAR)
    assert result.due_date == D("2026-10-29")
    assert result.excluded_workdays == 0
    assert any("暂停开始时答复期限已届满，不再顺延" in step.text for step in result.steps)


def test_it_warns_when_the_third_party_answers_after_15_working_days():
    events = [RECEIVED, ConsultationStarted(on=D("2026-10-12")), ConsultationAnswered(on=D("2026-11-04"))]
    result = compute_clock(events, CALENDAR)
    assert result.warnings == ("第三方未在2026年11月2日前答复（15个工作日），于2026年11月4日答复",)


def test_it_stops_the_clock_while_the_fee_is_unpaid_by_default():
    events = [RECEIVED, FeeNoticeSent(on=D("2026-10-19")), FeePaid(on=D("2026-10-23"))]
    result = compute_clock(events, CALENDAR)
    assert result.fee_payment_deadline == D("2026-11-16")  # 20 working days after 10-19
    assert result.excluded_workdays == 4
    assert result.due_date == D("2026-11-04")


def test_it_keeps_the_clock_running_during_the_fee_wait_when_so_set():
    events = [RECEIVED, FeeNoticeSent(on=D("2026-10-19")), FeePaid(on=D("2026-10-23"))]
    result = compute_clock(events, CALENDAR, settings=ClockSettings(fee_wait_excluded=False))
    assert result.due_date == D("2026-10-29")
    assert result.fee_payment_deadline == D("2026-11-16")


def test_it_reports_an_unpaid_fee_as_the_pause_reason():
    events = [RECEIVED, FeeNoticeSent(on=D("2026-10-19"))]
    result = compute_clock(events, CALENDAR, today=D("2026-10-22"))
    assert result.pause_reason == "等待申请人缴纳信息处理费（109号）"
    # 12 used by 10-19 (9-28..9-30, 10-8..10-10, 10-12..10-16, 10-19), so 8 remain however long the wait.
    assert result.working_days_left == 8
    # The wait lasts at most until the payment deadline (11-16), then the application is deemed withdrawn.
    assert result.pause_ends_on == D("2026-11-16")
    assert result.due_date == D("2026-11-26")


def test_it_prompts_to_close_an_unpaid_fee_after_twenty_working_days():
    events = [RECEIVED, FeeNoticeSent(on=D("2026-10-19"))]
    result = compute_clock(events, CALENDAR, today=D("2026-11-17"))
    assert result.prompts == (
        "缴费期限已于2026年11月16日届满，申请人未缴费，视为放弃申请：请按（六）2记录逾期未缴费并办结（109号）",
    )


def test_it_refuses_a_fee_notice_after_the_reply_period():
    events = [RECEIVED, FeeNoticeSent(on=D("2026-10-30"))]
    with pytest.raises(ClockInputError, match="109号：收费通知应在答复期限内发出"):
        compute_clock(events, CALENDAR)


def test_it_closes_the_case_when_the_fee_is_not_paid():
    events = [RECEIVED, FeeNoticeSent(on=D("2026-10-19")), FeeLapsed(on=D("2026-11-17"))]
    result = compute_clock(events, CALENDAR, today=D("2026-11-20"))
    assert result.state is ClockState.WITHDRAWN
    assert result.overdue is False
    assert "视为放弃申请（109号）" in result.steps[-1].text


def test_it_ends_an_open_consultation_when_the_case_is_answered():
    events = [RECEIVED, ConsultationStarted(on=D("2026-10-12")), Answered(on=D("2026-10-20"))]
    result = compute_clock(events, CALENDAR, today=D("2026-11-20"))
    assert result.state is ClockState.ANSWERED
    assert result.overdue is False
    assert result.consultations[0].answered_on is None
