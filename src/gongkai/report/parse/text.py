"""Read a report given as plain text, in either of the two shapes real texts come in.

- One cell per line (a DOCX converted to text, the seed): table cells are tab-indented lines, a blank line ends a
  row, an unindented line right after a cell continues it (a label broken over lines); `[image: …]` and
  `[bookmark: …]` markers left by the conversion are dropped.
- Markdown or OCR text (a PDF-to-Markdown converter's output): tables are rows of cells between pipes
  (`| 9 | 0 | … |`), read as tables; `#` headings and emphasis marks are dropped.
- Cells run together (text scraped from a web page): the body may be one line, and a table row is its label
  followed by digits with no separator (`230 000023`). Labels come from the format; the digits between one label
  and the next are split with the table's own arithmetic (see `split`). Where more than one split fits, a P1
  finding lists the candidates and the cells stay blank.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import product

from gongkai.report.format import (
    APPLICANTS,
    C_RESULTS,
    FORMAT_2019,
    FORMAT_2021,
    LITIGATION,
    RECONSIDERATION,
    TABLE_B_COLUMNS,
    CellKind,
    ReportFormat,
    result_row_keys,
)
from gongkai.report.layout import table_grid
from gongkai.report.parse.document import (
    A_2019_SIGNS,
    A_MARKER,
    HEADING_RES,
    Block,
    Meta,
    Note,
    Paragraph,
    ParsedDocument,
    TableBlock,
    assemble,
    find_title,
    normalise_label,
)
from gongkai.report.parse.encoding import fold_compatibility
from gongkai.report.parse.split import MAX_CANDIDATES, Number, split_run
from gongkai.report.rules import Finding, Severity

_MARKERS = re.compile(r"\[(?:image|bookmark|图片|书签)[:：][^\]]*\]")
_HEADER_END = re.compile(r"^=+\s*正文\s*=+\s*$", re.M)
_HEADER_FIELD = re.compile(r"^(标题|发布时间|发布日期|成文日期)\s*[:：]\s*(.*)$", re.M)
_DATE = re.compile(r"(20\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


def parse_date(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _header(text: str) -> tuple[Meta | None, str]:
    """A scraped page's header block (标题, 发布时间 …) above its body, if it has one."""
    end = _HEADER_END.search(text[:5000])
    head, body = (text[: end.start()], text[end.end() :]) if end else (text[:2000], text)
    fields = dict(_HEADER_FIELD.findall(head))
    if not fields:
        return None, text
    published = parse_date(fields.get("发布时间") or fields.get("发布日期") or "")
    return Meta(title=fields.get("标题", "").strip(), published_on=published), body if end else text


# -- one cell per line ------------------------------------------------------------------------------------------


def is_cell_per_line(text: str) -> bool:
    """The seed's shape: many tab-indented lines, each one cell."""
    return sum(1 for line in text.splitlines() if line.startswith("\t")) >= 20


def cell_per_line_blocks(text: str) -> list[Block]:
    from gongkai.report.parse.document import match_heading

    blocks: list[Block] = []
    meta, text = _header(text)
    if meta:
        blocks.append(meta)
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    after_cell = False  # the previous line was a cell (so an unindented line continues it)

    def end_table() -> None:
        nonlocal row
        if row:
            rows.append(row)
            row = []
        if rows:
            blocks.append(TableBlock(list(rows)))
            rows.clear()

    for raw in text.splitlines():
        line = _MARKERS.sub("", raw).rstrip()
        if line.startswith("\t"):
            row.append(line.strip())
            after_cell = True
        elif not line.strip():
            if row:
                rows.append(row)
                row = []
            after_cell = False
        elif after_cell and row and match_heading(line.strip()) is None:
            row[-1] = (row[-1] or "") + line.strip()
        else:
            end_table()
            after_cell = False
            blocks.append(Paragraph(line.strip()))
    end_table()
    return blocks


# -- cells run together -----------------------------------------------------------------------------------------

_CHAR_CLASSES = {
    "（": "[（(]",
    "）": "[）)]",
    "“": '[“”"＂]',
    ":": "[:：]",
    ",": "[,，]",
    ".": "[.．、]",
    "、": "[、,，]",
}


@lru_cache(maxsize=1024)
def label_re(label: str) -> re.Pattern[str]:
    return re.compile(label_pattern(label))


def label_pattern(label: str) -> str:
    """A label as a regex that tolerates spaces and line breaks between characters and either kind of bracket."""
    return r"\s*".join(_CHAR_CLASSES.get(char, re.escape(char)) for char in normalise_label(label))


_RUN = re.compile(r"[\s\d.\-−|｜]*(?:万元|元)?")
_NOTE_AFTER_LABEL = re.compile(r"\s*[（(][^）)]{0,40}[）)]")


def _run_after(text: str) -> str:
    """The digits (and spaces) a label is followed by, without a list number that begins the next label."""
    text = _NOTE_AFTER_LABEL.sub("", text, count=1) if _NOTE_AFTER_LABEL.match(text) else text
    run = _RUN.match(text).group()
    return re.sub(r"\d\.$", "", run) if re.search(r"\d\.$", run) else run


def _find_labels(text: str, labels: Sequence[tuple[str, str]], start: int, end: int) -> list[tuple[str, int, int]]:
    """(key, label start, label end) for each label found, in order; a missing label is skipped."""
    found = []
    position = start
    for key, label in labels:
        match = label_re(label).search(text, position, end)
        if match is None:
            short = re.sub(r"（[^）]*）$", "", normalise_label(label))
            if short != normalise_label(label) and len(short) >= 4:
                match = label_re(short).search(text, position, end)
        if match is None:
            continue
        found.append((key, match.start(), match.end()))
        position = match.end()
    return found


def _runs(text: str, found: list[tuple[str, int, int]], end: int) -> dict[str, str]:
    runs = {}
    for index, (key, _, label_end) in enumerate(found):
        stop = found[index + 1][1] if index + 1 < len(found) else end
        runs[key] = _run_after(text[label_end:stop])
    return runs


def _format_candidates(candidates: list[list[Number]], limit: int = 10) -> list[list[str]]:
    return [[str(value) for value in candidate] for candidate in candidates[:limit]]


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.notes: list[Note] = []
        self.problems: list[str] = []

    def ambiguous(self, cells: Sequence[str], label: str, run: str, candidates, *, checked: bool) -> None:
        """P1: more than one split fits (`checked`: the row's own arithmetic was applied)."""
        shown = "；".join("、".join(map(str, c)) for c in candidates[:5]) + ("……" if len(candidates) > 5 else "")
        count = f"{len(candidates) - 1}种以上" if len(candidates) > MAX_CANDIDATES else f"{len(candidates)}种"
        basis = "都符合表格的勾稽关系" if checked else "都说得通（这一行没有可据以拆分的勾稽关系）"
        self.notes.append(
            Note(
                Finding(
                    "P1",
                    Severity.WARNING,
                    f"“{label}”一行的数字连在一起（“{run.strip()}”），有{count}拆分方式{basis}"
                    f"（{shown}），无法确定，这些单元格按空白处理。",
                    tuple(cells),
                    {"text": run.strip(), "candidates": _format_candidates(candidates)},
                )
            )
        )

    def unreadable(self, cells: Sequence[str], label: str, run: str, *, checked: bool) -> None:
        """P1 with no candidates: no split fits (with `checked`, the row's own total is probably wrong)."""
        if not run.strip():
            return
        basis = "符合表格勾稽关系的" if checked else ""
        self.notes.append(
            Note(
                Finding(
                    "P1",
                    Severity.WARNING,
                    f"“{label}”一行的数字连在一起（“{run.strip()}”），找不到{basis}拆分方式"
                    f"（应为 {len(cells)} 个数{'，该行的总计可能有误' if basis else ''}），这些单元格按空白处理。",
                    tuple(cells),
                    {"text": run.strip(), "candidates": []},
                )
            )
        )

    # table A
    def table_a(self, start: int, end: int) -> TableBlock | None:
        text = self.text
        a_start = label_re(A_MARKER).search(text, start, end)
        if a_start is None:
            return None
        region = normalise_label(text[a_start.start() : end])
        fmt = FORMAT_2019 if any(label in region for label in A_2019_SIGNS) else FORMAT_2021
        table = fmt.table("table_a")
        rows: list[list[str | None]] = [[block.title] for block in table.blocks]
        rows.append([block.columns[0].label for block in table.blocks])
        anchors: list[tuple[str, str]] = []
        for block in table.blocks:
            anchors.append((f"title:{block.key}", block.title))
            anchors.extend((row.key, row.label) for row in block.rows)
        found = [f for f in _find_labels(text, anchors, a_start.start(), end)]
        runs = _runs(text, found, end)
        labels = {row.key: row.label for block in table.blocks for row in block.rows}
        for key, run in runs.items():
            if key.startswith("title:"):
                continue
            columns = table.columns_of(key)
            candidates = split_run(run, [column.kind for column in columns])
            if len(candidates) == 1:
                rows.append([labels[key], *(str(value) for value in candidates[0])])
            elif candidates:
                self.ambiguous(_names("table_a", key, columns), labels[key], run, candidates, checked=False)
            else:
                self.unreadable(_names("table_a", key, columns), labels[key], run, checked=False)
        return TableBlock(rows)

    # table B
    def table_b(self, start: int, end: int) -> TableBlock | None:
        text = self.text
        fmt: ReportFormat = FORMAT_2021
        found = _find_labels(text, [(row.key, row.label) for row in _b_rows(FORMAT_2021)], start, end)
        if not any(key.startswith("other_") for key, _, _ in found):
            found_2019 = _find_labels(text, [(row.key, row.label) for row in _b_rows(FORMAT_2019)], start, end)
            if any(key == "other" for key, _, _ in found_2019):
                fmt, found = FORMAT_2019, found_2019
        if len(found) < 3:
            return None
        runs = _runs(text, found, end)
        labels = {row.key: row.label for row in _b_rows(fmt)}
        kinds = [column.kind for column in TABLE_B_COLUMNS]
        options: dict[str, list[list[Number]]] = {}
        for key, run in runs.items():
            candidates = split_run(run, kinds, chunk=len(kinds))
            if not candidates:
                self.unreadable(_names("table_b", key, TABLE_B_COLUMNS), labels[key], run, checked=True)
                continue
            options[key] = candidates
        options = _resolve_with_columns(options, fmt)
        rows: list[list[str | None]] = [[APPLICANTS, TABLE_B_COLUMNS[0].label]]
        for key, candidates in options.items():
            if len(candidates) == 1:
                rows.append([labels[key], *(str(value) for value in candidates[0])])
            else:
                cells = _names("table_b", key, TABLE_B_COLUMNS)
                self.ambiguous(cells, labels[key], runs[key], candidates, checked=True)
        return TableBlock(rows)

    # table C
    def table_c(self, start: int, end: int) -> TableBlock | None:
        text = self.text
        total = C_RESULTS[-1][1]
        last = None
        for match in label_re(total).finditer(text, start, end):
            last = match
        if last is None:
            return None
        run = _run_after(text[last.end() : end])
        if not re.search(r"\d", run):
            # Header words after the last 总计 (text recognised line by line puts the second header row there):
            # the numbers are the first run of digits after them.
            digits = _FIRST_DIGITS.search(text, last.end(), end)
            run = digits.group() if digits else run
        kinds = [CellKind.COUNT] * 15
        candidates = split_run(run, kinds, chunk=len(C_RESULTS))
        header = [RECONSIDERATION, LITIGATION]
        if len(candidates) == 1:
            return TableBlock([header, [str(value) for value in candidates[0]]])
        cells = [ref.name for ref in _C_REFS]
        if candidates:
            self.ambiguous(cells, f"{RECONSIDERATION}、{LITIGATION}", run, candidates, checked=True)
        else:
            self.unreadable(cells, f"{RECONSIDERATION}、{LITIGATION}", run, checked=True)
        return None


_FIRST_DIGITS = re.compile(r"\d[\d\s]*")


def _names(table: str, row: str, columns) -> list[str]:
    return [f"{table}.{row}.{column.key}" for column in columns]


# Table C's 15 numbers in the order they are printed (group by group), as machine names.
_C_REFS = [cell.ref for cell in table_grid(FORMAT_2021.table("table_c")).cells if cell.ref is not None]


def _b_rows(fmt: ReportFormat):
    return fmt.table("table_b").blocks[0].rows


def _resolve_with_columns(options: dict[str, list[list[Number]]], fmt: ReportFormat) -> dict[str, list[list[Number]]]:
    """Where a row splits more than one way, keep the split that makes the columns add up (B1 and B2), if only one
    combination of the ambiguous rows does; otherwise leave them ambiguous."""
    ambiguous = [key for key, candidates in options.items() if len(candidates) > 1]
    if not ambiguous:
        return options
    combinations = 1
    for key in ambiguous:
        combinations *= len(options[key])
    if combinations > 5000:
        return options
    results = result_row_keys(fmt.version)
    needed = {"new_received", "carried_over", "total_processed", "carried_forward", *results}
    if not needed <= options.keys():
        return options
    fitting = []
    for choice in product(*(options[key] for key in ambiguous)):
        rows = {key: candidates[0] for key, candidates in options.items()}
        rows.update(dict(zip(ambiguous, choice, strict=True)))
        ok = all(
            rows["new_received"][c] + rows["carried_over"][c] == rows["total_processed"][c] + rows["carried_forward"][c]
            and sum(rows[key][c] for key in results) == rows["total_processed"][c]
            for c in range(len(TABLE_B_COLUMNS))
        )
        if ok:
            fitting.append(choice)
            if len(fitting) > 1:
                return options
    if len(fitting) != 1:
        return options
    resolved = dict(options)
    for key, candidate in zip(ambiguous, fitting[0], strict=True):
        resolved[key] = [candidate]
    return resolved


def run_together_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    meta, body = _header(text)
    if meta:
        blocks.append(meta)
    flat = re.sub(r"\s+", " ", _MARKERS.sub("", body))
    headings: list[tuple[str, int, int]] = []
    position = 0
    for key, pattern in HEADING_RES.items():
        match = pattern.search(flat, position)
        if match:
            headings.append((key, match.start(), match.end()))
            position = match.end()
    # A section out of order is not after the one before it: look for it anywhere outside the headings found.
    for key, pattern in HEADING_RES.items():
        if any(found == key for found, _, _ in headings):
            continue
        for match in pattern.finditer(flat):
            if not any(start < match.end() and match.start() < end for _, start, end in headings):
                headings.append((key, match.start(), match.end()))
                break
    headings.sort(key=lambda heading: heading[1])
    preamble_end = headings[0][1] if headings else len(flat)
    preamble = flat[:preamble_end].strip()
    title = find_title(preamble)
    if title:
        before, rest = preamble[: title.start()].strip(), preamble[title.end() :].strip()
        blocks.extend(Paragraph(part) for part in (before, title.group(0), rest) if part)
    elif preamble:
        blocks.append(Paragraph(preamble))
    reader = _Reader(flat)
    for index, (key, start, end) in enumerate(headings):
        stop = headings[index + 1][1] if index + 1 < len(headings) else len(flat)
        blocks.append(Paragraph(flat[start:end]))
        table: TableBlock | None = None
        if key == "2":
            table = reader.table_a(end, stop)
        elif key == "3":
            table = reader.table_b(end, stop)
        elif key == "4":
            table = reader.table_c(end, stop)
        if key in ("2", "3", "4"):
            # The body of a table section is the table; keep only prose that does not hold its labels and digits.
            body_text = flat[end:stop].strip()
            if table is not None or re.search(r"\d{5,}", body_text):
                body_text = ""
        else:
            body_text = flat[end:stop].strip()
        if body_text:
            blocks.append(Paragraph(body_text))
        if table is not None:
            blocks.append(table)
    blocks.extend(reader.notes)
    blocks.extend(Note(problem=problem) for problem in reader.problems)
    return blocks


# -- Markdown and OCR text ----------------------------------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*[|｜]")
_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|[-*+]\s+(?=\S))")
_MD_EMPHASIS = re.compile(r"\*\*|__|`|<br\s*/?>|<[a-z]+[^>]*>|</[a-z]+>", re.I)
_MD_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$|^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


_HTML_TABLE = re.compile(r"(<table\b.*?</table\s*>)", re.I | re.S)


def is_markdown(text: str) -> bool:
    """Text from a PDF-to-Markdown converter or an OCR tool: its tables are rows of cells between pipes, or HTML
    tables among the text (as some converters write tables with merged cells)."""
    if ("<table" in text or "<TABLE" in text) and _HTML_TABLE.search(text):
        return True
    if "|" not in text and "｜" not in text:
        return False
    rows = 0
    for line in text.splitlines():
        if _PIPE_ROW.match(line) and line.count("|") + line.count("｜") >= 3:
            rows += 1
            if rows >= 5:
                return True
    return False


def _pipe_cells(row: str) -> list[str | None]:
    row = row.strip().replace("｜", "|").strip("|")
    return [_MD_EMPHASIS.sub("", cell).strip() for cell in row.split("|")]


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _rejoin_broken_rows(rows: list[list[str | None]]) -> list[list[str | None]]:
    """A row broken at a cell boundary (OCR output): a short row with its label, then a row of numbers only, that
    together make the table's usual width, are one row."""
    widths: dict[int, int] = {}
    for row in rows:
        widths[len(row)] = widths.get(len(row), 0) + 1
    usual = max(widths, key=lambda width: (widths[width], width))
    out: list[list[str | None]] = []
    for row in rows:
        previous = out[-1] if out else None
        if (
            previous is not None
            and len(previous) < usual
            and len(previous) + len(row) == usual
            and not any(_CJK.search(cell or "") for cell in row)
            and any(_CJK.search(cell or "") for cell in previous)
        ):
            out[-1] = previous + row
        else:
            out.append(row)
    return out


def markdown_blocks(text: str) -> list[Block]:
    """Markdown's text and pipe tables, and HTML tables among them read by the HTML reader."""
    if not _HTML_TABLE.search(text):
        return _markdown_blocks(text)
    from gongkai.report.parse.html import html_blocks

    blocks: list[Block] = []
    for index, part in enumerate(_HTML_TABLE.split(text)):
        if index % 2:
            blocks.extend(block for block in html_blocks(part) if isinstance(block, TableBlock))
        elif part.strip():
            blocks.extend(_markdown_blocks(part))
    return blocks


def _markdown_blocks(text: str) -> list[Block]:
    """Pipe tables as tables (separator rows dropped, a row broken over lines joined, a repeated header row read like
    any other), headings and paragraphs as paragraphs without their Markdown marks."""
    blocks: list[Block] = []
    meta, text = _header(text)
    if meta:
        blocks.append(meta)
    rows: list[list[str | None]] = []
    pending = ""  # a row begun on an earlier line that has not ended with its pipe yet

    def end_table() -> None:
        if rows:
            blocks.append(TableBlock(_rejoin_broken_rows(rows)))
            rows.clear()

    def add_row(row: str) -> None:
        cells = _pipe_cells(row)
        if all(_SEPARATOR_CELL.match(cell or "") or not cell for cell in cells) and any(cells):
            return  # |---|:---:|
        rows.append(cells)

    for raw in text.splitlines():
        line = _MARKERS.sub("", raw).rstrip()
        stripped = line.strip()
        if pending:
            pending += stripped  # a cell's text wrapped onto the next line
            if stripped.endswith(("|", "｜")):
                add_row(pending)
                pending = ""
            continue
        if _PIPE_ROW.match(line):
            if stripped.endswith(("|", "｜")) and len(stripped) > 1:
                add_row(stripped)
            else:
                pending = stripped
            continue
        if not stripped:
            continue  # a blank line between rows (OCR output has them) does not end a table
        if _MD_IMAGE.match(stripped):
            continue
        end_table()
        paragraph = _MD_EMPHASIS.sub("", _MD_PREFIX.sub("", stripped)).strip()
        if paragraph:
            blocks.append(Paragraph(paragraph))
    if pending:
        add_row(pending)
    end_table()
    return blocks


def text_blocks(text: str) -> list[Block]:
    text = fold_compatibility(text)
    if is_markdown(text):
        return markdown_blocks(text)
    return cell_per_line_blocks(text) if is_cell_per_line(text) else run_together_blocks(text)


def parse_text_run_together(text: str, source: str = "<text>") -> ParsedDocument:
    """Read text as run-together cells whatever its shape (used for tables that arrived as lines of text)."""
    return assemble(run_together_blocks(text), source)


def parse_text(text: str, source: str = "<text>") -> ParsedDocument:
    document = assemble(text_blocks(text), source)
    if document.cells_found == 0 and not document.findings and is_markdown(text):
        # Pipes that are not a table's cells after all (an OCR tool's column marks): read the text as run-together.
        again = parse_text_run_together(fold_compatibility(text), source)
        if again.cells_found:
            return again
    return document
