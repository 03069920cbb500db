"""Two-character terms (二字词) are answered by the bigram index on SQLite and on PostgreSQL, with exactly the
results a substring match gives, and the index follows edits and withdrawals."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.portal import search as search_module
from gongkai.portal import sync
from gongkai.portal.search import bigrams, search
from gongkai.publishing import services

BODIES = {
    "节能降耗": "<p>推进节能降耗工作。</p>",
    "能节": "<p>能节约的要节约。</p>",  # 节 and 能 in the other order
    "节，能": "<p>节，能源。</p>",  # split by punctuation: not the term 节能
    "Ab": "<p>ABC 与 abc。</p>",
}


def _ids(query: str) -> set[int]:
    return {i.pk for i in search(query=query).items}


def test_it_splits_text_into_bigrams_within_words():
    assert bigrams("推进节能降耗。各科室") == "推进 进节 节能 能降 降耗 各科 科室"
    assert bigrams("节，能 a_b AB12") == "ab b1 12"


def test_it_finds_two_character_terms_as_substrings(publish):
    items = {name: publish(f"关于{name}的通知", body=body) for name, body in BODIES.items()}
    assert _ids("节能") == {items["节能降耗"].pk}
    assert _ids("能节") == {items["能节"].pk}
    assert _ids("ab") == _ids("AB") == {items["Ab"].pk}
    assert _ids("降耗 节能") == {items["节能降耗"].pk}
    assert _ids("节能降耗 推进") == {items["节能降耗"].pk}
    assert _ids("节约 能节") == {items["能节"].pk}
    assert _ids("节， 节能") == set()  # a punctuated pair falls back to LIKE and still means a substring
    assert _ids("节，") == {items["节，能"].pk}


def test_it_uses_the_bigram_index(publish, monkeypatch):
    # On PostgreSQL the index answers once a walk of the newest documents (here: one) finds too few matches.
    monkeypatch.setattr(search_module, "WALK_SAMPLE", 1)
    monkeypatch.setattr(search_module, "WALK_BUDGET", 1)
    item = publish()
    publish("另一条通知", body="<p>别的内容</p>")
    with CaptureQueriesContext(connection) as queries:
        assert [hit.pk for hit in search(query="节能").items] == [item.pk]
    sql = " ".join(q["sql"] for q in queries)
    assert "LIKE" not in sql.upper().replace("ILIKE", "")
    assert ("portal_search_index" if connection.vendor == "sqlite" else "portal_bigrams(d.text)") in sql


def test_it_follows_edits_and_withdrawals(publish, staff):
    item = publish("关于节能的通知", body="<p>节能。</p>")
    assert _ids("节能") == {item.pk}
    item.title, item.body = "关于节水的通知", "<p>节水。</p>"  # published items are not editable: what sync sees
    item.save()
    sync.item_public_changed(item)  # rewrites the search document: the update trigger
    assert _ids("节能") == set() and _ids("节水") == {item.pk}
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    assert _ids("节水") == set()
