"""From 1 November each admin sees a warning while next year's schedule is missing; entering it recomputes."""

from __future__ import annotations

from datetime import date

from gongkai.agencies.models import CalendarYear


def test_admins_are_warned_from_november_while_next_year_is_missing(client, erin, alice, time_machine):
    time_machine.move_to("2026-10-31 10:00 +08:00", tick=False)
    client.force_login(erin)
    assert "calendar-warning" not in client.get("/staff/", follow=True).content.decode()
    time_machine.move_to("2026-11-02 10:00 +08:00", tick=False)
    client.force_login(erin)  # a new session at the new time
    page = client.get("/staff/", follow=True).content.decode()
    assert "2027年放假安排尚未录入" in page
    client.force_login(alice)  # a handler, not an admin
    assert "calendar-warning" not in client.get("/staff/", follow=True).content.decode()
    CalendarYear.objects.create(year=2027, source="管理员录入的放假安排")
    client.force_login(erin)
    assert "calendar-warning" not in client.get("/staff/", follow=True).content.decode()


def test_a_step_whose_dates_run_into_an_unknown_year_is_provisional_not_refused(submit, alice, time_machine):
    from gongkai.applications import services

    time_machine.move_to("2026-12-10 10:00 +08:00", tick=False)
    application, _ = submit(received_on=date(2026, 11, 20), channel="post")
    assert application.provisional is False  # due 18 December 2026
    services.application_extend(
        application=application, actor=alice, on=date(2026, 12, 10), workdays=20, approved_by="王主任", reason="检索"
    )
    application.refresh_from_db()
    assert application.provisional is True and application.due_date.year == 2027


def test_recomputing_reads_the_calendar_once_not_per_application(submit, django_assert_max_num_queries):
    from gongkai.applications import services

    for day in range(2, 8):
        submit(received_on=date(2026, 2, day), channel="post")
    # Six candidates whose dates do not move: the calendar (2 queries), the candidates and their events.
    with django_assert_max_num_queries(5):
        assert services.applications_recompute_for_schedule(year=2026) == 0
