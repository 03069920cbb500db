"""The search results page (rendered by Jinja2, gongkai.portal.jinja): the visitor's query and filters shown back,
escaped as Django escapes them, each hit linked with its facts, the pager carrying the query string."""

from __future__ import annotations

from django.urls import reverse
from django.utils.timezone import localtime

from gongkai.agencies.models import Agency
from gongkai.portal import views as portal_views
from gongkai.portal.views import SEARCH_PAGE_SIZE
from personas import credit_code


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


def _more_agencies(agency, *names: str) -> list:
    return [
        Agency.objects.create(name=name, credit_code=credit_code(f"1137039900000{n + 10:04d}"), region=agency.region)
        for n, name in enumerate(names)
    ]


def test_a_province_types_the_agency_instead_of_choosing_among_thousands(client, publish, agency, monkeypatch):
    """Beyond AGENCY_CHOICES_MAX agencies the form has a text box: a full name or a short name chooses the agency,
    a part of a name held by one agency chooses it too, and by several lists them to choose from."""
    monkeypatch.setattr(portal_views, "AGENCY_CHOICES_MAX", 2)
    item = publish()
    water, water_bureau = _more_agencies(agency, "测试市水务局", "测试市水务局执法支队")
    page = client.get("/search/", {"q": "节能"}).text
    assert '<select name="agency"' not in page and 'name="agency_name" value=""' in page
    assert "共找到 1 条结果" in page

    for typed in ("测试局", "试局"):  # the whole name; a part only it holds
        page = client.get("/search/", {"q": "节能", "agency_name": typed}).text
        assert 'name="agency_name" value="测试局"' in page and "共找到 1 条结果" in page
        assert f'<option value="{agency.categories.get(name="业务动态").pk}">业务动态</option>' in page
    page = client.get("/search/", {"q": "节能", "agency_name": "测试市水务局"}).text  # a whole name, in another's too
    assert "共找到 0 条结果" in page and "请选择" not in page

    page = client.get("/search/", {"q": "节能", "agency_name": "水务", "page": 2}).text
    assert "名称含“水务”的机关，请选择：" in page and "结果" not in page
    for each in (water, water_bureau):
        assert f'<a href="?q=%E8%8A%82%E8%83%BD&amp;agency={each.pk}">{each.name}</a>' in page
    page = client.get("/search/", {"q": "节能", "agency": agency.pk}).text  # the link an agency's page gives
    assert 'name="agency_name" value="测试局"' in page and f'href="/gk/item/{item.pk}/"' in page
    page = client.get("/search/", {"q": "节能", "agency_name": "<教育>"}).text
    assert "没有名称含“&lt;教育&gt;”的机关" in page and "结果" not in page


def test_many_matching_agencies_are_listed_up_to_a_limit(client, agency, monkeypatch):
    monkeypatch.setattr(portal_views, "AGENCY_CHOICES_MAX", 2)
    monkeypatch.setattr(portal_views, "AGENCY_MATCHES_SHOWN", 3)
    _more_agencies(agency, *(f"测试市第{n}中学" for n in range(1, 6)))
    page = client.get("/search/", {"q": "节能", "agency_name": "中学"}).text
    assert "名称含“中学”的机关较多，以下为前 3 个，可输入更完整的名称，请选择：" in page
    assert page.count("中学</a></li>") == 3
