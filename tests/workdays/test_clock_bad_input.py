"""Input the clock cannot use gets a clear Chinese error, a ValueError."""

from datetime import date, datetime

import pytest

from gongkai.workdays import (
    Answered,
    ClockInputError,
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionLapsed,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    InvalidDateError,
    Received,
    UnknownYearError,
    compute_clock,
    default_calendar,
)

D = date.fromisoformat
CALENDAR = default_calendar()
RECEIVED = Received(on=D("2026-09-24"))


def clock(*events, **kwargs):
    return compute_clock(list(events), CALENDAR, **kwargs)


def test_it_refuses_a_pause_that_ends_before_it_starts():
    with pytest.raises(ClockInputError, match="征求意见的结束日期2026年10月12日早于开始日期2026年10月20日"):
        clock(RECEIVED, ConsultationStarted(on=D("2026-10-20")), ConsultationAnswered(on=D("2026-10-12")))


def test_it_refuses_a_fee_paid_before_the_notice():
    with pytest.raises(ClockInputError, match="等待缴费的结束日期2026年10月12日早于开始日期2026年10月20日"):
        clock(RECEIVED, FeeNoticeSent(on=D("2026-10-20")), FeePaid(on=D("2026-10-12")))


def test_it_refuses_a_second_extension():
    with pytest.raises(ClockInputError, match=r"答复期限只能延长一次（第33条第2款）"):
        clock(RECEIVED, ExtensionApproved(workdays=5), ExtensionApproved(workdays=5))


def test_it_refuses_an_extension_over_20_working_days():
    with pytest.raises(ClockInputError, match="延长的期限最长不得超过20个工作日"):
        clock(RECEIVED, ExtensionApproved(workdays=21))


@pytest.mark.parametrize("workdays", [0, -3, 2.5, "10", True])
def test_it_refuses_an_extension_that_is_not_a_positive_whole_number(workdays):
    with pytest.raises(ClockInputError, match="延长的工作日数"):
        ExtensionApproved(workdays=workdays)


def test_it_refuses_a_date_in_a_year_without_a_schedule():
    with pytest.raises(UnknownYearError, match="日历中没有2027年的节假日安排"):
        clock(Received(on=D("2027-03-01")))


@pytest.mark.parametrize("value", ["2026-13-01", "24/09/2026", "", None, 20260924, 3.5])
def test_it_refuses_a_non_date(value):
    with pytest.raises(InvalidDateError, match="日期格式不正确"):
        Received(on=value)


def test_it_refuses_a_datetime_rather_than_guess_its_day():
    with pytest.raises(InvalidDateError, match="需要日期而不是日期时间"):
        Received(on=datetime(2026, 9, 24, 23, 30))


def test_it_accepts_an_iso_string_as_a_date():
    assert Received(on="2026-09-24").on == D("2026-09-24")


def test_it_refuses_events_without_a_receipt():
    with pytest.raises(ClockInputError, match="缺少收到申请事件"):
        clock(Answered(on=D("2026-10-01")))


def test_it_refuses_two_receipts():
    with pytest.raises(ClockInputError, match="收到申请事件只能有一个"):
        clock(RECEIVED, Received(on=D("2026-09-25")))


def test_it_refuses_an_event_before_the_receipt():
    with pytest.raises(ClockInputError, match="早于收到申请之日"):
        clock(RECEIVED, ConsultationStarted(on=D("2026-09-20")))


def test_it_refuses_an_event_after_today():
    with pytest.raises(ClockInputError, match="晚于今天"):
        clock(RECEIVED, Answered(on=D("2026-10-20")), today=D("2026-10-19"))


def test_it_refuses_a_today_before_the_receipt():
    with pytest.raises(ClockInputError, match="早于收到申请之日"):
        clock(RECEIVED, today=D("2026-09-23"))


def test_it_refuses_events_after_the_answer():
    with pytest.raises(ClockInputError, match="之后不应再有"):
        clock(RECEIVED, Answered(on=D("2026-10-20")), ConsultationStarted(on=D("2026-10-21")))


def test_it_refuses_a_second_correction_request():
    with pytest.raises(ClockInputError, match="一次性告知"):
        clock(RECEIVED, CorrectionRequested(on=D("2026-09-25")), CorrectionRequested(on=D("2026-09-28")))


def test_it_refuses_a_correction_received_before_it_was_asked_for():
    with pytest.raises(ClockInputError, match="收到补正的日期早于告知补正的日期"):
        clock(RECEIVED, CorrectionRequested(on=D("2026-09-29")), CorrectionReceived(on=D("2026-09-28")))


def test_it_refuses_a_payment_without_a_notice():
    with pytest.raises(ClockInputError, match="没有发出收费通知，不能记录缴费"):
        clock(RECEIVED, FeePaid(on=D("2026-10-12")))


def test_it_refuses_an_answer_from_a_consultation_never_started():
    with pytest.raises(ClockInputError, match="没有对应的开始征求意见事件"):
        clock(RECEIVED, ConsultationAnswered(on=D("2026-10-12"), ref="x"))


def test_it_refuses_a_lapse_without_a_correction_request():
    with pytest.raises(ClockInputError, match="没有告知补正"):
        clock(RECEIVED, CorrectionLapsed(on=D("2026-10-20")))


def test_it_refuses_a_consultation_started_twice_under_one_ref():
    with pytest.raises(ClockInputError, match="请用ref区分"):
        clock(RECEIVED, ConsultationStarted(on=D("2026-10-12")), ConsultationStarted(on=D("2026-10-13")))


def test_it_refuses_an_unknown_channel():
    with pytest.raises(ClockInputError, match="未知的申请方式"):
        Received(on=D("2026-09-24"), channel="email")


def test_it_refuses_something_that_is_not_an_event():
    with pytest.raises(ClockInputError, match="不是申请事件"):
        clock(RECEIVED, "answered 2026-10-20")


def test_every_error_is_a_value_error():
    for error in (ClockInputError, InvalidDateError, UnknownYearError):
        assert issubclass(error, ValueError)
