"""The item page's Jinja2 filters give what Django's template filters give: dates in local time, URLs as reversed,
values escaped byte for byte as Django escapes them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.template import defaultfilters
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from gongkai.portal import jinja


def test_dates_match_djangos_filter_in_local_time():
    for value in (datetime(2026, 3, 1, 20, 30, tzinfo=UTC), datetime(2026, 3, 1, 20, 30, 5, 120, tzinfo=UTC),
                  date(2026, 2, 27), None):  # fmt: skip
        for arg in ("Y-m-d", "c", "Y年n月j日"):
            assert jinja._date(value, arg) == defaultfilters.date(template_localtime(value), arg), (value, arg)
    assert jinja._date(datetime(2026, 3, 1, 20, 30, tzinfo=UTC), "Y-m-d") == "2026-03-02"  # Asia/Shanghai


def test_urls_match_reverse(db):
    assert jinja._url("public-home") == reverse("public-home")
    assert jinja._url("public-item", 42) == reverse("public-item", args=[42])
    assert jinja._url("portal-category", 3, 70) == reverse("portal-category", args=[3, 70])
    assert jinja._url("portal-category", 9, 1) == reverse("portal-category", args=[9, 1])


def test_escaping_matches_djangos():
    for value in ("<b>\"A\" & 'B'</b>", mark_safe("<b>safe</b>"), 12, None, "文号〔2026〕1号"):
        assert jinja._escape(value) == conditional_escape(value)
