"""Read an HTML annual report: block-level text and tables in document order, merged cells as `None`."""

from __future__ import annotations

import re

import lxml.html

from gongkai.report.parse.document import Block, GridRows, Paragraph, ParsedDocument, TableBlock, assemble

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


def _text(element) -> str:
    return re.sub(r"[ \t\r\n\u00a0]+", " ", element.text_content()).strip()


def _grid(table) -> GridRows:
    """Expand rowspan/colspan into a rectangular grid; covered positions are None."""
    rows: GridRows = []
    pending: dict[tuple[int, int], bool] = {}  # positions covered by a rowspan from above
    for r, tr in enumerate(tr for tr in table.iter("tr") if tr.getparent() is not None):
        row: list[str | None] = []
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while pending.pop((r, c), False):
                row.append(None)
                c += 1
            colspan = max(1, int(re.sub(r"\D", "", cell.get("colspan", "1")) or 1))
            rowspan = max(1, int(re.sub(r"\D", "", cell.get("rowspan", "1")) or 1))
            row.append(_text(cell))
            row.extend([None] * (colspan - 1))
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    pending[(r + dr, c + dc)] = True
            c += colspan
        while pending.pop((r, c), False):
            row.append(None)
            c += 1
        rows.append(row)
    return rows


def html_blocks(data: bytes | str) -> list[Block]:
    root = lxml.html.fromstring(data)
    blocks: list[Block] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _SKIP_TAGS:
                continue
            if tag == "table":
                blocks.append(TableBlock(_grid(child)))
            elif tag in _BLOCK_TAGS:
                blocks.append(Paragraph(_text(child)))
            else:
                walk(child)

    walk(root)
    return blocks


def parse_html(data: bytes | str, source: str = "<html>") -> ParsedDocument:
    return assemble(html_blocks(data), source)
