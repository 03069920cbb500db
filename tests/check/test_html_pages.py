"""HTML pages as sites publish them: Word's presentation markup in any spelling, site chrome, and the encodings."""

from __future__ import annotations

import codecs

import pytest

from gongkai.check.read import Status, read_bytes
from gongkai.report.parse.html import parse_html

TOTALS = ("new_received", "carried_over", "total_processed", "carried_forward")
PINGTAN_2022 = (74, 1, 75, 0)


def totals(report) -> tuple:
    return tuple(report.get(f"table_b.{row}.total") for row in TOTALS)


@pytest.fixture
def article(corpus) -> str:
    return (corpus / "2022.article.html").read_text(encoding="utf-8")


def _page(body: str, charset: str | None = None) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return f"<html><head>{meta}<title>政府信息公开年报</title></head><body>{body}</body></html>"


MARKUP_VARIANTS = {
    "upper case tags and attributes": lambda a: (
        a.replace("<span", "<SPAN").replace("</span>", "</SPAN>").replace("style=", "STYLE=")
    ),
    "single-quoted styles": lambda a: a.replace('style="font-size: 16px;"', "style = 'font-size: 16px;'"),
    "Office paragraphs": lambda a: a.replace("</p>", "<o:p>&nbsp;</o:p></p>").replace("<p>", "<p class=MsoNormal>"),
    "a span around everything": lambda a: f"<span style='font-family:仿宋_GB2312'>{a}</span>",
    "a font tag around everything": lambda a: f"<FONT face=宋体>{a}</FONT>",
}


@pytest.mark.parametrize("variant", MARKUP_VARIANTS)
def test_presentation_markup_in_any_spelling_gives_the_same_cells(article, variant):
    plain = parse_html(_page(article).encode()).report
    report = parse_html(_page(MARKUP_VARIANTS[variant](article)).encode()).report
    assert totals(report) == PINGTAN_2022
    assert (report.table_a, report.table_b, report.table_c) == (plain.table_a, plain.table_b, plain.table_c)
    assert report.sections == plain.sections


@pytest.mark.parametrize("charset", ["gb2312", "gbk", None])
def test_it_reads_a_gbk_page_whose_styles_name_chinese_fonts(article, charset):
    """Word exports name their fonts in every style (仿宋_GB2312); in a GBK page those are GBK bytes too."""
    styled = article.replace('style="font-size: 16px;"', 'style="font-size: 16px; font-family: 仿宋_GB2312;"')
    outcome = read_bytes(_page(styled, charset).encode("gb18030"), "gbk.html")
    assert outcome.status is Status.REPORT, outcome.reason
    assert (outcome.report.agency, outcome.report.year) == ("平潭综合实验区", 2022)
    assert totals(outcome.report) == PINGTAN_2022


def test_it_reads_a_utf16_page(article):
    outcome = read_bytes(codecs.BOM_UTF16_LE + _page(article).encode("utf-16-le"), "utf16.html")
    assert outcome.status is Status.REPORT, outcome.reason
    assert totals(outcome.report) == PINGTAN_2022


def test_chrome_and_the_article_container_are_recognised_by_id(article):
    body = (
        '<div id="topbar">首页 政府信息公开 网站导航</div>'
        '<div id="dqwz">当前位置：首页 &gt; 政府信息公开年报</div>'
        f'<div id="main-text">{article.replace("<div class=TRS_Editor>", "<div>", 1)}</div>'
        '<div id="foot_links">版权所有 联系我们</div>'
    )
    report = parse_html(_page(body).encode()).report
    assert totals(report) == PINGTAN_2022
    assert "首页" not in report.preamble and "版权所有" not in report.section_body("6")


def test_a_deeply_nested_page_is_read_whole(article):
    """CMS layouts and unclosed Word tags nest deep; past 256 levels libxml2 would drop the rest of the page."""
    nested = _page("<div>" * 400 + article + "</div>" * 400)
    outcome = read_bytes(nested.encode(), "nested.html")
    assert outcome.status is Status.REPORT and totals(outcome.report) == PINGTAN_2022
