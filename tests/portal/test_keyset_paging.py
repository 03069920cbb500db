"""Category lists page by (published_at, id), forward, back and straight to the last page."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _titles(html: str) -> list[str]:
    return re.findall(r">(工作动态第\d+期)</a>", html)


def _link(html: str, label: str) -> str:
    return re.search(rf'href="(\?[^"]*)"(?: rel="\w+")?>{label}<', html).group(1).replace("&amp;", "&")


def test_it_walks_every_page_forward_and_back(client, agency, many_items):
    items = many_items(45)
    url = f"/gk/{agency.pk}/c/{items[0].category_id}/"
    first = client.get(url).text
    assert _titles(first) == [i.title for i in items[:20]] and "共 45 条" in first
    second = client.get(url + _link(first, "下一页")).text
    assert _titles(second) == [i.title for i in items[20:40]]
    third = client.get(url + _link(second, "下一页")).text
    assert _titles(third) == [i.title for i in items[40:]] and "下一页" not in third
    back = client.get(url + _link(third, "上一页")).text
    assert _titles(back) == _titles(second)
    assert _titles(client.get(url + _link(back, "上一页")).text) == _titles(first)


def test_it_jumps_to_the_last_page(client, agency, many_items):
    items = many_items(45)
    last = client.get(f"/gk/{agency.pk}/c/{items[0].category_id}/?last=1").text
    assert _titles(last) == [i.title for i in items[-20:]]
    assert "末页" not in last and "上一页" in last


def test_it_seeks_with_the_index_instead_of_an_offset(client, agency, many_items):
    items = many_items(25)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/gk/{agency.pk}/c/{items[0].category_id}/?last=1")
    listing = [q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"] and "publishing_item" in q["sql"]]
    assert listing and all("OFFSET" not in sql for sql in listing)


def test_it_ignores_a_mangled_cursor(client, agency, many_items):
    items = many_items(3)
    url = f"/gk/{agency.pk}/c/{items[0].category_id}/"
    for cursor in ("?after=abc", "?before=1-x", "?after=99999999999999999999-1", "?after=-5"):
        assert client.get(url + cursor).status_code == 200
