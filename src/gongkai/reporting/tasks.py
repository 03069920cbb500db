"""The annual report's work outside the request (docs/scale.md): the PDF of a published version and report imports,
as django-tasks tasks run by `gongkai manage jobs_worker` on any node, retried by `gongkai.jobs.retry.retrying`."""

from __future__ import annotations

from django_tasks import task

from gongkai.jobs.retry import FinalFailure, retrying


@task()
@retrying(attempts=3, backoff_seconds=60)
def report_pdf(*, version_id: int) -> bool:
    """The PDF of a published annual report version, converted from its frozen DOCX (reporting.services)."""
    from gongkai.reporting.services import version_store_pdf

    return version_store_pdf(version_id=version_id)


@task()
@retrying(attempts=3, backoff_seconds=60)
def report_import(
    *, region_id: int, file_name: str, filename: str, actor_id: int, year: int | None = None, credit_code: str = ""
) -> int:
    """reporting.services.report_import on a file saved to the default storage (`file_name`), for imports of many
    reports at once; the stored file is deleted once imported. A file that is not a readable report fails at once
    (ValidationError is final: retrying cannot make it readable); the run's row keeps the reason."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.core.files.storage import default_storage

    from gongkai.agencies.models import Region
    from gongkai.reporting.services import report_import as import_one

    with default_storage.open(file_name, "rb") as handle:
        data = handle.read()
    try:
        record = import_one(
            region=Region.objects.get(pk=region_id),
            data=data,
            filename=filename,
            actor=get_user_model().objects.get(pk=actor_id),
            year=year,
            credit_code=credit_code,
        )
    except ValidationError as exc:
        default_storage.delete(file_name)
        raise FinalFailure("；".join(exc.messages)) from None
    default_storage.delete(file_name)
    return record.pk
