"""Template filters over `gongkai.labels`: {% load gongkai_labels %} then `action|action_label`,
`entry|audit_changes`, `user|person` or `user|person:agency`."""

from __future__ import annotations

from django import template

from gongkai import labels

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return labels.action_label(action or "")


@register.filter
def audit_changes(entry) -> list[str]:
    return labels.audit_changes(entry)


@register.filter
def person(user, agency=None) -> str:
    return labels.person_label(user, agency)


@register.filter
def cell_label(name: str) -> str:
    return labels.cell_label(name or "")
