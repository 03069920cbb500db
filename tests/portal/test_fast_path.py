"""Repeat visits to public pages are answered by the fast path (one query, no view), which still sees a withdrawal
at once and steps aside for signed-in staff."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.publishing import services
from personas import PASSWORD


def _urls(agency, item) -> list[str]:
    category = f"/gk/{agency.pk}/c/{item.category_id}/"
    return ["/", f"/gk/{agency.pk}/", f"/gk/{agency.pk}/guide/", category, f"{category}?last=1",
            f"/gk/item/{item.pk}/", "/search/?q=节能", f"/gk/{agency.pk}/feed.atom", "/sitemap.xml",
            "/sitemap-items-0.xml"]  # fmt: skip


def test_it_serves_a_repeat_visit_in_one_query(client, agency, publish):
    item = publish()
    for url in _urls(agency, item):
        first = client.get(url)
        assert first.status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert len(queries) == 1, (url, [q["sql"] for q in queries])
        assert again.content == first.content and again["ETag"] == first["ETag"], url
        assert again["X-Frame-Options"] == "DENY" and again["Cache-Control"] == first["Cache-Control"], url
        assert again["Last-Modified"] == first["Last-Modified"], url


def test_it_answers_304_in_one_query(client, publish, django_assert_num_queries):
    item = publish()
    first = client.get(f"/gk/item/{item.pk}/")
    with django_assert_num_queries(1):
        again = client.get(f"/gk/item/{item.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_it_never_serves_a_withdrawn_item(client, agency, publish, staff):
    item = publish()
    urls = _urls(agency, item)
    for url in urls:
        client.get(url)
        client.get(url)  # now served by the fast path
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    for url in urls:
        response = client.get(url)
        assert f"/gk/item/{item.pk}/" not in response.text and item.title not in response.text, url
    assert client.get(f"/gk/item/{item.pk}/").status_code == 404


def test_it_leaves_signed_in_staff_to_the_full_stack(client, publish, staff):
    item = publish()
    client.get(f"/gk/item/{item.pk}/")
    client.login(username="erin", password=PASSWORD)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/gk/item/{item.pk}/").status_code == 200
    assert len(queries) > 1  # the session and the user were read: the request took the normal path


def test_it_passes_writes_and_unknown_urls_through(client, publish):
    item = publish()
    client.get(f"/gk/item/{item.pk}/")
    assert client.post(f"/gk/item/{item.pk}/").status_code in (403, 405)
    assert client.get(f"/gk/item/{item.pk + 1000}/").status_code == 404
    assert client.get(f"/gk/item/{item.pk}/?utm=1").status_code == 200
