"""Read a PDF annual report with pdfplumber: per page, the tables pdfplumber finds and the text lines outside them,
in reading order. A box drawn around paragraphs (a one-column "table" of prose) is read as text, and the Kangxi
radicals some producers' fonts map their characters to (⽇ for 日, ⽉ for 月) are read as the characters they are.

A table that breaks across pages arrives as two tables; `assemble` reads the second as the rest of the first
(header rows repeated or missing alike). Labels broken over lines inside a cell are joined by `normalise_label`.
Pages beyond `max_pages` are not read, and the caller is told how many were skipped.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pdfplumber

from gongkai.report.format import REPORT_TITLE
from gongkai.report.parse.document import (
    Block,
    GridRows,
    Note,
    Paragraph,
    ParsedDocument,
    TableBlock,
    assemble,
    kind_of_table,
    match_heading,
    prose_edges,
)
from gongkai.report.parse.encoding import fold_compatibility

MAX_PAGES = 60  # an annual report runs to 5-30 pages; more is not a report, or an appendix not worth the time


@dataclass
class PdfInfo:
    pages: int
    read: int
    image_pages: int = 0  # pages read with no text but with pictures (a scan)
    picture_pages: tuple[int, ...] = ()  # pages (from 1) with a picture over a twelfth of the page or more


def _large_picture(page) -> bool:
    """A picture over a twelfth of the page (a seal or a logo is smaller): a scanned page, or a table pasted in."""
    area = float(page.width * page.height) or 1.0
    return any(
        float((image["x1"] - image["x0"]) * (image["bottom"] - image["top"])) >= area / 12 for image in page.images
    )


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def pdf_blocks(data: bytes, *, max_pages: int = MAX_PAGES) -> tuple[list[Block], PdfInfo]:
    blocks: list[Block] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        total = len(pdf.pages)
        read = min(total, max_pages)
        image_pages = 0
        picture_pages: list[int] = []
        for page in pdf.pages[:read]:
            tables = page.find_tables()
            boxes = []
            items: list[tuple[float, Block]] = []
            for table in tables:
                raw = table.extract()
                rows = [[_clean(cell) for cell in row] for row in raw]
                if is_prose_frame(rows):
                    continue  # its text is read with the page's other lines, in reading order
                boxes.append(table.bbox)
                # A frame drawn round the paragraphs just above or below a table joins its grid: those rows are text.
                first, last = prose_edges(rows)
                for row in raw[:first]:
                    items.extend((table.bbox[1], Paragraph(line)) for line in _lines(row))
                items.append((table.bbox[1], TableBlock(rows[first:last])))
                for row in raw[last:]:
                    items.extend((table.bbox[3], Paragraph(line)) for line in _lines(row))
            text_page = page.filter(
                lambda obj, boxes=boxes: obj.get("object_type") != "char" or not _inside(obj, boxes)
            )
            lines = text_page.extract_text_lines(return_chars=False)
            for line in lines:
                items.append((line["top"], Paragraph(fold_compatibility(line["text"]))))
            if not lines and not tables and page.images:
                image_pages += 1
            if page.images and _large_picture(page):
                picture_pages.append(page.page_number)
            items.sort(key=lambda item: item[0])
            blocks.extend(block for _, block in items)
            page.flush_cache()
        blocks = _join_lines(blocks)
        if total > read:
            blocks.append(Note(problem=f"PDF 共 {total} 页，只读取了前 {read} 页，第 {read + 1}–{total} 页已跳过"))
    return blocks, PdfInfo(total, read, image_pages, tuple(picture_pages))


PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_CJK = "\u4e00-\u9fff，。、；：“”‘’（）《》〔〕【】"
# PDF text puts a space between Chinese and digits ("2022 年"); the prose rules expect them together.
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
_SENTENCE_END = ("。", "；", "：", "！", "？", ":", ";")


def join_pdf_lines(lines: list[str]) -> list[str]:
    """Lines of a PDF page's text as paragraphs (see `_join_lines`)."""
    return [block.text for block in _join_lines([Paragraph(line) for line in lines]) if isinstance(block, Paragraph)]


def _join_lines(blocks: list[Block]) -> list[Block]:
    """Lines of one paragraph back into one; page numbers dropped; headings kept on their own."""
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            out.append(block)
            continue
        text = _SPACE_BY_CJK.sub("", block.text.strip())
        if not text or PAGE_NUMBER.match(text):
            continue
        previous = out[-1] if out else None
        if (
            isinstance(previous, Paragraph)
            and not previous.text.endswith(_SENTENCE_END)
            and not previous.text.endswith(REPORT_TITLE)
            and match_heading(text) is None
            and match_heading(previous.text) is None
        ):
            previous.text += text
        else:
            out.append(Paragraph(text))
    return out


def _clean(cell: str | None) -> str | None:
    return None if cell is None else fold_compatibility(cell.replace("\n", "").strip())


def _lines(row: list[str | None]) -> list[str]:
    return [fold_compatibility(line) for cell in row if cell for line in cell.splitlines() if line.strip()]


def is_prose_frame(rows: GridRows) -> bool:
    """A box drawn around paragraphs (WPS and others frame body text): one column of text, not one of the three
    tables nor the header-less rest of one. pdfplumber reports it as a table; it is read as text."""
    if not rows or kind_of_table(rows) is not None:
        return False
    return all(sum(1 for cell in row if cell and cell.strip()) <= 1 for row in rows)


def parse_pdf(data: bytes, source: str = "<pdf>", *, max_pages: int = MAX_PAGES) -> ParsedDocument:
    blocks, info = pdf_blocks(data, max_pages=max_pages)
    document = assemble(blocks, source)
    document.image_pages = info.image_pages
    document.picture_pages = info.picture_pages
    return document
