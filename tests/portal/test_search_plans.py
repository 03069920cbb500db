"""Whichever way a search is answered (on PostgreSQL: the few matches from the index and sorted, a common term read
newest first off the sort-key index, or, when that walk gives up, every match from the index; with or without the
index's statistics), the results are exactly "every term a substring, letters without case, newest first", and the
count is exact when every match was seen, else an estimate between what the page shows and the number of documents.
The limits are lowered here so that 60 items take every path; the expected results are computed in Python from the
items."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from helpers_portal import public_item

from gongkai.portal import search as search_module
from gongkai.portal import sync
from gongkai.portal.search import search
from gongkai.publishing.models import Item
from personas import NOW

WORDS = ["节能降耗", "公务用车", "Smart停车", "垃圾分类"]


@pytest.fixture
def corpus(agency, staff) -> list[Item]:
    """60 public items over two categories and two years, created in an order unrelated to their publication: the
    first word in every other item, the others rarer, and 垃圾分类 only in the three oldest; each numbered (12340,
    12343, … 12517)."""
    categories = list(agency.categories.order_by("position"))
    items = []
    for i in range(60):
        words = [WORDS[0]] if i % 2 == 0 else []
        words += [WORDS[1]] if i % 3 == 0 else []
        words += [WORDS[2]] if i % 7 == 0 else []
        age = (i * 37) % 60  # publication order is a permutation of creation order
        words += [WORDS[3]] if age >= 57 else []
        items.append(
            public_item(
                agency,
                sequence=2000 + i,
                title=f"关于{'、'.join(words) or '其他事项'}的通知第{i}号",
                body=f"<p>正文{i}：{'，'.join(reversed(words))}。编号{12340 + 3 * i}号</p>",
                published_at=NOW - timedelta(days=12 * age),
                category=categories[i % 2],
                actor=staff["alice"],
            )
        )
    Item.objects.bulk_create(items)
    sync.reindex()
    return list(Item.objects.order_by("-published_at", "-id"))


@pytest.fixture(
    autouse=True,
    params=[(3, 10, 0), (3, 1000, 0), (1000, 1000, 0), (1000, 1000, 1000)],
    ids=["walks give up", "walks go on", "walks", "few documents"],
)
def _small_limits(request, monkeypatch):
    monkeypatch.setattr(search_module, "ESTIMATE_MATCHES", 6)
    monkeypatch.setattr(search_module, "WALK_SAMPLE", request.param[0])
    monkeypatch.setattr(search_module, "WALK_BUDGET", request.param[1])
    monkeypatch.setattr(search_module, "EXACT_DOCUMENTS", request.param[2])


@pytest.fixture(
    autouse=True, params=["no statistics", "analysed"] if connection.vendor == "postgresql" else ["no statistics"]
)
def _statistics(request, corpus):
    """On PostgreSQL, the bigram index's statistics choose the pairs it is asked for once ANALYZE has run."""
    if request.param == "analysed":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE portal_searchdocument")
        assert search_module._pair_frequencies()


def _expected(corpus: list[Item], query: str, **filters) -> list[int]:
    terms = query.split()
    found = []
    for item in corpus:
        text = f"{item.title}\n{item.document_number}\n{item.body}".lower()
        if all(t.lower() in text for t in terms) and all(getattr(item, k) == v for k, v in filters.items()):
            found.append(item.pk)
    return found


def _all_pages(query: str, page: int = 4, **filters) -> list[int]:
    ids, offset = [], 0
    while chunk := [h.pk for h in search(query=query, offset=offset, limit=page, **filters).items]:
        ids += chunk
        offset += page
    return ids


@pytest.mark.parametrize(
    "query",
    [
        "节能降耗",  # half the items: more than the cap, read newest first
        "节能",  # the same through the bigram index
        "公务用车 节能降耗",  # two terms, one in a third and one in half
        "smart停车",  # letters without case
        "垃圾分类",  # only the oldest three: the rare plan
        "车 节能",  # a term no index serves
        "分类 节能降耗",  # a common term and a rare one
        "没有这个词",
        "12343号",  # a number: its fours (1234, 2343), checked with the whole term
        "1234",  # one four, in the first few numbers
        "2349号 编号",  # fours in one document, a common term
        "12346号",  # its fours in two numbers (12346 is not one of them)
    ],
)
def test_every_page_is_exactly_the_substring_matches_newest_first(corpus, query):
    expected = _expected(corpus, query)
    assert _all_pages(query) == expected
    results = search(query=query, limit=4)
    assert [hit.pk for hit in results.items] == expected[:4]
    assert results.more == (len(expected) > 4)
    _assert_count(results, expected, corpus)


def _assert_count(results, expected: list[int], corpus: list[Item]) -> None:
    if results.exact:
        assert results.count == len(expected)
    else:  # only when there are more than the walk has read, and never below what the page shows or above all
        assert len(corpus) > search_module.EXACT_DOCUMENTS and len(expected) > len(results.items)
        assert len(results.items) < results.count <= len(corpus)


def test_filters_apply_on_every_plan(corpus, agency):
    category = agency.categories.order_by("position")[1]
    for query in ("节能降耗", "节能", "垃圾分类", "车"):
        expected = _expected(corpus, query, category_id=category.pk)
        assert _all_pages(query, category_id=category.pk) == expected
        _assert_count(search(query=query, category_id=category.pk, limit=4), expected, corpus)


def test_a_walk_that_finds_nothing_recent_still_finds_the_old_matches(corpus):
    # 垃圾分类 with 节能降耗: the common term makes the index's answer large, the rare one lives in the three oldest
    # items only, beyond the ten newest documents the walk may read.
    expected = _expected(corpus, "节能降耗 分类")
    assert expected and all(pk in [i.pk for i in corpus[-3:]] for pk in expected)
    assert _all_pages("节能降耗 分类") == expected


def test_the_year_filter_keeps_the_order(corpus):
    year = corpus[0].published_at.year - 1
    local = [i for i in corpus if timezone_year(i) == year]
    expected = [pk for pk in _expected(corpus, "节能降耗") if pk in {i.pk for i in local}]
    assert expected
    assert _all_pages("节能降耗", year=year) == expected


def timezone_year(item: Item) -> int:
    from django.utils import timezone

    return timezone.localtime(item.published_at).year
