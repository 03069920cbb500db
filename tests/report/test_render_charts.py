"""Charts are data drawn by the reader's software: SVG whose labels are text on the web, native Word charts (a
DrawingML chart part with an embedded workbook) in DOCX, count axes in whole-number steps, and a chart paragraph
with single line spacing (the body's exact 28 pt would show a sliver)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from gongkai.report.model import Report
from gongkai.report.render.charts import Chart, chart_svg, integer_ticks
from gongkai.report.render.docx import render_docx
from gongkai.report.render.html import render_html

CATEGORIES = Chart(
    "1", "2025年各类主动公开信息数量", ("政策文件", "业务动态", "财政信息"), (("2025年", (3, 11, 1)),), True
)
COMPARISON = Chart("6", "2025年与2024年对比", ("收到申请", "办结申请"), (("2024年", (1, 0)), ("2025年", (2, 3))))


@pytest.mark.parametrize(
    ("maximum", "step", "top"),
    [(0, 1, 1), (1, 1, 1), (3, 1, 3), (6, 1, 6), (7, 2, 8), (11, 2, 12), (29, 5, 30), (132, 50, 150), (999, 200, 1000)],
)
def test_count_axes_step_by_whole_numbers(maximum, step, top):
    assert integer_ticks(maximum) == (step, top)


def test_the_svg_keeps_its_words_as_text_and_its_ticks_whole():
    svg = chart_svg(COMPARISON)
    assert svg.startswith("<svg") and "<image" not in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert {"2025年与2024年对比", "收到申请", "办结申请", "2024年", "2025年"} <= set(texts)
    numbers = [t for t in texts if re.fullmatch(r"[\d.]+", t)]
    assert numbers and all("." not in t for t in numbers)
    html = render_html(Report.blank("示例局", 2025), charts=[COMPARISON]).decode()
    assert "<figure><svg" in html and "data:image/png" not in html


def test_the_docx_holds_native_editable_charts_on_single_spaced_lines():
    data = render_docx(Report.blank("示例局", 2025), charts=[CATEGORIES, COMPARISON])
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert {"word/charts/chart1.xml", "word/charts/chart2.xml"} <= set(names)
        assert not [n for n in names if n.startswith("word/media/")]  # no picture of a chart
        types = package.read("[Content_Types].xml").decode()
        assert "drawingml.chart+xml" in types
        chart = package.read("word/charts/chart1.xml").decode()
        assert '<c:barDir val="bar"/>' in chart and "<c:v>业务动态</c:v>" in chart
        assert '<c:majorUnit val="2"/>' in chart and '<c:max val="12"/>' in chart
        assert '<c:numFmt formatCode="0" sourceLinked="0"/>' in chart
        rels = package.read("word/charts/_rels/chart1.xml.rels").decode()
        workbook_name = re.search(r'Target="\.\./embeddings/([^"]+)"', rels).group(1)
        sheet = load_workbook(io.BytesIO(package.read(f"word/embeddings/{workbook_name}"))).active
        assert [row for row in sheet.iter_rows(values_only=True)][1:] == [
            ("财政信息", 1),
            ("业务动态", 11),
            ("政策文件", 3),
        ]  # bottom-up, as Word draws a bar chart's categories
    document = Document(io.BytesIO(data))
    holders = [p for p in document.paragraphs if p._p.xpath(".//c:chart")]
    assert len(holders) == 2
    for paragraph in holders:
        spacing = paragraph._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}spacing")
        rule = spacing.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lineRule")
        assert rule == "auto"
