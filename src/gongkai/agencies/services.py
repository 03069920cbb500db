"""Writes in the agencies app: the audit trail (login throttling is in `gongkai.agencies.throttle`)."""

from __future__ import annotations

from django.db import models

from gongkai.agencies.models import Agency, AuditEntry


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
    entry.clean_fields(exclude=["actor", "agency"])  # the actor and agency are the objects in hand
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
