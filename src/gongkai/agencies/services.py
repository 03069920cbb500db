"""Writes in the agencies app: the audit trail, login throttling."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, AuditEntry, LoginFailure


def audit_record(
    *,
    actor,
    agency: Agency | None,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        agency=agency,
        action=action,
        object_type=obj._meta.verbose_name,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
    )
    entry.full_clean()
    entry.save()
    return entry


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The fields of `obj` as JSON-friendly values, for an audit entry's before/after."""
    values = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model) or (value is not None and not isinstance(value, (str, int, float, bool))):
            value = str(value)
        values[name] = value
    return values


def _window_start():
    return timezone.now() - timedelta(minutes=settings.GONGKAI_LOGIN_WINDOW_MINUTES)


def login_is_throttled(*, username: str, ip: str | None) -> bool:
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    limit = settings.GONGKAI_LOGIN_MAX_FAILURES
    if recent.filter(username__iexact=username).count() >= limit:
        return True
    # An address trying many names is guessing too; allow it a few more tries than one name gets.
    return bool(ip) and recent.filter(ip=ip).count() >= limit * 4


@transaction.atomic
def login_failure_record(*, username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], ip=ip or None)
    LoginFailure.objects.filter(at__lt=timezone.now() - timedelta(days=30)).delete()


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username).delete()
