"""The header's 待我处理 count on every staff page: computed only when a template shows it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from gongkai.workspace.selectors import inbox_for


def inbox_count(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        return inbox_for(user, today=timezone.localdate()).count

    return {"inbox_count": SimpleLazyObject(count)}
