"""Read a DOCX annual report: paragraphs and tables in document order, merged cells as `None`."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from gongkai.report.parse.document import Block, GridRows, Paragraph, ParsedDocument, TableBlock, assemble


def _text(element) -> str:
    """The visible text of a paragraph or cell: runs' text, tabs as spaces, breaks as line breaks."""
    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:p")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        elif node.tag == qn("w:br") or (node.tag == qn("w:p") and parts):
            parts.append("\n")
    return "".join(parts).strip()


def _grid(table) -> GridRows:
    rows: GridRows = []
    for tr in table.iterchildren(qn("w:tr")):
        row: list[str | None] = []
        properties = tr.find(qn("w:trPr"))
        before = properties.find(qn("w:gridBefore")) if properties is not None else None
        if before is not None:
            row.extend([None] * int(before.get(qn("w:val"), "0")))
        for tc in tr.iterchildren(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span, continued = 1, False
            if tc_pr is not None:
                grid_span = tc_pr.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = int(grid_span.get(qn("w:val"), "1"))
                v_merge = tc_pr.find(qn("w:vMerge"))
                continued = v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"
            row.append(None if continued else _text(tc))
            row.extend([None] * (span - 1))
        rows.append(row)
    return rows


def docx_blocks(data: bytes) -> list[Block]:
    document = Document(io.BytesIO(data))
    blocks: list[Block] = []

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                blocks.append(Paragraph(_text(child)))
            elif child.tag == qn("w:tbl"):
                blocks.append(TableBlock(_grid(child)))
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                walk(child)  # content controls from a template wrap ordinary paragraphs and tables

    walk(document.element.body)
    return blocks


def parse_docx(data: bytes, source: str = "<docx>") -> ParsedDocument:
    return assemble(docx_blocks(data), source)
