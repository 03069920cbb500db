"""`{% supervised_report_years user as years %}`: every year a supervisor's region has records or reports for, for
year links on pages outside the reporting app (the supervision home)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from gongkai.agencies.models import Agency

register = template.Library()


@register.simple_tag
def supervised_report_years(user) -> list[int]:
    from gongkai.reporting.selectors import report_years

    regions = [r for s in user.supervisions.select_related("region") for r in s.region.with_descendants()]
    return report_years(agencies=Agency.objects.filter(region__in=regions), regions=regions, today=timezone.localdate())
