"""HTML: semantic, accessible tables that read back to the same report."""

from decimal import Decimal

import lxml.html

from factories import make_report
from gongkai.report.parse.html import parse_html
from gongkai.report.render.html import render_html


def test_the_seed_reads_back_cell_for_cell_and_word_for_word(seed_report):
    for index, (ref, _) in enumerate(list(seed_report.cells())):
        seed_report.set(ref.name, Decimal("0.5") if ref.kind == "amount" else index)
    parsed = parse_html(render_html(seed_report))
    assert parsed.problems == []
    back = parsed.report
    assert (back.agency, back.year, back.title) == (seed_report.agency, 2022, seed_report.title)
    assert back.preamble == seed_report.preamble
    assert back.sections == seed_report.sections
    assert list(back.cells()) == list(seed_report.cells())


def test_the_tables_are_semantic(seed_report):
    page = lxml.html.fromstring(render_html(seed_report))
    assert page.get("lang") == "zh-CN"
    tables = page.findall(".//table")
    assert [t.get("id") for t in tables] == ["table_a", "table_b", "table_c"]
    table_b = tables[1]
    assert table_b.find("caption").text == "收到和处理政府信息公开申请情况"
    assert len(table_b.findall("thead/tr")) == 3
    assert {th.get("scope") for th in table_b.iter("th")} == {"col", "colgroup", "row", "rowgroup"}
    corner = table_b.find("thead/tr/th")
    assert (corner.get("rowspan"), corner.get("colspan")) == ("3", "3")
    results = next(th for th in table_b.iter("th") if th.text == "三、本年度办理结果")
    assert results.get("rowspan") == "22"
    cells = table_b.xpath(".//td[@data-cell]")
    assert len(cells) == 175
    assert cells[0].get("data-cell") == "table_b.new_received.natural_person"


def test_it_has_a_print_stylesheet(seed_report):
    html = render_html(seed_report).decode("utf-8")
    assert "@media print" in html
    assert "size: A4" in html


def test_it_escapes_what_the_report_says():
    report = make_report()
    report.agency = '<script>alert("x")</script>局'
    report.sections["5"] += "\n<b>不是标签</b>"
    html = render_html(report).decode("utf-8")
    assert "<script>alert" not in html
    assert "&lt;b&gt;不是标签&lt;/b&gt;" in html
    assert parse_html(html).report.sections["5"].endswith("<b>不是标签</b>")


def test_a_blank_cell_is_marked_not_zero():
    report = make_report(table_b__granted__research_institution=None)
    page = lxml.html.fromstring(render_html(report))
    (cell,) = page.xpath('.//td[@data-cell="table_b.granted.research_institution"]')
    assert cell.text is None
    assert cell.get("class") == "blank"
