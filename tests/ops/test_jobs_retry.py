"""A failing task is recorded as failed and enqueued again for later, up to its number of attempts; each attempt is
its own row (the record of runs). Run by the real worker command on the database backend."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.jobs import tasks

REINDEX = "gongkai.jobs.tasks.portal_reindex"


def _attempt(row) -> int:
    return row.args_kwargs["kwargs"].get("attempt", 1)


def _run_worker():
    call_command("jobs_worker", batch=True, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_it_retries_a_failing_task_later_and_records_each_attempt(database_tasks, monkeypatch, time_machine):
    calls = []

    def failing():
        calls.append(1)
        raise RuntimeError("index unavailable")

    monkeypatch.setattr("gongkai.portal.sync.reindex", failing)
    time_machine.move_to(timezone.now(), tick=False)
    tasks.portal_reindex.enqueue()
    _run_worker()
    # Both rows were enqueued at the frozen instant: order them by attempt.
    rows = sorted(DBTaskResult.objects.filter(task_path=REINDEX), key=_attempt)
    assert [row.status for row in rows] == ["FAILED", "READY"]
    assert rows[0].exception_class_path == "builtins.RuntimeError"
    assert rows[1].args_kwargs["kwargs"] == {"attempt": 2}
    assert rows[1].run_after > timezone.now()
    _run_worker()  # not due yet: nothing runs
    assert len(calls) == 1

    time_machine.shift(3600)
    _run_worker()  # attempt 2 fails and is the last (portal_reindex has 2 attempts)
    statuses = [row.status for row in sorted(DBTaskResult.objects.filter(task_path=REINDEX), key=_attempt)]
    assert statuses == ["FAILED", "FAILED"]
    assert len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_a_task_that_succeeds_is_recorded_with_its_result(database_tasks, monkeypatch):
    monkeypatch.setattr("gongkai.portal.sync.reindex", lambda: 7)
    result = tasks.portal_reindex.enqueue()
    assert DBTaskResult.objects.get(pk=result.id).status == "READY"
    _run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "SUCCESSFUL"
    assert row.return_value == 7
    assert row.finished_at is not None and row.worker_ids


@pytest.mark.django_db(transaction=True)
def test_portal_reindex_can_be_queued_for_a_worker(database_tasks, monkeypatch, capsys):
    monkeypatch.setattr("gongkai.portal.sync.reindex", lambda: 3)
    call_command("jobs_enqueue", "portal_reindex")
    row = DBTaskResult.objects.get(task_path=REINDEX)
    assert str(row.pk) in capsys.readouterr().out and row.status == "READY"
    _run_worker()
    row.refresh_from_db()
    assert (row.status, row.return_value) == ("SUCCESSFUL", 3)
