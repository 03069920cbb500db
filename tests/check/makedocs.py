"""Documents made for tests that reproduce layouts real producers publish: a report whose paragraphs sit in drawn
frames (as WPS and others print them), built from the seed agency's report rendered by gongkai."""

from __future__ import annotations

import copy
import io
import re

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from gongkai.report.model import Report
from gongkai.report.render.docx import render_docx
from gongkai.report.render.pdf import docx_to_pdf, soffice_path

_FRAME = (
    f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblW w:w='9000' w:type='dxa'/><w:tblBorders>"
    + "".join(
        f"<w:{side} w:val='single' w:sz='6' w:space='0' w:color='000000'/>"
        for side in ("top", "left", "bottom", "right")
    )
    + "</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w='9000'/></w:tblGrid>"
    "<w:tr><w:tc><w:tcPr><w:tcW w:w='9000' w:type='dxa'/></w:tcPr></w:tc></w:tr></w:tbl>"
)


def busy_report() -> Report:
    """The seed agency's report with numbers that are not all zero, so that a misread cell shows."""
    from gongkai.demo import seed_report_path
    from gongkai.report.model import load_report

    report = load_report(seed_report_path())
    for name, value in {
        "table_b.new_received.natural_person": 12,
        "table_b.new_received.commercial_enterprise": 3,
        "table_b.new_received.total": 15,
        "table_b.granted.natural_person": 10,
        "table_b.granted.commercial_enterprise": 3,
        "table_b.granted.total": 13,
        "table_b.unavailable_not_held.natural_person": 2,
        "table_b.unavailable_not_held.total": 2,
        "table_b.total_processed.natural_person": 12,
        "table_b.total_processed.commercial_enterprise": 3,
        "table_b.total_processed.total": 15,
        "table_c.reconsideration.upheld": 1,
        "table_c.reconsideration.total": 1,
    }.items():
        report.set(name, value)
    # The seed's text says no application was received; make it say what the tables now say.
    for key in ("1", "6"):
        report.sections[key] = (
            report.sections[key]
            .replace("未收到政府信息公开申请，与往年相比数量无增减变化", "收到政府信息公开申请15件，均已按时办结")
            .replace("未收到政府信息公开申请，无办理信息公开申请过程中", "收到政府信息公开申请15件，办理过程中未")
        )
    return report


def frame_paragraphs(data: bytes, *, row_per_paragraph: bool = False) -> bytes:
    """Each run of consecutive paragraphs (title, preamble, a heading and its text) moved into a bordered
    one-column table, as WPS prints framed body text: the whole run in one cell, or (`row_per_paragraph`) each
    paragraph in a row of its own. The report's own three tables are left as they are."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    runs: list[list] = [[]]
    for child in list(body):
        if child.tag == qn("w:p") and "".join(child.itertext()).strip():
            runs[-1].append(child)
        else:
            runs.append([])
    for run in (run for run in runs if run):
        frame = parse_xml(_FRAME)
        run[0].addprevious(frame)
        row = frame.find(qn("w:tr"))
        groups = [[paragraph] for paragraph in run] if row_per_paragraph else [run]
        for index, group in enumerate(groups):
            if index:
                row = copy.deepcopy(row)
                frame.append(row)
                for old in row.find(qn("w:tc")).findall(qn("w:p")):
                    old.getparent().remove(old)
            cell = row.find(qn("w:tc"))
            for paragraph in group:
                cell.append(paragraph)  # moves it
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_pdf_of(report: Report, *, framed: bool = False, row_per_paragraph: bool = False) -> bytes:
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    data = render_docx(report)
    return docx_to_pdf(frame_paragraphs(data, row_per_paragraph=row_per_paragraph) if framed else data)


def markdown_of(
    report: Report, *, split_row: bool = True, repeat_header: bool = True, html_tables: bool = False
) -> str:
    """The report as a PDF-to-Markdown converter writes it: `#` title and `##` headings, each table as a pipe table
    (a merged cell's repeats left empty) under a `## 表X` heading, a `|---|` separator under its first row; with
    `split_row`, a row broken over two lines inside a long label, and with `repeat_header`, table B's header rows
    repeated halfway down, as when a table continues on a new page. With `html_tables`, each table is written as
    HTML with its merged cells (rowspan, colspan), as some converters write tables that pipes cannot hold."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(render_docx(report)))
    lines: list[str] = []
    tables = iter(("表一", "表二", "表三"))
    for child in document.element.body:
        if child.tag == qn("w:p"):
            text = Paragraph(child, document).text.strip()
            if text:
                heading = text == report.full_title or text[:2] in {f"{n}、" for n in "一二三四五六"}
                lines += [("# " if text == report.full_title else "## " if heading else "") + text, ""]
        elif child.tag == qn("w:tbl"):
            rows = []
            for row in Table(child, document).rows:
                seen: set[int] = set()
                cells = []
                for cell in row.cells:
                    cells.append("" if id(cell._tc) in seen else cell.text.replace("\n", "<br>"))
                    seen.add(id(cell._tc))
                rows.append("| " + " | ".join(cells) + " |")
            name = next(tables)
            out = [rows[0], "|" + "---|" * rows[0].count(" | ") + "---|", *rows[1:]]
            if repeat_header and name == "表二":
                out[len(out) // 2 : len(out) // 2] = [rows[0], rows[1]]
            if split_row and name == "表二":
                # A long label wrapped inside its cell: the row goes on on the next line.
                broken = next(i for i, row in enumerate(out) if "只计这一情形" in row)
                cut = out[broken].index("只计这一情形")
                out[broken : broken + 1] = [out[broken][:cut], out[broken][cut:]]
            if html_tables:
                from gongkai.report.render.html import render_html

                page = render_html(report).decode("utf-8")
                out = [re.findall(r"<table\b.*?</table>", page, re.S)[int(name == "表二") + 2 * int(name == "表三")]]
            lines += [f"## {name}", "", *out, ""]
    return "\n".join(lines)


def tables_as_pictures_pdf(report: Report) -> bytes:
    """The report printed with its three tables pasted in as pictures (as some agencies publish them): each table,
    as printed, is cut out of the printed page as a picture and put where the table was."""
    import pdfplumber
    import pypdfium2
    from docx.shared import Cm

    from gongkai.report.parse.document import kind_of_table

    printed = report_pdf_of(report)
    pictures: list[list[bytes]] = []  # per table of the report, its pieces (a table may break across pages)
    scale = 2.0
    last = None
    rendered = pypdfium2.PdfDocument(printed)
    with pdfplumber.open(io.BytesIO(printed)) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                image = rendered[page.page_number - 1].render(scale=scale).to_pil()
                x0, top, x1, bottom = (value * scale for value in table.bbox)
                piece = io.BytesIO()
                image.crop((int(x0) - 4, int(top) - 4, int(x1) + 4, int(bottom) + 4)).save(piece, format="PNG")
                kind = kind_of_table(table.extract())
                if not pictures or kind not in (None, last):  # else the rest of the table before, on a new page
                    pictures.append([])
                    last = kind
                pictures[-1].append(piece.getvalue())
    rendered.close()
    document = docx.Document(io.BytesIO(render_docx(report)))
    tables = [child for child in document.element.body if child.tag == qn("w:tbl")]
    assert len(tables) == len(pictures) == 3, (len(tables), len(pictures))
    for table, pieces in zip(tables, pictures, strict=True):
        for piece in pieces:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.line_spacing = 1.0  # not the body's exact spacing, which would clip it
            paragraph.paragraph_format.first_line_indent = 0
            paragraph.add_run().add_picture(io.BytesIO(piece), width=Cm(16))
            table.addprevious(paragraph._p)
        table.getparent().remove(table)
    out = io.BytesIO()
    document.save(out)
    return docx_to_pdf(out.getvalue())
