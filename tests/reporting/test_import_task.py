"""Report imports as tasks (gongkai.reporting.tasks.report_import): a file saved to the shared storage is imported by a
worker on any node and removed; an unreadable file fails once, is not retried, and is removed too."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from gongkai.reporting import tasks
from gongkai.reporting.models import ImportedReport

from .test_import import _outside_report

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMPORT = "gongkai.reporting.tasks.report_import"


@pytest.fixture
def queued(settings, tmp_path):
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_REMIND_AT = "23:59"


def _enqueue(demo, frank, data: bytes, filename: str) -> str:
    name = default_storage.save(f"imports/{filename}", ContentFile(data))
    tasks.report_import.enqueue(
        region_id=demo["invented"].region_id, file_name=name, filename=filename, actor_id=frank.pk, year=2025
    )
    return name


@pytest.mark.django_db(transaction=True)
def test_a_worker_imports_a_stored_report(demo, frank, queued):
    name = _enqueue(demo, frank, _outside_report(granted_total=3), "jiedao-2025.html")
    call_command("jobs_worker", batch=True, verbosity=0)
    record = ImportedReport.objects.get()
    assert (record.agency_name, record.year, record.imported_by_id) == ("张店区某街道办事处", 2025, frank.pk)
    assert DBTaskResult.objects.get(task_path=IMPORT).return_value == record.pk
    assert not default_storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_an_unreadable_file_fails_once_without_retry(demo, frank, queued):
    name = _enqueue(demo, frank, b"not a report at all", "junk.txt")
    call_command("jobs_worker", batch=True, verbosity=0)
    rows = list(DBTaskResult.objects.filter(task_path=IMPORT))
    assert [row.status for row in rows] == ["FAILED"]
    assert rows[0].exception_class_path == "gongkai.jobs.retry.FinalFailure"
    assert not ImportedReport.objects.exists()
    assert not default_storage.exists(name)
