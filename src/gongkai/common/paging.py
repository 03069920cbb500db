"""Paging for the staff lists: the requested page (a bad number shows the first or last page) and the list's other
query parameters, so the pager's links keep the search and the filters."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def page_of(request, rows, *, per_page: int | None = None) -> tuple[Page, str]:
    page = Paginator(rows, per_page or PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()
