"""Search results come newest first whatever order the items were created in, read off the index page by page;
terms mean substrings, never a match across punctuation; the year is the local year."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.portal import search as search_module
from gongkai.portal.search import _fts_query, index_chars, index_pairs, search, sort_key
from gongkai.publishing.models import Item

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _ids(query: str, **filters) -> list[int]:
    return [i.pk for i in search(query=query, **filters).items]


def test_sort_keys_follow_publication_time_then_id():
    at = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
    assert sort_key(at, 5) < sort_key(at, 6) < sort_key(at + timedelta(microseconds=1), 1)
    assert sort_key(datetime(1999, 12, 31, tzinfo=SHANGHAI), 1) < 0 < sort_key(at, 1)
    assert sort_key(datetime(2139, 12, 31, tzinfo=SHANGHAI), 2047) < 2**63


def test_the_index_columns_never_join_runs():
    assert index_pairs("推进节能。降耗 AB") == "推进 进节 节能 qqq 降耗 qqq ab"
    assert index_chars("节能，节约") == " ".join(sorted("节能约"))
    # Every four digits in a row once, after the runs: never inside a phrase of pairs.
    assert index_pairs("测发〔2026〕12345号，12345") == (
        "测发 qqq 20 02 26 qqq 12 23 34 45 5号 qqq 12 23 34 45 qqq 2026 1234 2345"
    )


def test_a_number_is_looked_up_by_its_fours_and_checked_whole():
    assert _fts_query(["节能降耗", "12345号"]) == (
        'pairs : "节能 能降 降耗" AND pairs : "1234" AND pairs : "2345"',
        ["12345号"],
    )
    assert _fts_query(["〔2026〕12号"]) == ('pairs : "2026"', ["〔2026〕12号"])  # the longest run, then LIKE


def test_results_are_newest_first_whatever_the_creation_order(publish, time_machine):
    time_machine.shift(timedelta(days=2))
    newest = publish("节能通知甲")
    time_machine.shift(timedelta(days=-1))
    middle = publish("节能通知乙")  # created later, published earlier
    time_machine.shift(timedelta(days=-1))
    oldest = publish("节能通知丙")
    assert newest.pk < middle.pk < oldest.pk
    assert _ids("节能通知") == _ids("节能") == [newest.pk, middle.pk, oldest.pk]
    assert [i.pk for i in search(query="节能", offset=1, limit=1).items] == [middle.pk]


def test_a_term_never_matches_across_punctuation(publish):
    across = publish("关于节。能源的通知", body="<p>推进。进度</p>")
    within = publish("关于节能源的通知", body="<p>推进度</p>")
    assert _ids("节能源") == [within.pk]
    assert _ids("推进度") == [within.pk]
    assert set(_ids("能源")) == {across.pk, within.pk}
    assert _ids("节。能") == [across.pk]  # punctuation in the term: looked up by its runs, then checked


def test_one_character_terms_use_the_index(publish):
    item = publish("关于节水的通知", body="<p>节约用水。</p>")
    publish("另一条通知", body="<p>别的内容</p>")
    with CaptureQueriesContext(connection) as queries:
        assert _ids("水") == [item.pk]
    if connection.vendor == "sqlite":
        assert "LIKE" not in " ".join(q["sql"] for q in queries).upper()


def test_the_year_is_the_local_year(publish, time_machine):
    time_machine.move_to(datetime(2026, 1, 1, 0, 30, tzinfo=SHANGHAI), tick=False)  # 2025-12-31 16:30 UTC
    item = publish("元旦节能通知")
    assert _ids("元旦节能", year=2026) == [item.pk]
    assert _ids("元旦节能", year=2025) == []


def test_among_many_documents_the_count_is_estimated_and_pages_follow(many_items, monkeypatch):
    items = many_items(12)  # 工作动态 in all, 第1 in 第1期, 第10期 and 第11期
    monkeypatch.setattr(search_module, "EXACT_DOCUMENTS", 4)
    monkeypatch.setattr(search_module, "ESTIMATE_MATCHES", 3)
    # A page of five and one more found among the six newest documents: a share of one, of all twelve; six matches
    # tell one digit.
    results = search(query="工作动态", limit=5)
    assert (results.count, results.exact, results.more) == (10, False, True)
    # The first two matches (a page of one and one more), 第11期 and 第10期, then the third enough for an estimate:
    # 第1期, the eleventh newest: three in eleven, of twelve.
    results = search(query="第1", limit=1)
    assert (results.count, results.exact, results.more) == (3, False, True)
    pages = [pk for offset in (0, 5, 10) for pk in _ids("工作动态", offset=offset, limit=5)]
    assert pages == [i.pk for i in items]


def test_among_few_documents_the_count_is_exact(many_items):
    many_items(12)
    results = search(query="工作动态", limit=5)
    assert (results.count, results.exact, results.more) == (12, True, True)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite index")
def test_the_index_follows_the_sort_key_of_every_public_item(publish):
    items = [publish(), publish("第二条节能通知")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM portal_search_index WHERE portal_search_index MATCH 'pairs : \"节能\"'")
        rowids = sorted(row[0] for row in cursor.fetchall())
    fresh = [Item.objects.get(pk=i.pk) for i in items]
    assert rowids == sorted(sort_key(i.published_at, i.pk) for i in fresh)


def test_a_result_shows_agency_category_local_date_and_validity(client, agency, publish, time_machine):
    time_machine.move_to(datetime(2026, 3, 1, 20, 30, tzinfo=ZoneInfo("UTC")), tick=False)  # 3月2日 in Shanghai
    item = publish()
    page = client.get("/search/", {"q": "节能宣传周"}).text
    assert f'href="/gk/item/{item.pk}/"' in page
    assert f"{agency.name} · {item.category.name} · 2026-03-02 · 有效" in page


def test_the_bigram_index_is_asked_for_the_rarest_pairs(monkeypatch):
    # ANALYZE's share of documents per pair (or four digits); what it does not list (停车, 节能, 1234, …) is rarer
    # than everything it lists.
    shares = {"智慧": 0.2, "慧停": 0.2, "12": 0.05, "23": 0.04, "3号": 0.1, "5号": 0.1, "2026": 0.9}
    monkeypatch.setattr(search_module, "_pair_frequencies", lambda: shares)
    condition = search_module._postgres_index_condition
    # The rarest pair of each term, then the next rarest up to three: listed ones only while no unlisted one is
    # chosen (one that rare already leaves few documents, and a listed one's posting list is long).
    assert condition(["123号"])[1] == [sorted(["12", "23", "3号"])]
    assert condition(["智慧停车", "123号"])[1] == [sorted(["停车", "23"])]
    assert condition(["智慧停车", "节能", "123号", "3号"])[1] == [sorted(["停车", "节能", "23", "3号"])]
    # Four digits in a row stand for the digit pairs inside them; a four before a pair the statistics cannot tell
    # apart; a common four (a year) is not asked for.
    assert condition(["〔2026〕123456号"])[1] == [["1234", "2345", "3456"]]
    assert condition(["12345号"])[1] == [["1234", "2345"]]  # not the listed 5号 to make three
    assert condition(["停车", "2026年"])[1] == [sorted(["停车", "6年"])]
    monkeypatch.setattr(search_module, "_pair_frequencies", lambda: None)  # before the first ANALYZE: all of them
    assert condition(["123456号"])[1] == [sorted(["1234", "2345", "3456", "6号"])]
    assert condition(["测发〔2026〕12号"])[1] == [sorted(["测发", "发〔", "〔2", "2026", "6〕", "〕1", "12", "2号"])]
