"""Search in Chinese over titles, bodies and 文号, with filters, highlighted, the query always escaped."""

from __future__ import annotations

from gongkai.portal.search import search


def test_it_finds_chinese_words_of_any_length(publish):
    item = publish(document_number="测发〔2026〕7号", body="<p>推进公共机构能源资源节约。</p>")
    publish("无关的通知", body="<p>别的内容</p>")
    for query in ("节能宣传周", "节能", "能源资源", "测发〔2026〕7号", "节能 能源"):
        assert [i.pk for i in search(query=query).items] == [item.pk], query
    assert search(query="节能 不存在的词").items == []


def test_it_filters_by_agency_category_year_and_validity(publish, agency):
    policy = publish("节约用水的通知")
    news = publish("节约用电的通知", category="业务动态")
    assert {i.pk for i in search(query="节约").items} == {policy.pk, news.pk}
    assert [i.pk for i in search(query="节约", category_id=news.category_id).items] == [news.pk]
    assert len(search(query="节约", agency_id=agency.pk, year=2026).items) == 2
    assert search(query="节约", year=2025).items == []
    assert search(query="节约", validity="repealed").items == []


def test_it_highlights_and_escapes(client, publish):
    publish("关于<b>节能</b>的通知")
    page = client.get("/search/", {"q": "节能 <script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    page = client.get("/search/", {"q": "节能"}).text
    assert "<mark>节能</mark>" in page and "&lt;b&gt;" in page


def test_it_takes_search_syntax_as_plain_text(client, publish):
    publish()
    for query in ['"', "节能 OR", "NEAR(节能", "*", "%", "_", "\\", "a:b", '节能"宣传']:
        assert client.get("/search/", {"q": query}).status_code == 200, query


def test_it_forgets_a_withdrawn_item(publish, staff):
    from gongkai.publishing import services

    item = publish()
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    assert search(query="节能宣传周").items == []
