"""{% workdays "REPLY" %}: a statutory period's number of working days, from `gongkai.workdays.periods`, the one place
the law's time limits are written, so a page never types 20 or 15 again."""

from __future__ import annotations

from django import template

from gongkai.workdays import periods

register = template.Library()


@register.simple_tag
def workdays(name: str) -> int:
    return getattr(periods, name).workdays
