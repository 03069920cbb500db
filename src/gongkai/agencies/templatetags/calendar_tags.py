"""{% calendar_warning %}: from 1 November, tell admins (the system admin and every agency admin) while next year's
holiday schedule is missing, with a link to the page where they enter it."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from gongkai.agencies.calendar import missing_next_year
from gongkai.agencies.models import Role

register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_warning(context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if not (user.is_superuser or user.memberships.filter(role=Role.AGENCY_ADMIN).exists()):
        return ""
    year = missing_next_year(timezone.localdate())
    if year is None:
        return ""
    where = format_html('请在<a href="{}">工作日历</a>中录入', reverse("calendar-enter", args=[year]))
    return format_html(
        '<p class="warning" id="calendar-warning">{}年放假安排尚未录入：'
        "跨入{}年的答复期限暂按从严的暂定日历计算（标注“暂定”），录入后自动重算。国务院办公厅公布后，{}。</p>",
        year,
        year,
        where,
    )
