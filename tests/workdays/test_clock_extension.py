"""One extension of at most 20 working days (第33条第2款)."""

from datetime import date

import pytest

from gongkai.workdays import ClockInputError, ExtensionApproved, Received, compute_clock, default_calendar

D = date.fromisoformat
CALENDAR = default_calendar()


def test_it_adds_the_extension_in_working_days():
    events = [Received(on=D("2026-09-24")), ExtensionApproved(workdays=20, on=D("2026-10-27"))]
    result = compute_clock(events, CALENDAR)
    assert result.due_date == D("2026-11-26")
    assert result.extension_workdays == 20
    assert result.warnings == ()
    assert "延长答复期限20个工作日（第33条第2款，最长20个工作日）" in result.steps[-3].text


def test_it_refuses_an_extension_approved_after_the_deadline():
    events = [Received(on=D("2026-09-24")), ExtensionApproved(workdays=5, on=D("2026-10-30"))]
    with pytest.raises(ClockInputError, match=r"答复期限已于2026年10月29日届满，2026年10月30日不能再延长（第33条第2款"):
        compute_clock(events, CALENDAR)


def test_it_accepts_an_extension_approved_on_the_last_day():
    events = [Received(on=D("2026-09-24")), ExtensionApproved(workdays=5, on=D("2026-10-29"))]
    assert compute_clock(events, CALENDAR).due_date == D("2026-11-05")


def test_it_accepts_an_extension_without_its_approval_date():
    result = compute_clock([Received(on=D("2026-09-24")), ExtensionApproved(workdays=1)], CALENDAR)
    assert result.due_date == D("2026-10-30")
