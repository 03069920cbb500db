"""The daily reminders are enqueued by whichever worker first sees their time come, exactly once a day however many
workers run on however many nodes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.models import ScheduledRun
from gongkai.jobs.schedule import enqueue_due

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.django_db
def test_reminders_are_enqueued_once_a_day_after_their_time(database_tasks, settings):
    settings.GONGKAI_REMIND_AT = "08:00"
    assert enqueue_due(datetime(2026, 3, 2, 7, 59, tzinfo=SHANGHAI)) == []
    assert enqueue_due(datetime(2026, 3, 2, 8, 1, tzinfo=SHANGHAI)) == ["remind"]
    # a second worker, a minute later: already taken
    assert enqueue_due(datetime(2026, 3, 2, 8, 2, tzinfo=SHANGHAI)) == []
    assert enqueue_due(datetime(2026, 3, 3, 9, 0, tzinfo=SHANGHAI)) == ["remind"]
    runs = list(ScheduledRun.objects.order_by("day").values_list("name", "day"))
    assert [(name, str(day)) for name, day in runs] == [("remind", "2026-03-02"), ("remind", "2026-03-03")]
    queued = DBTaskResult.objects.filter(task_path="gongkai.jobs.tasks.send_reminders")
    assert queued.count() == 2
    assert {str(pk) for pk in queued.values_list("pk", flat=True)} == set(
        ScheduledRun.objects.values_list("task_id", flat=True)
    )
    assert queued.first().args_kwargs["kwargs"] == {"workdays": settings.GONGKAI_REMIND_DAYS}


@pytest.mark.django_db
def test_a_worker_that_loses_the_race_enqueues_nothing(database_tasks):
    from datetime import date

    ScheduledRun.objects.create(name="remind", day=date(2026, 3, 2))  # another node inserted it a moment ago
    assert enqueue_due(datetime(2026, 3, 2, 12, 0, tzinfo=SHANGHAI)) == []
    assert not DBTaskResult.objects.exists()
