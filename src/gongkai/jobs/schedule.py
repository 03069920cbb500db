"""Daily jobs, enqueued by the workers themselves (no cron, no beat process): every worker, between polls, calls
`enqueue_due`; for a job whose time has come today, it inserts `ScheduledRun(name, today)` and enqueues the task in
the same transaction. The unique constraint lets exactly one insert per day succeed over all workers on all nodes."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.jobs.models import ScheduledRun


def daily_jobs() -> list[tuple[str, time, object, dict]]:
    """(name, local time it falls due, task, kwargs). The mail outbox is not here: every worker drains it between
    polls (jobs_worker)."""
    from gongkai.jobs import tasks

    hour, minute = (int(part) for part in settings.GONGKAI_REMIND_AT.split(":"))
    return [("remind", time(hour, minute), tasks.send_reminders, {"workdays": settings.GONGKAI_REMIND_DAYS})]


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue today's jobs whose time has passed and that no worker has enqueued yet; returns their names."""
    now = timezone.localtime(now or timezone.now())
    started = []
    for name, at, job, kwargs in daily_jobs():
        if now.time() < at or ScheduledRun.objects.filter(name=name, day=now.date()).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=name, day=now.date())
                result = job.enqueue(**kwargs)
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker got there first
        started.append(name)
    return started
