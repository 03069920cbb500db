"""Retries for django-tasks, which has none of its own: a failed run is recorded as failed (its row keeps the
traceback) and, unless it was the last attempt, the same task is enqueued again to run after a delay, with the
attempt number in its arguments. Each attempt is its own row, so the record of runs is complete."""

from __future__ import annotations

import functools
import logging
import sys
from datetime import timedelta

from django.utils import timezone

logger = logging.getLogger("gongkai.jobs")


class FinalFailure(Exception):
    """A failure that retrying cannot mend (an unreadable file): recorded on the run, never retried."""


def retrying(*, attempts: int = 3, backoff_seconds: int = 60):
    """Wrap a task function: on an exception, enqueue attempt n+1 after n x backoff_seconds, then re-raise."""

    def wrap(func):
        @functools.wraps(func)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                task = getattr(sys.modules[func.__module__], func.__name__)  # the Task the decorator made
                backend = task.get_backend()
                final = isinstance(sys.exc_info()[1], FinalFailure)
                if attempt < attempts and backend.supports_defer and not final:
                    later = timezone.now() + timedelta(seconds=backoff_seconds * attempt)
                    task.using(run_after=later).enqueue(*args, attempt=attempt + 1, **kwargs)
                    logger.warning(
                        "task %s failed (attempt %s of %s), retrying",
                        task.name,
                        attempt,
                        attempts,
                        extra={"task": task.name, "attempt": attempt},
                    )
                else:
                    logger.error(
                        "task %s failed for good (attempt %s of %s)",
                        task.name,
                        attempt,
                        attempts,
                        extra={"task": task.name, "attempt": attempt},
                    )
                raise

        return run

    return wrap
