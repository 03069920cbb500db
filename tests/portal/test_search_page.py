"""The search results page (rendered by Jinja2, gongkai.portal.jinja): the visitor's query and filters shown back,
escaped as Django escapes them, each hit linked with its facts, the pager carrying the query string."""

from __future__ import annotations

from django.urls import reverse
from django.utils.timezone import localtime

from gongkai.portal.views import SEARCH_PAGE_SIZE


def test_it_shows_the_query_and_filters_back_escaped(client, publish, agency):
    publish()
    news = agency.categories.get(name="业务动态")
    page = client.get(
        "/search/", {"q": "节能 <b>'\"", "agency": agency.pk, "category": news.pk, "year": 2026, "validity": "valid"}
    ).text
    assert "<title>搜索：节能 &lt;b&gt;&#x27;&quot; · 政府信息公开平台</title>" in page
    assert 'name="q" value="节能 &lt;b&gt;&#x27;&quot;" id="q"' in page
    assert f'<option value="{agency.pk}" selected>测试局</option>' in page
    assert f'<option value="{news.pk}" selected>业务动态</option>' in page
    assert 'name="year" min="2000" max="2100" value="2026"' in page
    assert '<option value="valid" selected>有效</option>' in page
    assert "共找到 0 条结果" in page
    assert '<meta name="robots" content="noindex, follow">' in page
    assert f'<form class="filters" role="search" method="get" action="{reverse("portal-search")}">' in page


def test_without_a_query_it_shows_the_empty_form(client, publish):
    publish()
    page = client.get("/search/", {"year": "1999"}).text
    assert 'name="year" min="2000" max="2100" value=""' in page  # a year the search cannot look up is dropped
    assert "共找到" not in page and "<ol" not in page
    assert "分类<select" not in page  # categories are offered once an agency is chosen
    assert page.count(" selected") == 0


def test_each_hit_is_linked_highlighted_and_dated(client, publish):
    item = publish("关于<b>节能</b>的通知", document_number="测发〔2026〕7号")
    page = client.get("/search/", {"q": "节能"}).text
    title = "关于&lt;b&gt;<mark>节能</mark>&lt;/b&gt;的通知"
    assert f'<a href="{reverse("public-item", args=[item.pk])}">{title}</a>' in page
    published = localtime(item.published_at).strftime("%Y-%m-%d")
    assert f'<p class="muted">测试局 · 政策文件 · {published} · 有效</p>' in page
    assert "共找到 1 条结果" in page


def test_the_pager_carries_the_query_string(client, many_items):
    many_items(SEARCH_PAGE_SIZE * 2 + 1)
    first = client.get("/search/", {"q": "工作动态", "x": "a&b"}).text
    assert "共找到 41 条结果" in first and first.count("<li>") == SEARCH_PAGE_SIZE
    assert 'href="?q=%E5%B7%A5%E4%BD%9C%E5%8A%A8%E6%80%81&amp;x=a%26b&amp;page=2" rel="next"' in first
    assert 'rel="prev"' not in first
    last = client.get("/search/", {"q": "工作动态", "page": 3}).text
    assert last.count("<li>") == 1
    assert 'href="?q=%E5%B7%A5%E4%BD%9C%E5%8A%A8%E6%80%81&amp;page=3&amp;page=2" rel="prev"' in last
    assert 'rel="next"' not in last
