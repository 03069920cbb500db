"""Each reader on the variety real reports come in."""

from __future__ import annotations

import io
import re

import docx
import pytest

from gongkai.check.read import Status, read_bytes
from gongkai.report.format import FORMAT_2021, REPORT_TITLE, SECTIONS
from gongkai.report.parse.html import parse_html
from gongkai.report.parse.pdf import parse_pdf
from gongkai.report.parse.text import parse_text
from gongkai.report.render.html import render_html
from gongkai.report.rules import check_report

TOTALS = ("new_received", "carried_over", "total_processed", "carried_forward")


def totals(report) -> tuple:
    return tuple(report.get(f"table_b.{row}.total") for row in TOTALS)


def test_it_reads_a_pdf_whose_table_breaks_across_pages(report_pdf):
    document = parse_pdf(report_pdf)
    report = document.report
    assert (report.agency, report.year) == ("淄博市张店区机关事务服务中心", 2022)
    assert totals(report) == (15, 0, 15, 0)
    assert report.table_b["granted"]["commercial_enterprise"] == 3
    assert report.table_b["unavailable_not_held"]["natural_person"] == 2
    assert report.table_c["reconsideration"]["total"] == 1
    assert all(value is not None for ref, value in report.cells() if ref.table != "table_a" or ref.row != "fees")
    assert sorted(report.sections) == [s.key for s in SECTIONS]
    assert not [f for f in check_report(report) if f.rule in ("B1", "B2", "B3", "C1", "N1", "S1", "T3")]


def test_it_reads_the_pdf_through_the_batch_in_bounded_pages(report_pdf):
    outcome = read_bytes(report_pdf, "report.pdf")
    assert outcome.status is Status.REPORT and outcome.kind == "pdf"


def _wrap_in_site(article: str, charset: str) -> bytes:
    page = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>政府信息公开年报</title><script>var x = "<table><tr><td>1</td></tr></table>";</script></head><body>
<div class="header">平潭综合实验区人民政府 政府信息公开 首页</div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政府信息公开</a></li></ul></div>
<div class="position">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<h1>平潭综合实验区2022年度政府信息公开工作年度报告</h1>
{article}
<div class="footer">主办：平潭综合实验区管委会办公室 版权所有 联系我们</div></body></html>"""
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312") else charset)


@pytest.mark.parametrize("charset", ["utf-8", "gb2312"])
def test_it_reads_a_word_export_inside_site_chrome(corpus, charset):
    article = (corpus / "2022.article.html").read_text(encoding="utf-8")
    document = parse_html(_wrap_in_site(article, charset))
    report = document.report
    assert (report.agency, report.year) == ("平潭综合实验区", 2022)
    assert report.title == "平潭综合实验区2022年度政府信息公开工作年度报告"
    assert totals(report) == (74, 1, 75, 0)
    assert "首页" not in report.preamble and "版权所有" not in report.section_body("6")


def test_it_joins_a_table_split_in_two_with_a_repeated_header(seed_report):
    seed_report.set("table_b.other_other.natural_person", 4)
    html = render_html(seed_report).decode()
    # Split table B after its 12th body row, repeating the header in the second half (as page breaks do).
    head = re.search(r'<table id="table_b">.*?</thead>', html, re.S).group(0)
    rows = re.findall(r"<tr>(?:(?!</tr>).)*data-cell=\"table_b[^\"]*\".*?</tr>", html, re.S)
    split = html.replace(rows[12], "</tbody></table>" + head + "<tbody>" + rows[12], 1)
    report = parse_html(split).report
    assert report.table_b["other_other"]["natural_person"] == 4
    assert report.table_b["new_received"]["total"] == seed_report.table_b["new_received"]["total"]


def _docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_it_reads_a_hand_made_docx_with_merged_cells_and_older_headings():
    """A DOCX as an agency's staff would make it: vertically merged group labels, a label broken over lines,
    "3、" numbering and the 2019 notice's wording of section 四."""
    document = docx.Document()
    document.add_paragraph("某某县人民政府办公室")
    document.add_paragraph("2023年政府信息公开工作年度报告")
    document.add_paragraph("本报告统计期限自2023年1月1日起至2023年12月31日止。")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("2023年，我办收到政府信息公开申请5件。")
    document.add_paragraph("二、主动公开政府信息情况")
    document.add_paragraph("3、收到和处理政府信息公开申请情况")
    table_b = FORMAT_2021.table("table_b")
    rows = table_b.blocks[0].rows
    values = {row.key: [0] * 7 for row in rows}
    values["new_received"] = [4, 1, 0, 0, 0, 0, 5]
    values["granted"] = [3, 1, 0, 0, 0, 0, 4]
    values["unavailable_not_held"] = [1, 0, 0, 0, 0, 0, 1]
    values["total_processed"] = [4, 1, 0, 0, 0, 0, 5]
    table = document.add_table(rows=len(rows) + 1, cols=10)
    table.cell(0, 3).text = "自然人"
    for index, row in enumerate(rows, 1):
        path = list(row.path) + [""] * (3 - len(row.path))
        for column, text in enumerate(path[:3]):
            table.cell(index, column).text = text
        if row.key == "not_processed_confirmation":
            table.cell(index, 2).text = row.label[:10] + "\n" + row.label[10:]  # broken over lines
        for column, value in enumerate(values[row.key], 3):
            table.cell(index, column).text = str(value)
    # Merge the 三、本年度办理结果 label down its rows, as the template does.
    first = next(i for i, row in enumerate(rows, 1) if row.key == "granted")
    last = next(i for i, row in enumerate(rows, 1) if row.key == "total_processed")
    table.cell(first, 0).merge(table.cell(last, 0))
    document.add_paragraph("四、因政府信息公开申请行政复议、提起行政诉讼的情况")
    table_c = document.add_table(rows=2, cols=15)
    table_c.cell(0, 0).text = "行政复议"
    table_c.cell(0, 5).text = "行政诉讼"
    for column in range(15):
        table_c.cell(1, column).text = "0"
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("本年度未收取信息处理费。")
    outcome = read_bytes(_docx_bytes(document), "made.docx")
    assert outcome.status is Status.REPORT, outcome.reason
    report = outcome.report
    assert (report.agency, report.year) == ("某某县人民政府办公室", 2023)
    assert totals(report) == (5, 0, 5, 0)
    assert report.table_b["not_processed_confirmation"]["total"] == 0
    assert report.section_heading("3").startswith("3、")
    assert report.section_heading("4") == "四、因政府信息公开申请行政复议、提起行政诉讼的情况"
    rules = {f.rule for f in check_report(report)}
    assert "T4" in rules and "B1" not in rules and "B2" not in rules


def test_it_reads_text_with_one_cell_per_line_and_no_tabs(seed_text):
    """Copied from a web page or a PDF viewer: every cell on its own line, no indentation."""
    lines = [line.strip() for line in seed_text.read_text(encoding="utf-8").splitlines()]
    text = "\n".join(line for line in lines if line)
    report = parse_text(text).report
    assert report.agency == "淄博市张店区机关事务服务中心"
    assert totals(report) == (0, 0, 0, 0)
    assert all(value is not None for ref, value in report.cells() if ref.table == "table_b")


def test_an_unresolvable_run_together_row_is_ambiguous_not_guessed(corpus):
    """Without （七）总计 the columns cannot decide 予以公开 (27,0,0,2,0,1,30 or 2,7,0,0,20,1,30)."""
    text = (corpus / "2021.page.txt").read_text(encoding="utf-8").replace("（七）总计630020469", "")
    document = parse_text(text)
    p1 = [f for f in document.findings if f.rule == "P1" and f.cells[0].startswith("table_b.granted")]
    assert len(p1) == 1
    assert p1[0].evidence["candidates"] == [
        ["2", "7", "0", "0", "20", "1", "30"],
        ["27", "0", "0", "2", "0", "1", "30"],
    ]
    assert set(document.report.table_b["granted"].values()) == {None}


def test_it_reads_layout_text_with_bar_separators():
    """Text from a PDF-to-text tool or a wiki: one row per line, cells separated by | or spaces."""
    lines = [
        "某某局2023年度政府信息公开工作年度报告",
        *(section.heading for section in SECTIONS[:1]),
        "本年度统计期限为2023年1月1日至2023年12月31日。",
        SECTIONS[1].heading,
        SECTIONS[2].heading,
    ]
    for row in FORMAT_2021.table("table_b").blocks[0].rows:
        values = [10, 2, 0, 0, 0, 0, 12] if row.key in ("new_received", "granted", "total_processed") else [0] * 7
        lines.append(row.label + " | " + " | ".join(map(str, values)))
    lines += [SECTIONS[3].heading, "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计", "0 " * 15]
    lines += [SECTIONS[4].heading, "无", SECTIONS[5].heading, "未收取信息处理费。"]
    document = parse_text("\n".join(lines))
    report = document.report
    assert (report.agency, report.year) == ("某某局", 2023)
    assert report.table_b["granted"]["commercial_enterprise"] == 2
    assert totals(report) == (12, 0, 12, 0)
    assert not document.findings
    assert not [f for f in check_report(report) if f.severity == "error"]


def test_it_reads_inside_a_layout_table(corpus):
    """Older sites lay out the whole page with a table; the report's tables sit inside one of its cells."""
    article = (corpus / "2022.article.html").read_text(encoding="utf-8")
    page = f"<html><body><table width=100%><tr><td>首页 导航</td><td>{article}</td></tr></table></body></html>"
    report = parse_html(page.encode()).report
    assert totals(report) == (74, 1, 75, 0)


def test_it_reads_paragraphs_and_tables_inside_content_controls(seed_report):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from gongkai.report.render.docx import render_docx

    document = docx.Document(io.BytesIO(render_docx(seed_report)))
    body = document.element.body
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent/></w:sdt>")
    content = sdt[0]
    for child in [c for c in body.iterchildren() if c.tag != body[-1].tag or c is not body[-1]]:
        content.append(child)  # everything but the section properties moves into one content control
    body.insert(0, sdt)
    outcome = read_bytes(_docx_bytes(document), "sdt.docx")
    assert outcome.status is Status.REPORT, outcome.reason
    assert outcome.report.table_b == seed_report.table_b


def test_tables_written_as_lines_of_text_are_read_from_the_text():
    """A page laid out without <table> (or a PDF without ruling lines): rows arrive as paragraphs."""
    lines = [f"某某局2023年度{REPORT_TITLE}", SECTIONS[0].heading, "统计期限为2023年1月1日至2023年12月31日。"]
    lines += [SECTIONS[1].heading, SECTIONS[2].heading]
    for row in FORMAT_2021.table("table_b").blocks[0].rows:
        values = [1, 0, 0, 0, 0, 0, 1] if row.key in ("new_received", "granted", "total_processed") else [0] * 7
        lines.append(row.label + "  " + "  ".join(map(str, values)))
    lines += [SECTIONS[3].heading, SECTIONS[4].heading, SECTIONS[5].heading, "未收取信息处理费。"]
    page = "<html><body>" + "".join(f"<div class='row'>{line}</div>" for line in lines) + "</body></html>"
    outcome = read_bytes(page.encode(), "divs.html")
    assert outcome.status is Status.REPORT, outcome.reason
    assert totals(outcome.report) == (1, 0, 1, 0)
    assert "不是表格形式" in outcome.problems[0]
