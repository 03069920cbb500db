"""From a document's paragraphs and tables back to a report.

Readers for each file type (DOCX, HTML) turn a document into a stream of blocks: paragraphs of text, and tables
as grids of cell texts where a position covered by a merged cell is `None`. This module recognises the title, the
six sections by their headings, and the three tables by their labels, all taken from `gongkai.report.format`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from gongkai.report.format import (
    FORMAT_2019,
    FORMAT_2021,
    REPORT_TITLE,
    SECTIONS,
    CellKind,
    CellRef,
    FormatVersion,
    ReportFormat,
)
from gongkai.report.layout import table_grid
from gongkai.report.model import Cell, Report
from gongkai.report.rules import heading_title

GridRows = list[list[str | None]]


@dataclass
class Paragraph:
    text: str


@dataclass
class TableBlock:
    rows: GridRows


Block = Paragraph | TableBlock


@dataclass
class ParsedDocument:
    report: Report
    problems: list[str] = field(default_factory=list)  # what could not be read, in Chinese


_TRANSLATE = str.maketrans({"(": "（", ")": "）", '"': "“", "”": "“", "：": ":", "，": ",", "．": "."})


def normalise_label(text: str) -> str:
    """Compare labels as a reader sees them: no spaces or line breaks, one kind of bracket and quote."""
    return re.sub(r"\s+", "", text).translate(_TRANSLATE)


def parse_number(text: str | None, kind: CellKind) -> tuple[Cell, bool]:
    """A cell's value and whether it was readable. A blank cell is (None, True)."""
    if text is None:
        return None, True
    cleaned = re.sub(r"[\s,，]", "", text).removesuffix("万元").removesuffix("元")
    if cleaned == "":
        return None, True
    if kind is CellKind.AMOUNT:
        try:
            return Decimal(cleaned), True
        except InvalidOperation:
            return None, False
    if re.fullmatch(r"-?\d+", cleaned):
        return int(cleaned), True
    return None, False


def _row_labels(fmt: ReportFormat, table_key: str) -> dict[str, str]:
    return {normalise_label(row.label): row.key for block in fmt.table(table_key).blocks for row in block.rows}


_B_ROWS = {**_row_labels(FORMAT_2019, "table_b"), **_row_labels(FORMAT_2021, "table_b")}
_A_ROWS_2021 = _row_labels(FORMAT_2021, "table_a")
_A_ROWS_2019 = _row_labels(FORMAT_2019, "table_a")
_A_2019_ONLY = {
    normalise_label(column.label) for block in FORMAT_2019.table("table_a").blocks for column in block.columns
} - {normalise_label(column.label) for block in FORMAT_2021.table("table_a").blocks for column in block.columns}
_B_MARKERS = {normalise_label(label) for label in ("申请人情况", "自然人")}
_C_MARKERS = {normalise_label(label) for label in ("行政复议", "行政诉讼")}
_A_MARKER = "第二十条"


def _kind_of_table(rows: GridRows) -> str | None:
    texts = {normalise_label(cell) for row in rows for cell in row if cell}
    if texts & set(_B_ROWS) and texts & _B_MARKERS:
        return "table_b"
    if texts >= _C_MARKERS:
        return "table_c"
    if any(text.startswith(_A_MARKER) for text in texts):
        return "table_a"
    return None


class _Cells:
    """Cell values read so far, and what could not be read."""

    def __init__(self) -> None:
        self.values: dict[str, Cell] = {}
        self.problems: list[str] = []
        self.version_hints: set[FormatVersion] = set()

    def put(self, ref: CellRef, text: str | None) -> None:
        value, ok = parse_number(text, ref.kind)
        if not ok:
            self.problems.append(f"{ref.name} 的内容“{text}”不是数字，按空白处理")
        self.values[ref.name] = value


def _read_table_b(rows: GridRows, cells: _Cells) -> None:
    columns = FORMAT_2021.table("table_b").blocks[0].columns
    for row in rows:
        present = [cell for cell in row if cell is not None]
        if len(present) < len(columns) + 1:
            continue
        label = present[-len(columns) - 1]
        key = _B_ROWS.get(normalise_label(label))
        if key is None:
            continue
        if key == "other":
            cells.version_hints.add(FormatVersion.V2019)
        elif key.startswith("other_"):
            cells.version_hints.add(FormatVersion.V2021)
        for column, text in zip(columns, present[-len(columns) :], strict=True):
            cells.put(CellRef("table_b", key, column.key, column.kind), text)


def _read_table_c(rows: GridRows, cells: _Cells) -> None:
    refs = [cell.ref for cell in table_grid(FORMAT_2021.table("table_c")).cells if cell.ref is not None]
    for row in reversed(rows):
        present = [cell for cell in row if cell is not None]
        if len(present) == len(refs) and all(parse_number(text, CellKind.COUNT)[1] for text in present):
            for ref, text in zip(refs, present, strict=True):
                cells.put(ref, text)
            return
    cells.problems.append("未能在行政复议、行政诉讼情况表中找到15个数字的数据行")


def _read_table_a(rows: GridRows, cells: _Cells) -> None:
    texts = {normalise_label(cell) for row in rows for cell in row if cell}
    fmt = FORMAT_2019 if texts & _A_2019_ONLY else FORMAT_2021
    cells.version_hints.add(fmt.version)
    labels = _A_ROWS_2019 if fmt is FORMAT_2019 else _A_ROWS_2021
    table = fmt.table("table_a")
    for row in rows:
        present = [cell for cell in row if cell is not None]
        if not present:
            continue
        key = labels.get(normalise_label(present[0]))
        if key is None:
            continue
        columns = table.columns_of(key)
        values = present[1:]
        if len(values) != len(columns):
            cells.problems.append(f"“{present[0]}”一行应有 {len(columns)} 个数字，实际为 {len(values)} 个")
            continue
        for column, text in zip(columns, values, strict=True):
            cells.put(CellRef("table_a", key, column.key, column.kind), text)


_READERS = {"table_a": _read_table_a, "table_b": _read_table_b, "table_c": _read_table_c}
_TITLES = {section.title: section.key for section in SECTIONS}
_TITLE_RE = re.compile(rf"^(?P<agency>.*?)(?P<year>\d{{4}})\s*年度?\s*{REPORT_TITLE}$")


def _section_of(text: str) -> str | None:
    if len(text) > 60:
        return None
    return _TITLES.get(heading_title(text))


def assemble(blocks: list[Block], source: str = "<document>") -> ParsedDocument:
    """Build a report from a document's blocks."""
    cells = _Cells()
    title_lines: list[str] = []
    preamble: list[str] = []
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for block in blocks:
        if isinstance(block, TableBlock):
            kind = _kind_of_table(block.rows)
            if kind is None:
                cells.problems.append("文中有一个表格不是年度报告的三张表之一，已跳过")
            else:
                _READERS[kind](block.rows, cells)
            continue
        text = block.text.strip()
        if not text:
            continue
        key = _section_of(text)
        if key is not None and key not in sections:
            current = key
            sections[key] = [text]
        elif current is not None:
            sections[current].append(text)
        elif not preamble and (not title_lines or not title_lines[-1].endswith(REPORT_TITLE)) and len(text) < 80:
            title_lines.append(text)
        else:
            preamble.append(text)

    title = "".join(title_lines)
    match = _TITLE_RE.match(re.sub(r"\s+", "", title))
    agency = match.group("agency") if match else ""
    year = int(match.group("year")) if match else 0
    problems = list(cells.problems)
    if not match:
        problems.append(f"未能从标题“{title}”识别机关名称和年度")
    if FormatVersion.V2019 in cells.version_hints and FormatVersion.V2021 in cells.version_hints:
        problems.append("表格中同时出现2019年版和2021年版的标签，按2021年版读取")
    version = FormatVersion.V2019 if cells.version_hints == {FormatVersion.V2019} else FormatVersion.V2021

    report = Report.blank(agency, year, version)
    report.title = title
    report.preamble = "\n".join(preamble)
    report.sections = {key: "\n".join(lines) for key, lines in sections.items()}
    known = report.format.cells_by_name
    for name, value in cells.values.items():
        if name in known:
            report.set(name, value)
    return ParsedDocument(report, problems)
