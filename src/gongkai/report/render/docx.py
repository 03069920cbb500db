"""DOCX: the report as an official document (党政机关公文格式, GB/T 9704-2012).

A4 paper; 版心 156 mm x 225 mm (top margin 37 mm, left 28 mm); title in 方正小标宋简体 二号; body in 仿宋_GB2312
三号 with a fixed 28-point line; level-1 headings (一、) in 黑体, level-2 headings (（一）) in 楷体_GB2312; page
numbers "— 1 —" in 宋体 四号. Fonts are named even where the machine lacks them: the reader's Word substitutes.

Tables follow the official template's layout (`gongkai.report.layout`), merged header cells included. They are
written as WordprocessingML directly: python-docx's cell API is quadratic and would take seconds per report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from gongkai.report import richtext
from gongkai.report.format import SECTIONS
from gongkai.report.layout import Grid, table_grid
from gongkai.report.model import Report
from gongkai.report.render.charts import (
    CHART_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Chart,
    chart_height_cm,
    chart_workbook,
    chart_xml,
)
from gongkai.report.render.package import stable_package
from gongkai.report.render.values import SUBHEADING, cell_text, closing_lines
from gongkai.text import without_control

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
LINE = Pt(28)

TEXT_WIDTH_MM = 156
CHART_WIDTH_CM = 15
# Column widths (mm) per table: label columns, then value columns. Each row sums to the text width.
_COLUMN_WIDTHS_MM = {
    "table_a": [54, 34, 34, 34],
    "table_b": [16, 18, 42] + [80 / 7] * 7,
    "table_c": [10.4] * 15,
}
_TABLE_FONT_HALF_POINTS = {"table_a": 24, "table_b": 18, "table_c": 18}  # 小四, 小五, 小五


def _set_run_font(run, name: str, size: Pt | None = None, bold: bool = False) -> None:
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size is not None:
        run.font.size = size
    run.font.bold = bold


@cache
def _base_document() -> bytes:
    """An empty document with the page, styles and footer set, saved once and reopened for every report."""
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)

    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in ("— ", None, " —"):
        if part is None:
            footer._p.append(
                parse_xml(
                    f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:rPr><w:rFonts w:ascii="{PAGE_NUMBER_FONT}" '
                    f'w:eastAsia="{PAGE_NUMBER_FONT}" w:hAnsi="{PAGE_NUMBER_FONT}"/><w:sz w:val="28"/></w:rPr>'
                    "<w:t>1</w:t></w:r></w:fldSimple>"
                )
            )
        else:
            _set_run_font(footer.add_run(part), PAGE_NUMBER_FONT, Pt(14))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paragraph(document, text: str, *, indent: bool = True):
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
    return paragraph


def _body_paragraph(document, text: str) -> None:
    paragraph = _paragraph(document, text)
    match = SUBHEADING.match(text)
    if match:
        _set_run_font(paragraph.add_run(match.group(1)), SUBHEADING_FONT)
        text = text[match.end() :]
    if text:
        paragraph.add_run(text)


def _add_runs(paragraph, runs: list[richtext.Run], font: str | None = None) -> None:
    for part in runs:
        for index, piece in enumerate(part.text.split("\n")):
            if index:
                paragraph.add_run().add_break()
            if not piece:
                continue
            run = paragraph.add_run(piece)
            if font is not None:
                _set_run_font(run, font)
            run.font.bold = part.bold or None
            run.font.italic = part.italic or None
            run.font.underline = part.underline or None


def _rich_body(document, blocks: list[richtext.Block]) -> None:
    """A section written in the editor, in the document's own styles: a paragraph as any body paragraph, an h2 in
    楷体 as the level-2 headings are, h3/h4 in bold, list items numbered in the text ("1." "（1）") and indented by
    depth, a table with ruled cells (merged as written)."""
    for block in blocks:
        if block.kind == "table":
            _rich_table(document, block)
            continue
        if block.kind == "p" and not any(run.bold or run.italic or run.underline for run in block.runs):
            _body_paragraph(document, block.text)
            continue
        paragraph = _paragraph(document, block.text)
        if block.kind == "heading":
            if block.level == 2:
                _add_runs(paragraph, block.runs, SUBHEADING_FONT)
            else:
                _add_runs(paragraph, [richtext.Run(r.text, True, r.italic, r.underline) for r in block.runs])
            continue
        if block.kind == "item":
            paragraph.paragraph_format.left_indent = BODY_SIZE * 2 * (block.level - 1)
            if block.prefix:
                paragraph.add_run(block.prefix)
        elif block.kind == "quote":
            paragraph.paragraph_format.left_indent = BODY_SIZE * 2
        _add_runs(paragraph, block.runs)


def _rich_table(document, block: richtext.Block) -> None:
    # Where each cell sits once row and column spans are counted.
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(block.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    n_rows = max(r for r, _ in taken) + 1
    n_cols = max(c for _, c in taken) + 1
    table = document.add_table(rows=n_rows, cols=n_cols)
    table.style = document.styles["Table Grid"]
    for r, c, cell in placed:
        target = table.cell(r, c)
        last = (min(n_rows, r + cell.rowspan) - 1, min(n_cols, c + cell.colspan) - 1)
        if last != (r, c):
            target = target.merge(table.cell(*last))
        paragraph = target.paragraphs[0]
        for index, line in enumerate(cell.text.split("\n")):
            if index:
                paragraph = target.add_paragraph()
            run = paragraph.add_run(line)
            run.font.size = Pt(12)
            run.font.bold = cell.header or None
    document.add_paragraph()


def _heading(document, text: str) -> None:
    paragraph = _paragraph(document, text)
    _set_run_font(paragraph.add_run(text), HEADING_FONT)


def _cell_xml(text: str, width_twips: int, span: int, vmerge: str | None, half_points: int, align: str) -> str:
    props = [f'<w:tcW w:w="{width_twips}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    props.append('<w:vAlign w:val="center"/>')
    run = ""
    if text:
        run = (
            f'<w:r><w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:eastAsia="{BODY_FONT}" w:hAnsi="{BODY_FONT}"/>'
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        )
    paragraph = (
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>'
        f'<w:jc w:val="{align}"/></w:pPr>{run}</w:p>'
    )
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paragraph}</w:tc>"


def table_xml(report: Report, grid: Grid) -> str:
    """The WordprocessingML of one table, with the official layout's merged cells."""
    widths = [round(mm / 25.4 * 1440) for mm in _COLUMN_WIDTHS_MM[grid.table.key]]
    half_points = _TABLE_FONT_HALF_POINTS[grid.table.key]
    # For each grid position, the cell that starts there or the merged cell that covers it from above.
    starts = {(cell.row, cell.col): cell for cell in grid.cells}
    covered = {}
    for cell in grid.cells:
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            covered[(r, cell.col)] = cell
    rows = []
    for r in range(grid.n_rows):
        tcs = []
        c = 0
        while c < grid.n_cols:
            cell = starts.get((r, c))
            if cell is not None:
                width = sum(widths[c : c + cell.colspan])
                vmerge = "restart" if cell.rowspan > 1 else None
                if cell.ref is None:
                    text = cell.text
                    align = "left" if cell.scope in ("row",) and cell.colspan > 1 and len(text) > 12 else "center"
                else:
                    text, align = cell_text(report.get(cell.ref.name)), "center"
                tcs.append(_cell_xml(text, width, cell.colspan, vmerge, half_points, align))
                c += cell.colspan
                continue
            above = covered.get((r, c))
            if above is None:
                raise ValueError(f"layout of {grid.table.key} leaves row {r} column {c} empty")
            tcs.append(
                _cell_xml("", sum(widths[c : c + above.colspan]), above.colspan, "continue", half_points, "center")
            )
            c += above.colspan
        header = (
            "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            if r < grid.header_rows
            else "<w:trPr><w:cantSplit/></w:trPr>"
        )
        rows.append(f"<w:tr>{header}{''.join(tcs)}</w:tr>")
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid_cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="28" w:type="dxa"/>'
        '<w:bottom w:w="20" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid_cols}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _add_chart(document, chart: Chart) -> None:
    """A native Word chart (DrawingML chart part + embedded workbook) in a centred paragraph of its own. The
    paragraph's line spacing is single, not the body's exact 28 pt, which would show only a sliver of the chart."""
    package = document.part.package
    number = sum(1 for part in package.iter_parts() if part.content_type == CHART_CONTENT_TYPE) + 1
    workbook = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        XLSX_CONTENT_TYPE,
        chart_workbook(chart),
        package,
    )
    chart_part = Part(PackURI(f"/word/charts/chart{number}.xml"), CHART_CONTENT_TYPE, b"", package)
    workbook_rid = chart_part.relate_to(workbook, RT.PACKAGE)
    chart_part._blob = chart_xml(chart, workbook_rid=workbook_rid).encode("utf-8")
    rid = document.part.relate_to(chart_part, RT.CHART)
    cx, cy = int(Cm(CHART_WIDTH_CM)), int(Cm(chart_height_cm(chart)))
    paragraph = document.add_paragraph()
    paragraph._p.append(
        parse_xml(
            f'<w:pPr {nsdecls("w")}><w:keepNext/><w:spacing w:before="120" w:after="240" w:line="240" '
            'w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w", "wp", "a", "r")}><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{1000 + number}" name="图表 {number}" descr="{escape(chart.title)}"/>'
            '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rid}"/>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    )


def render_docx(report: Report, *, charts: Sequence[Chart] = ()) -> bytes:
    """The report as a DOCX file's bytes. `charts`: `gongkai.report.render.charts.Chart`s, each a native Word chart
    placed after its section's text and table, centred, 15 cm wide."""
    report = without_control(report)  # XML cannot hold control characters: one in a draft must not break Word
    document = Document(io.BytesIO(_base_document()))
    document.core_properties.title = report.full_title
    document.core_properties.author = report.agency
    document.core_properties.subject = f"{report.year}年度政府信息公开工作年度报告"
    document.core_properties.keywords = f"gongkai; format {report.format_version}"

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(16)
    _set_run_font(title.add_run(report.full_title), TITLE_FONT, TITLE_SIZE)

    for line in report.preamble.splitlines():
        if line.strip():
            _body_paragraph(document, line)

    tables_by_section = {table.section: table for table in report.format.tables}
    body = document.element.body
    for section in SECTIONS:
        heading, content = report.section_heading(section.key), report.section_body(section.key)
        if heading:
            _heading(document, heading)
        if section.key in report.sections_html:
            _rich_body(document, richtext.blocks(report.sections_html[section.key]))
        else:
            for line in content.splitlines():
                if line.strip():
                    _body_paragraph(document, line)
        table = tables_by_section.get(section.key)
        if table is not None:
            # Insert before the final sectPr, as python-docx does for its own tables.
            body.insert(len(body) - 1, parse_xml(table_xml(report, table_grid(table))))
            document.add_paragraph()
        for chart in (c for c in charts if c.section == section.key):
            _add_chart(document, chart)

    closing = closing_lines(report)
    if closing:
        document.add_paragraph()
    for line in closing:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = BODY_SIZE * 2  # 右空二字, as a signature is placed
        paragraph.add_run(line)

    buffer = io.BytesIO()
    document.save(buffer)
    return stable_package(buffer.getvalue(), day=report.published_on)
