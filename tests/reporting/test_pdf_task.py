"""The PDF of a published report is a task enqueued in the publication's transaction: it exists exactly when the
version does, and a worker on any node makes the PDF from it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from gongkai.report.render import pdf as pdf_render
from gongkai.reporting import services
from gongkai.reporting.models import ReportVersion
from reporting.helpers import finish, publish

PDF_TASK = "gongkai.reporting.tasks.report_pdf"


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.GONGKAI_REMIND_AT = "23:59"


class Abandoned(Exception):
    pass


def test_a_rolled_back_publication_leaves_no_task(demo, erin, lena, queued):
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=erin)
    finish(draft, erin)
    with pytest.raises(Abandoned), transaction.atomic():
        publish(draft, lena)
        assert DBTaskResult.objects.filter(task_path=PDF_TASK).count() == 1
        raise Abandoned
    assert not DBTaskResult.objects.filter(task_path=PDF_TASK).exists()
    assert not ReportVersion.objects.filter(agency=demo["invented"], year=2025).exists()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_the_pdf_of_a_publication(demo, erin, lena, queued):
    if pdf_render.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=erin)
    finish(draft, erin)
    version = publish(draft, lena)
    row = DBTaskResult.objects.get(task_path=PDF_TASK)
    assert row.args_kwargs["kwargs"] == {"version_id": version.pk} and row.status == "READY"
    assert ReportVersion.objects.get(pk=version.pk).pdf is None
    call_command("jobs_worker", batch=True, verbosity=0)
    row.refresh_from_db()
    assert (row.status, row.return_value) == ("SUCCESSFUL", True)
    assert bytes(ReportVersion.objects.get(pk=version.pk).pdf).startswith(b"%PDF")
