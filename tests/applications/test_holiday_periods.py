"""The rules driven through the services with time frozen around the Spring Festival and National Day 2026 (the
expected dates are counted by hand from the State Council's notices in tests/workdays/schedules.py)."""

from __future__ import annotations

from datetime import date

from gongkai.applications import services
from gongkai.applications.models import Application


def test_the_reply_period_skips_the_spring_festival_and_counts_its_saturdays(submit, alice, time_machine):
    time_machine.move_to("2026-03-20 10:00 +08:00", tick=False)
    application, _ = submit(received_on=date(2026, 2, 6), channel="post")
    # 2-9..2-13 (5), Saturday 2-14 worked (6), 2-15..2-23 off, 2-24..2-27 (10), Saturday 2-28 worked (11),
    # 3-2..3-6 (16), 3-9..3-12 (20).
    assert application.due_date == date(2026, 3, 12)
    services.application_decide(application=application, actor=alice, on=date(2026, 3, 13), outcome="granted")
    application.refresh_from_db()
    assert application.answered_late is True


def test_a_silent_party_over_national_day_ends_its_pause_by_law(submit, alice, time_machine):
    time_machine.move_to("2026-10-26 10:00 +08:00", tick=False)
    application, _ = submit(received_on=date(2026, 9, 21), channel="post")
    services.application_start_consultation(
        application=application, actor=alice, on=date(2026, 9, 28), party="other_agency", consulted="某局"
    )
    application.refresh_from_db()
    # 15 working days from 9-28: 9-29, 9-30 (2), 10-8, 10-9 (4), Saturday 10-10 (5), 10-12..10-16 (10), 10-19..10-23.
    assert application.pause_ends_on == date(2026, 10, 23)
    # Used before the pause: 9-22..9-24 (3; 9-25 is 中秋节) and 9-28 (4): 16 remain after 10-23,
    # 10-26..10-30 (5), 11-2..11-6 (10), 11-9..11-13 (15), 11-16.
    assert application.due_date == date(2026, 11, 16)
    assert not Application.objects.paused(on=date(2026, 10, 26)).filter(pk=application.pk).exists()
    assert Application.objects.paused(on=date(2026, 10, 23)).filter(pk=application.pk).exists()
