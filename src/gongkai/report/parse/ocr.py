"""Optional text recognition (OCR) for scanned PDFs, behind `gongkai check --ocr`.

The engine is RapidOCR (the `ocr` extra: `pip install 'gongkai[ocr]'`), whose detection and recognition models ship
inside the package, so nothing is downloaded when it runs. Each page is printed to a picture with pypdfium2 (already
installed with pdfplumber), the engine finds boxes of text, and the boxes are put back into lines: boxes whose middles
lie within the first box's band of height form one line, read from left to right; the pieces of a label wrapped inside
its cell are put back into it. A line of prose that runs on from the one before is joined to it; table rows stay lines
of their own. The text
is then read as run-together text, where the labels of the format and each row's own arithmetic recover the tables.
"""

from __future__ import annotations

import importlib.util
import io
import re
import statistics
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from gongkai.report.parse.encoding import fold_compatibility
from gongkai.report.parse.pdf import PAGE_NUMBER as _PAGE_NUMBER
from gongkai.report.parse.pdf import join_pdf_lines

SCALE = 2.0  # 144 dpi: small characters of the tables are read reliably, and a page takes a few seconds


class OcrUnavailable(RuntimeError):
    pass


def ocr_available() -> bool:
    return importlib.util.find_spec("rapidocr") is not None and importlib.util.find_spec("onnxruntime") is not None


@dataclass
class Box:
    top: float
    bottom: float
    left: float
    right: float
    text: str

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def box_from_points(points, text: str) -> Box:
    """A box from the four corners the engine gives."""
    xs = [float(point[0]) for point in points]
    ys = [float(point[1]) for point in points]
    return Box(min(ys), max(ys), min(xs), max(xs), text)


def lines_from_boxes(boxes: list[Box]) -> list[str]:
    """Boxes of one page back into lines, top to bottom, each read left to right; a line of prose that runs on from
    the one before (one box each: a table row has several) is joined to it."""
    boxes = [box for box in boxes if box.text.strip()]
    if not boxes:
        return []
    height = statistics.median(box.bottom - box.top for box in boxes) or 1.0
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda box: box.middle):
        if rows:
            anchor = rows[-1][0]
            # Within the band of the line's first box (not of its last: a line must not drift down the page).
            if abs(box.middle - anchor.middle) <= max(anchor.bottom - anchor.top, height) / 2:
                rows[-1].append(box)
                continue
        rows.append([box])
    rows = [row for row in rows if not _PAGE_NUMBER.match(" ".join(box.text for box in row))]
    rows = _wrapped_cells(rows, height)
    lines: list[tuple[str, int]] = []
    for row in rows:
        # Left to right; boxes in the same column (a label wrapped inside its cell) top to bottom.
        row.sort(key=lambda box: (round(box.left / height), box.top))
        text = " ".join(box.text.strip() for box in row)
        if lines and lines[-1][1] == 1 and len(row) == 1 and _RUNS_ON.search(lines[-1][0]) and _CONTINUES.match(text):
            lines[-1] = (lines[-1][0] + text, 1)
        else:
            lines.append((text, len(row)))
    return [text for text, _ in lines]


_NUMBER = re.compile(r"^[\d.,\-—]+$")
_LIST_NUMBER = re.compile(r"^(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)])")


def _has_numbers(row: list[Box]) -> bool:
    return any(_NUMBER.match(box.text.strip()) for box in row)


def _column_of(box: Box, row: list[Box], height: float) -> Box | None:
    """The box of `row` in the same table column as `box`: it lies within that box's sides (give or take a char)."""
    for other in row:
        if (
            not _NUMBER.match(other.text.strip())
            and other.left - 1.5 * height <= box.left
            and box.right <= other.right + 1.5 * height
        ):
            return other
    return None


def _wrapped_cells(rows: list[list[Box]], height: float) -> list[list[Box]]:
    """A table row's labels wrapped inside their cells leave lines without numbers just under or over the row's
    numbers ("1.本机关不掌握相关政府信" / "息"): each piece is put back into the label of its own column, so the labels
    read whole. A line that does not fit the columns of a neighbouring row (a heading, a paragraph) is left alone."""
    out: list[list[Box]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        merged = False
        if not _has_numbers(row):
            before = (out[-1] if out else None, True)
            after = (rows[index + 1] if index + 1 < len(rows) else None, False)
            # A piece that starts with a list number ("1.申请人…") begins a label: it goes with the row under it.
            starts = any(_LIST_NUMBER.match(box.text.strip()) for box in row)
            for neighbour, below in (after, before) if starts else (before, after):
                if neighbour is None or not _has_numbers(neighbour):
                    continue
                gap = (
                    row[0].top - max(b.bottom for b in neighbour)
                    if below
                    else min(b.top for b in neighbour) - max(b.bottom for b in row)
                )
                if gap > height:
                    continue
                targets = [_column_of(box, neighbour, height) for box in row]
                if any(target is None for target in targets):
                    continue
                for box, target in zip(row, targets, strict=True):
                    target.text = target.text + box.text if below else box.text + target.text
                merged = True
                break
        if not merged:
            out.append(row)
        index += 1
    return out


_RUNS_ON = re.compile(r"[\u4e00-\u9fff，、；：“（《]$")
_CONTINUES = re.compile(r"^[\u4e00-\u9fff，。、；：”）》]")


@cache
def _engine():
    if not ocr_available():
        raise OcrUnavailable("未安装文字识别组件（pip install 'gongkai[ocr]'）")
    import logging

    from rapidocr import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return RapidOCR(params={"Global.log_level": "warning"})


def ocr_pdf_text(data: bytes, *, max_pages: int, pages: Collection[int] | None = None) -> str:
    """The text of a scanned PDF's first `max_pages` pages, as recognised by the engine; with `pages` (numbers from
    1), only those pages are recognised, and the others' text is taken from their text layer."""
    import pypdfium2

    engine = _engine()
    layer: dict[int, str] = {}
    if pages is not None:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages[:max_pages]:
                if page.page_number not in pages:
                    lines = fold_compatibility(page.extract_text() or "").splitlines()
                    layer[page.page_number] = "\n".join(join_pdf_lines(lines))
                page.flush_cache()
    document = pypdfium2.PdfDocument(data)
    try:
        texts = []
        for index in range(min(len(document), max_pages)):
            if index + 1 in layer:
                texts.append(layer[index + 1])
                continue
            page = document[index]
            picture = page.render(scale=SCALE).to_numpy()
            page.close()
            result = engine(picture)
            found = [] if result.boxes is None else zip(result.boxes, result.txts, strict=False)
            boxes = [box_from_points(points, text) for points, text in found]
            texts.append("\n".join(lines_from_boxes(boxes)))
    finally:
        document.close()
    return "\n".join(texts)
