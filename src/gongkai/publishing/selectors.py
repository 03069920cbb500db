"""Reading items for the staff lists: search and filters."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from gongkai.common.params import year_param
from gongkai.publishing.models import Status


def item_search(items, params, *, today: date):
    """`items` narrowed by the list's parameters: q (title, 索引号, 文号), status, year (信息形成年度), overdue.
    Returns the rows and the filters as understood (to show them back in the form)."""
    q = (params.get("q") or "").strip()
    status = params.get("status", "")
    year = params.get("year", "")
    overdue = params.get("overdue") == "1"
    if q:
        items = items.filter(Q(title__icontains=q) | Q(index_number__icontains=q) | Q(document_number__icontains=q))
    if status in Status.values:
        items = items.filter(status=status)
    else:
        status = ""
    if year_param(year) is not None:
        items = items.filter(formed_on__year=year_param(year))
    else:
        year = ""
    if overdue:
        items = items.overdue_unpublished(on=today)
    return items, {"q": q, "status": status, "year": year, "overdue": overdue}
