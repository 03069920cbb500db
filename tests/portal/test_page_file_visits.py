"""An item page's file is written from the second visit a process serves (GONGKAI_PAGE_FILE_VISITS, 2 by default):
the first is rendered and sent with no file, no page lock and no statement beyond the item's own, which is what a
crawler asking for each page once costs (docs/portal.md, "The crawler case")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.portal import page_files
from gongkai.publishing import services


@pytest.fixture(autouse=True)
def _second_visit(settings):
    settings.GONGKAI_PAGE_FILE_VISITS = 2  # the default (tests/conftest.py sets 1 for the other tests)


def _statements(queries) -> list[str]:
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]  # not the test's own transaction


def test_the_first_visit_is_served_from_one_statement_with_no_file(client, publish):
    item = publish()
    with CaptureQueriesContext(connection) as queries:
        first = client.get(f"/gk/item/{item.pk}/")
    assert first.status_code == 200 and item.title in first.text
    statements = _statements(queries)
    assert len(statements) == 1 and "publishing_item" in statements[0], statements  # no lock, no token read again
    assert not page_files.path_of(item.pk).exists()

    with CaptureQueriesContext(connection) as queries:
        second = client.get(f"/gk/item/{item.pk}/")
    assert len(_statements(queries)) == (2 if connection.vendor == "sqlite" else 3)  # now the token under the lock
    assert page_files.path_of(item.pk).read_bytes() == second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_third_visit_is_sent_from_the_file(client, publish, django_assert_num_queries):
    item = publish()
    pages = [client.get(f"/gk/item/{item.pk}/") for _ in range(2)]
    with django_assert_num_queries(1):  # the token, then the file (no nginx in front)
        third = client.get(f"/gk/item/{item.pk}/")
    assert third.content == pages[0].content and third["ETag"] == pages[0]["ETag"]


def test_a_page_withdrawn_after_its_first_visit_never_gets_a_file(client, publish, staff):
    item = publish()
    assert client.get(f"/gk/item/{item.pk}/").status_code == 200
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    for _ in range(2):
        assert client.get(f"/gk/item/{item.pk}/").status_code == 404
    assert not page_files.path_of(item.pk).exists()


def test_each_page_counts_its_own_visits(client, publish):
    one, other = publish("其一"), publish("其二")
    client.get(f"/gk/item/{one.pk}/")
    client.get(f"/gk/item/{other.pk}/")
    assert not page_files.path_of(one.pk).exists() and not page_files.path_of(other.pk).exists()
    client.get(f"/gk/item/{other.pk}/")
    assert page_files.path_of(other.pk).exists() and not page_files.path_of(one.pk).exists()


def test_the_visits_remembered_are_bounded(monkeypatch):
    monkeypatch.setattr(page_files._Visits, "GENERATION", 3)
    visits = page_files._Visits()
    assert [visits.count(pk) for pk in (1, 2, 1)] == [1, 1, 2]
    assert visits.count(3) == 1  # the third page fills the generation: it becomes the older one
    assert visits.count(1) == 3  # still remembered, from the older generation
    for pk in (4, 5, 6, 7, 8):
        visits.count(pk)
    assert len(visits.recent) + len(visits.older) <= 2 * 3
    assert visits.count(2) == 1  # dropped with its generation: counted anew
