"""The work gongkai does outside a request (docs/scale.md). Each is a django-tasks task on the database backend:
enqueued in the caller's transaction (so it exists exactly when the caller's writes do), run by `gongkai manage
jobs_worker` on any node, retried by `retrying`, and recorded as one row per attempt (status, times, worker,
traceback) in `django_tasks_database_dbtaskresult`, shown in the admin.

Arguments are ids and storage names, never personal data (they are stored in the task row and may be logged).
"""

from __future__ import annotations

from django_tasks import task

from gongkai.jobs.retry import retrying


@task()
@retrying(attempts=3, backoff_seconds=300)
def send_reminders(*, workdays: int = 3) -> int:
    """`gongkai remind` on a schedule: the handlers' e-mails about periods that end soon (safe to run twice)."""
    from django.utils import timezone

    from gongkai.applications.reminders import send_reminders as send

    return len(send(today=timezone.localdate(), workdays=workdays))


@task()
@retrying(attempts=2, backoff_seconds=60)
def portal_reindex() -> int:
    """`gongkai manage portal_reindex`: rebuild the search index, retire every cached page and page file."""
    from gongkai.portal.sync import reindex

    return reindex()


# The annual report's tasks (PDF at publication, imports) live in gongkai.reporting.tasks: reporting enqueues them, so
# they sit in the app that owns them and jobs never imports reporting.
