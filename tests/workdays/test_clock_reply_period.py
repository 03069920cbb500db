"""The 20-working-day reply period (第33条), the working days left and being overdue."""

from datetime import date

import pytest

from gongkai.workdays import Answered, Channel, ClockState, Received, compute_clock, default_calendar

D = date.fromisoformat
CALENDAR = default_calendar()


def test_it_skips_the_national_day_holidays():
    result = compute_clock([Received(on=D("2026-09-24"))], CALENDAR)
    assert result.due_date == D("2026-10-29")
    assert result.period_start == D("2026-09-24")
    assert result.state is ClockState.RUNNING


def test_it_skips_the_spring_festival_and_counts_its_saturdays():
    result = compute_clock([Received(on=D("2026-02-09"))], CALENDAR)
    assert result.due_date == D("2026-03-13")


def test_it_does_not_count_the_day_of_receipt():
    # Received on Monday 2026-11-02: Tuesday is day 1, so day 20 is Monday 2026-11-30.
    assert compute_clock([Received(on=D("2026-11-02"))], CALENDAR).due_date == D("2026-11-30")


@pytest.mark.parametrize(
    ("today", "left", "overdue"),
    [
        ("2026-09-24", 20, False),
        ("2026-10-20", 7, False),
        ("2026-10-28", 1, False),
        ("2026-10-29", 0, False),
        ("2026-10-30", -1, True),
        ("2026-11-02", -2, True),
    ],
)
def test_it_counts_the_working_days_left(today, left, overdue):
    result = compute_clock([Received(on=D("2026-09-24"))], CALENDAR, today=D(today))
    assert (result.working_days_left, result.overdue) == (left, overdue)


def test_it_leaves_the_days_left_unknown_without_a_today():
    result = compute_clock([Received(on=D("2026-09-24"))], CALENDAR)
    assert result.working_days_left is None
    assert result.overdue is False


def test_it_records_an_answer_on_time():
    events = [Received(on=D("2026-09-24")), Answered(on=D("2026-10-29"))]
    result = compute_clock(events, CALENDAR, today=D("2026-11-20"))
    assert result.state is ClockState.ANSWERED
    assert result.answered_on == D("2026-10-29")
    assert result.overdue is False
    assert result.working_days_left is None


def test_it_records_a_late_answer_as_overdue():
    events = [Received(on=D("2026-09-24")), Answered(on=D("2026-11-03"))]
    result = compute_clock(events, CALENDAR)
    assert result.overdue is True
    assert result.steps[-1].text == "2026年11月3日 作出答复，逾期3个工作日（第33条）"


@pytest.mark.parametrize("channel", list(Channel))
def test_it_gives_every_channel_the_same_period_from_its_receipt_date(channel):
    result = compute_clock([Received(on=D("2026-09-24"), channel=channel)], CALENDAR)
    assert result.due_date == D("2026-10-29")
    assert result.channel is channel


def test_it_gives_the_correction_request_deadline():
    # 7 working days after 2026-09-24: 9-28, 9-29, 9-30, 10-8, 10-9, 10-10 (Saturday, worked), 10-12.
    assert compute_clock([Received(on=D("2026-09-24"))], CALENDAR).correction_request_deadline == D("2026-10-12")


def test_it_serialises_to_json_ready_values():
    data = compute_clock([Received(on=D("2026-09-24"))], CALENDAR, today=D("2026-10-20")).to_dict()
    assert data["due_date"] == "2026-10-29"
    assert data["working_days_left"] == 7
    assert data["paused"] is False
    assert data["steps"][0].startswith("2026年9月24日 收到申请")
