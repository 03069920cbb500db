"""/healthz answers in JSON whether this node can serve: database, shared storage, task queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.jobs import tasks


@pytest.mark.django_db
def test_it_reports_database_storage_and_queue(client, database_tasks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["ok"] is True
    assert set(body["checks"]) == {"database", "storage", "queue"}
    assert body["checks"]["queue"]["ready"] == 0
    assert list((tmp_path / "media" / "health").iterdir()) == []  # the probe file is gone


@pytest.mark.django_db
def test_a_task_waiting_too_long_means_no_worker_runs(client, database_tasks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_HEALTH_QUEUE_MINUTES = 15
    result = tasks.portal_reindex.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - timedelta(minutes=16))
    response = client.get("/healthz")
    assert response.status_code == 503
    queue = response.json()["checks"]["queue"]
    assert queue["ok"] is False and queue["ready"] == 1 and queue["oldest_waiting_seconds"] >= 16 * 60


@pytest.mark.django_db
def test_an_unwritable_storage_fails_the_check(client, settings, tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    settings.MEDIA_ROOT = blocked
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["storage"]["ok"] is False and body["checks"]["database"]["ok"] is True
