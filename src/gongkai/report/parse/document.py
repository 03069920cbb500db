"""From a document's paragraphs and tables back to a report.

Readers for each file type (text, DOCX, HTML, PDF) turn a document into a stream of blocks: paragraphs of text,
tables as grids of cell texts where a position covered by a merged cell is `None`, and notes (findings a reader
made itself, such as an ambiguous split of run-together cells). This module recognises the title, the agency and
the year, the six sections by their headings (with the variants real reports use), and the three tables by their
labels, all taken from `gongkai.report.format`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gongkai.report.format import (
    APPLICANTS,
    FORMAT_2019,
    FORMAT_2021,
    LITIGATION,
    RECONSIDERATION,
    REPORT_TITLE,
    SECTIONS,
    TABLE_B_COLUMNS,
    CellKind,
    CellRef,
    Column,
    FormatVersion,
    ReportFormat,
)
from gongkai.report.layout import table_grid
from gongkai.report.model import AgencyLevel, Cell, Report
from gongkai.report.rules import Finding, Severity

GridRows = list[list[str | None]]


@dataclass
class Paragraph:
    text: str


@dataclass
class TableBlock:
    rows: GridRows


@dataclass
class Note:
    """What a reader found while reading: a finding (P1, an ambiguous split) or a problem, passed through."""

    finding: Finding | None = None
    problem: str = ""


@dataclass
class Meta:
    """Facts a reader found outside the body, e.g. a scraped page's 标题 and 发布时间 header lines."""

    title: str = ""
    published_on: dt.date | None = None


Block = Paragraph | TableBlock | Note | Meta


@dataclass
class ParsedDocument:
    report: Report
    problems: list[str] = field(default_factory=list)  # what could not be read, in Chinese
    findings: list[Finding] = field(default_factory=list)  # readers' own findings (P1)
    title_found: bool = False
    sections_found: int = 0
    cells_found: int = 0  # table cells read as numbers
    text_chars: int = 0  # characters of text found (0: nothing to read, e.g. a scanned PDF)
    image_pages: int = 0  # pages that are only pictures (a scanned PDF)
    picture_pages: tuple[int, ...] = ()  # pages (from 1) with a large picture: perhaps a table pasted in as one

    @property
    def looks_like_report(self) -> bool:
        """An annual report names itself in its title, or has most of the six sections, or the tables."""
        return self.cells_found > 0 or self.sections_found >= 4 or (self.title_found and self.sections_found >= 2)


_TRANSLATE = str.maketrans(
    {"(": "（", ")": "）", '"': "“", "”": "“", "＂": "“", "：": ":", "，": ",", "．": ".", "、": "、", "\u3000": " "}
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")


@lru_cache(maxsize=4096)
def normalise_label(text: str) -> str:
    """Compare labels as a reader sees them: no spaces or line breaks, one kind of bracket and quote."""
    return re.sub(r"\s+", "", text).translate(_TRANSLATE)


# Cells that mean "nothing to report" without a number; read as blank, never as 0.
_BLANK_MARKS = {"", "-", "—", "——", "/", "／", "\\", "无", "空"}


_AMOUNT = CellKind.AMOUNT  # looking an enum member up costs more than the rest of the common case below


# No count in a report has more digits; a longer run is not a number a person wrote (and past 4,300 digits Python's
# int() refuses it, which must not make the whole file unreadable).
_MAX_DIGITS = 15


def parse_number(text: str | None, kind: CellKind) -> tuple[Cell, bool]:
    """A cell's value and whether it was readable. A blank cell is (None, True)."""
    if text is None:
        return None, True
    if text.isdigit() and text.isascii() and len(text) <= _MAX_DIGITS and kind is not _AMOUNT:
        return int(text), True  # the common case, without the clean-up below
    return _parse_number(text, kind)


@lru_cache(maxsize=4096)
def _parse_number(text: str, kind: CellKind) -> tuple[Cell, bool]:
    cleaned = re.sub(r"[\s,，]", "", text.translate(_FULL_WIDTH_DIGITS))
    cleaned = cleaned.removesuffix("万元").removesuffix("元").removesuffix("件").removesuffix("个")
    if cleaned in _BLANK_MARKS:
        return None, True
    if kind is CellKind.AMOUNT:
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return None, False
        return (value, True) if value.is_finite() else (None, False)
    if re.fullmatch(rf"-?\d{{1,{_MAX_DIGITS}}}", cleaned):
        return int(cleaned), True
    return None, False


# -- labels -----------------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[）)、.]|\d+[.、．]|[（(]\d+[）)])")
_PARENTHETICAL = re.compile(r"（[^）]*）$")


def label_core(label: str) -> str:
    """A label without its numbering and a trailing note: "（二）部分公开（区分处理的…）" -> "部分公开"."""
    core = _NUMBERING.sub("", normalise_label(label), count=1)
    return _PARENTHETICAL.sub("", core) or core


class LabelIndex:
    """Row labels of one table, matched exactly first, then by their core, then by a shared prefix."""

    def __init__(self, labels: dict[str, str]):
        self.exact = {normalise_label(label): key for label, key in labels.items()}
        self.cores: dict[str, set[str]] = {}
        for label, key in labels.items():
            self.cores.setdefault(label_core(label), set()).add(key)

    def get(self, label: str | None) -> str | None:
        if not label or len(label) > 200:
            return None
        return self._get(label)

    @lru_cache(maxsize=4096)  # noqa: B019 - the indexes live as long as the module
    def _get(self, label: str) -> str | None:
        text = normalise_label(label)
        if text in self.exact:
            return self.exact[text]
        core = label_core(text)
        keys = self.cores.get(core)
        if keys and len(keys) == 1:
            return next(iter(keys))
        if len(core) < 4:
            return None
        # A shortened or lengthened wording: one core starting the other, and only one row fits.
        found = {
            k for c, ks in self.cores.items() if len(c) >= 4 and (c.startswith(core) or core.startswith(c)) for k in ks
        }
        return next(iter(found)) if len(found) == 1 else None


def _row_labels(fmt: ReportFormat, table_key: str) -> dict[str, str]:
    return {row.label: row.key for block in fmt.table(table_key).blocks for row in block.rows}


B_ROWS_2021 = LabelIndex(_row_labels(FORMAT_2021, "table_b"))
B_ROWS_2019 = LabelIndex(_row_labels(FORMAT_2019, "table_b"))
B_ROWS = LabelIndex({**_row_labels(FORMAT_2019, "table_b"), **_row_labels(FORMAT_2021, "table_b")})
A_ROWS_2021 = LabelIndex(_row_labels(FORMAT_2021, "table_a"))
A_ROWS_2019 = LabelIndex(_row_labels(FORMAT_2019, "table_a"))
_A_2021_COLUMNS = {
    normalise_label(column.label) for block in FORMAT_2021.table("table_a").blocks for column in block.columns
}
A_2019_ONLY = {
    normalise_label(column.label) for block in FORMAT_2019.table("table_a").blocks for column in block.columns
} - _A_2021_COLUMNS
# 2019 column labels that are not part of a 2021 label (处理决定数量 is inside 本年处理决定数量): safe to find in text.
A_2019_SIGNS = {label for label in A_2019_ONLY if not any(label in other for other in _A_2021_COLUMNS)}
_B_MARKERS = {normalise_label(label) for label in (APPLICANTS, TABLE_B_COLUMNS[0].label)}
_C_MARKERS = {normalise_label(label) for label in (RECONSIDERATION, LITIGATION)}
A_MARKER = FORMAT_2021.table("table_a").blocks[0].title[:4]  # 第二十条


def kind_of_table(rows: GridRows) -> str | None:
    texts = {normalise_label(cell) for row in rows for cell in row if cell}
    b_rows = sum(1 for text in texts if B_ROWS.get(text) is not None)
    if b_rows and (texts & _B_MARKERS or b_rows >= 3):
        return "table_b"
    if texts >= _C_MARKERS:
        return "table_c"
    if any(text.startswith(A_MARKER) for text in texts):
        return "table_a"
    return None


# Each row's cells as (machine name, kind), in column order, worked out once from the format: a report has
# about 200 cells, and naming each one as it is read was a large part of assembling.
_Targets = list[tuple[str, CellKind]]


def _row_targets(table: str, row: str, columns: tuple[Column, ...]) -> _Targets:
    return [(CellRef(table, row, column.key, column.kind).name, column.kind) for column in columns]


def _table_targets(fmt: ReportFormat, table_key: str) -> dict[str, _Targets]:
    table = fmt.table(table_key)
    return {row.key: _row_targets(table_key, row.key, block.columns) for block in table.blocks for row in block.rows}


_B_TARGETS = {**_table_targets(FORMAT_2019, "table_b"), **_table_targets(FORMAT_2021, "table_b")}
_A_TARGETS = {fmt.version: _table_targets(fmt, "table_a") for fmt in (FORMAT_2019, FORMAT_2021)}


class _Cells:
    """Cell values read so far, and what could not be read."""

    def __init__(self) -> None:
        self.values: dict[str, Cell] = {}
        self.problems: list[str] = []
        self.version_hints: set[FormatVersion] = set()
        self.a_version: FormatVersion | None = None

    def put_row(self, targets: _Targets, texts: list[str]) -> None:
        """A row's cell texts, read as numbers into the cells `targets` names."""
        values = self.values
        for (name, kind), text in zip(targets, texts, strict=True):
            value, ok = parse_number(text, kind)
            if not ok:
                self.problems.append(f"{name} 的内容“{text}”不是数字，按空白处理")
            if value is None and values.get(name) is not None:
                continue  # a repeated header row or page fragment must not blank a number read before
            values[name] = value


def _present(row: list[str | None]) -> list[str]:
    return [cell for cell in row if cell is not None]


def _read_table_b(rows: GridRows, cells: _Cells) -> bool:
    columns = TABLE_B_COLUMNS
    found = False
    for row in rows:
        present = _present(row)
        if len(present) < len(columns) + 1:
            continue
        # The label is the last text before the seven numbers (cells left empty beside it are skipped); a label
        # broken into two cells is joined.
        labels = [cell for cell in present[: -len(columns)] if cell.strip()]
        if not labels:
            continue
        key = B_ROWS.get(labels[-1])
        if key is None and len(labels) >= 2:
            key = B_ROWS.get(labels[-2] + labels[-1])
        if key is None:
            continue
        found = True
        if key == "other":
            cells.version_hints.add(FormatVersion.V2019)
        elif key.startswith("other_"):
            cells.version_hints.add(FormatVersion.V2021)
        cells.put_row(_B_TARGETS[key], present[-len(columns) :])
    return found


_C_REFS = [cell.ref for cell in table_grid(FORMAT_2021.table("table_c")).cells if cell.ref is not None]
_C_TARGETS = [(ref.name, ref.kind) for ref in _C_REFS]


def _read_table_c(rows: GridRows, cells: _Cells) -> bool:
    for row in reversed(rows):
        present = [cell for cell in row if cell is not None and cell.strip() != ""] or _present(row)
        if len(present) != len(_C_REFS):
            present = _present(row)
        if len(present) == len(_C_REFS) and all(parse_number(text, CellKind.COUNT)[1] for text in present):
            if not any(re.search(r"\d", text) for text in present):
                continue
            cells.put_row(_C_TARGETS, present)
            return True
    return False


def _read_table_a(rows: GridRows, cells: _Cells) -> bool:
    texts = {normalise_label(cell) for row in rows for cell in row if cell}
    if cells.a_version is None or texts & A_2019_ONLY:
        cells.a_version = FormatVersion.V2019 if texts & A_2019_ONLY else FormatVersion.V2021
    fmt = FORMAT_2019 if cells.a_version is FormatVersion.V2019 else FORMAT_2021
    cells.version_hints.add(fmt.version)
    labels = A_ROWS_2019 if fmt is FORMAT_2019 else A_ROWS_2021
    found = False
    for row in rows:
        present = _present(row)
        if not present:
            continue
        key = labels.get(present[0])
        if key is None:
            continue
        targets = _A_TARGETS[fmt.version][key]
        columns = len(targets)
        values = present[1:]
        if len(values) > columns and all(v.strip() == "" for v in values[columns:]):
            values = values[:columns]
        if len(values) != columns:
            cells.problems.append(f"“{present[0]}”一行应有 {columns} 个数字，实际为 {len(values)} 个")
            continue
        found = True
        cells.put_row(targets, values)
    return found


_READERS = {"table_a": _read_table_a, "table_b": _read_table_b, "table_c": _read_table_c}

# -- headings ---------------------------------------------------------------------------------------------------

_HEADING_NUMBER = r"(?:[一二三四五六][、.．,，\s]|[1-6１-６][、.．]|第[一二三四五六]部分[、:：\s]?)"
# Wordings real reports use beside the official titles of SECTIONS (older notices, typos such as 行政法复议);
# each is loose on purpose, and only counts right after a top-level number.
_HEADING_VARIANTS = {
    "1": r"(?:工作)?(?:基本|总体|整体)情况|概述",
    "2": r"主动公开(?:政府)?信息(?:的)?(?:基本)?情况",
    "3": r"收到(?:和|与|及)处理政府信息公开申请(?:的)?情况|依申请公开(?:政府信息)?(?:的)?情况",
    "4": r"(?:因)?政府信息公开[^。；\n]{0,12}?复议[^。；\n]{0,12}?诉讼[^。；\n]{0,4}?情况",
    "5": r"(?:政府信息公开)?(?:工作)?存在的?主要问题(?:及|和|与)(?:其)?改进(?:措施|情况)(?:及措施)?(?:情况)?",
    "6": r"其他需要报告的事项|其他事项",
}


def _heading_pattern(key: str) -> str:
    official = next(section.title for section in SECTIONS if section.key == key)
    loose = r"\s*".join(re.escape(char) for char in official)
    return rf"(?:{loose}|{_HEADING_VARIANTS[key]})"


# Other wordings still, recognised only after the section's own number ("五、存在的主要问题及整改措施"): the words
# that name the section's subject, in a short heading. S1 then reports the heading as differing, not the section
# as missing.
_NUMERALS = {section.key: section.numeral for section in SECTIONS}
_LOOSE_SUBJECTS = {
    "1": r"[^。；;，,\n]{0,8}?(?:总体情况|基本情况|总体概况|概况|概述|工作情况|整体情况)",
    "2": r"[^。；;，,\n]{0,8}?主动公开[^。；;，,\n]{0,12}?(?:工作(?:的)?情况|情况|工作)",
    "3": r"[^。；;，,\n]{0,12}?(?:依申请公开|公开申请|申请公开)[^。；;，,\n]{0,12}?(?:办理(?:的)?情况|情况|办理)",
    "4": r"[^。；;，,\n]{0,12}?(?:复议|诉讼)[^。；;，,\n]{0,12}?情况",
    "5": r"[^。；;，,\n]{0,10}?问题[^。；;，,\n]{0,16}?(?:措施|情况|举措|方向|计划|办法|思路)",
    "6": r"[^。；;，,\n]{0,6}?其他[^。；;，,\n]{0,10}?(?:事项|情况)",
}


def _own_number(key: str) -> str:
    numeral = _NUMERALS[key]
    return rf"(?:{numeral}[、.．,，\s]|{key}[、.．]|第{numeral}部分[、:：\s]?)"


HEADING_RES = {
    section.key: re.compile(
        rf"{_HEADING_NUMBER}\s*{_heading_pattern(section.key)}"
        rf"|{_own_number(section.key)}\s*{_LOOSE_SUBJECTS[section.key]}"
    )
    for section in SECTIONS
}
# In line-based documents a heading may also stand without its number (a styled heading whose number is a field).
_LINE_HEADING_RES = {
    key: re.compile(
        rf"^\s*(?:(?:{_HEADING_NUMBER}\s*)?{_heading_pattern(key)}|{_own_number(key)}\s*{_LOOSE_SUBJECTS[key]})[:：。]?"
    )
    for key in HEADING_RES
}


def match_heading(text: str) -> tuple[str, int] | None:
    """The section a line starts with and where its heading ends, or None."""
    if len(text) > 2000:
        text = text[:2000]
    for key, pattern in _LINE_HEADING_RES.items():
        match = pattern.match(text)
        if match is None:
            continue
        rest = text[match.end() :].strip()
        numbered = re.match(rf"\s*{_HEADING_NUMBER}", text) is not None
        # An unnumbered heading must stand alone on its line; a numbered one may run into its body.
        if numbered or not rest:
            return key, match.end()
    return None


# -- title, agency, year ----------------------------------------------------------------------------------------

_TITLE_KINDS = rf"{REPORT_TITLE}|政府信息公开年度报告|政务公开工作年度报告"
_TITLE_RE = re.compile(
    rf"(?P<agency>[\u4e00-\u9fff（）()·]{{2,40}}?)\s*(?P<year>20\d\d)\s*年\s*度?\s*(?P<kind>{_TITLE_KINDS})"
)
# The year and the kind of report that end every title. Looked for first: "20" is a literal the regex engine finds
# quickly, whereas the title itself starts with up to 40 characters tried at every position of a long paragraph.
_TITLE_END = re.compile(rf"20\d\d\s*年\s*度?\s*(?:{_TITLE_KINDS})")
# Titles the pattern above does not take: no agency in it ("2024年政府信息公开工作年度报告"), or the year after it
# ("某局政府信息公开工作年度报告（2024年度）"). A title is a short line of its own.
_BARE_TITLES = (
    re.compile(rf"^\s*(?P<year>20\d\d)\s*年\s*度?\s*(?:{_TITLE_KINDS})\s*$"),
    re.compile(
        rf"^\s*(?P<agency>[\u4e00-\u9fff（）()·]{{0,40}}?)\s*(?:{_TITLE_KINDS})\s*[（(]\s*(?P<year>20\d\d)\s*年?度?\s*[）)]\s*$"
    ),
    # The year first: "2024年度某局政府信息公开工作年度报告".
    re.compile(
        rf"^\s*(?P<year>20\d\d)\s*年\s*度?\s*(?P<agency>[\u4e00-\u9fff（）()·]{{2,40}}?)\s*(?:{_TITLE_KINDS})\s*$"
    ),
    # No year at all (the statistics period gives it): "某局政府信息公开工作年度报告".
    re.compile(rf"^\s*(?P<agency>[\u4e00-\u9fff（）()·]{{2,40}}?)\s*(?:{_TITLE_KINDS})\s*$"),
)


def _bare_title(text: str) -> tuple[str, int] | None:
    if len(text) > 80:
        return None
    for pattern in _BARE_TITLES:
        match = pattern.match(text)
        if match:
            year = match.groupdict().get("year")
            return (match.groupdict().get("agency") or ""), int(year) if year else 0
    return None


_PERIOD_YEAR = re.compile(
    r"(20\d\d)\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-|～|~)\s*(?:20\d\d\s*年\s*)?12\s*月\s*31"
)
_NAME = r"[\u4e00-\u9fff（）()]{2,40}?"
_AGENCY_PATTERNS = (
    re.compile(rf"汇总(?P<agency>{_NAME})(?:各有关单位|各单位|各部门|所属)"),
    re.compile(rf"(?P<agency>{_NAME})(?:编制|编写)(?:完成)?(?:了)?本(?:年度)?报告"),
    re.compile(rf"本(?:年度)?报告(?:由|是)(?P<agency>{_NAME})(?:根据|依据|按照|依照|编制|编写|负责|发布|汇总)"),
    re.compile(rf"[，,。]由(?P<agency>{_NAME})(?:负责)?(?:编制|编写)(?:而成)?[。，,]"),
)
# Looser places, taken only for a name that ends as an agency's does: a scraped page's header or a line under the
# title (发布机构：…), and the name printed beside the agency's 统一社会信用代码.
_AGENCY_LABELLED = (
    re.compile(
        rf"(?:发布机构|发文机关|公开主体|发布单位|编制单位|报告单位|单位名称|信息来源)[ \t\u3000]*[:：][ \t\u3000]*"
        rf"(?P<agency>{_NAME})(?=[\s，,。;；]|$)"
    ),
    re.compile(rf"(?P<agency>{_NAME})[ \t\u3000，,：:（(]*统一社会信用代码"),
)
_CREDIT_CODE = re.compile(r"统一社会信用代码\s*[:：为]?\s*([0-9A-HJ-NPQRTUWXY]{18})")
# What an agency's name ends with: a line that ends so, beside the title or over the date at the end, is its name.
_AGENCY_ENDINGS = (
    "人民政府",
    "办公室",
    "办公厅",
    "委员会",
    "管委会",
    "局",
    "厅",
    "委",
    "办",
    "院",
    "中心",
    "署",
    "部",
    "所",
    "站",
    "队",
    "处",
    "会",
    "馆",
    "街道办事处",
    "政府",
    "公司",
    "集团",
    "社",
    "室",
)
_DATE_LINE = re.compile(r"^\s*20\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")
_AGENCY_NOISE = re.compile(r"^(?:关于|印发|根据|按照|现将|公布|发布|首页|当前位置|本站|我)")
_GOVERNMENT_SUFFIXES = ("人民政府", "管委会", "管理委员会", "实验区", "新区", "开发区")
_REGION_SUFFIXES = ("省", "市", "区", "县", "旗", "州", "盟", "镇", "乡", "街道", "自治区", "自治州", "自治县")


def find_title(text: str) -> re.Match[str] | None:
    if _TITLE_END.search(text) is None:
        return None
    return _TITLE_RE.search(text)


def agency_level(agency: str) -> AgencyLevel:
    """A people's government (or a region's own report) publishes by 31 March, a department by 31 January."""
    if agency.endswith(_GOVERNMENT_SUFFIXES) or agency.endswith(_REGION_SUFFIXES):
        return AgencyLevel.GOVERNMENT
    return AgencyLevel.DEPARTMENT


def _clean_agency(agency: str) -> str:
    agency = re.sub(r"\s+", "", agency)
    # "关于印发…的通知": the name follows the verb; "…局关于2024年度…": the name comes before it.
    after = re.sub(r"^.*?(?:关于|印发|公布|发布)", "", agency)
    agency = after if len(after) >= 2 else re.sub(r"(?:关于|印发|公布|发布)+$", "", agency)
    return agency.strip("（）()·")


def _looks_like_agency(line: str) -> bool:
    line = re.sub(r"\s+", "", line)
    return (
        2 <= len(line) <= 40
        and re.fullmatch(r"[\u4e00-\u9fff（）()·]+", line) is not None
        and line.endswith(_AGENCY_ENDINGS)
        and not _AGENCY_NOISE.match(line)
        and match_heading(line) is None
    )


def _agency_beside(lines: list[str], index: int) -> str:
    """A title that does not name its agency: the short line just above or below it that does."""
    for near in (index - 1, index + 1, index + 2):
        if 0 <= near < len(lines) and _looks_like_agency(lines[near]):
            return re.sub(r"\s+", "", lines[near])
    return ""


def _agency_signed(lines: list[str]) -> str:
    """The agency that signs the report: a name on its own line over the date, at the end."""
    for index in range(len(lines) - 1, max(len(lines) - 6, 0) - 1, -1):
        if _DATE_LINE.match(lines[index]) and index > 0 and _looks_like_agency(lines[index - 1]):
            return re.sub(r"\s+", "", lines[index - 1])
    return ""


# -- assembling -------------------------------------------------------------------------------------------------


_PROSE_END = ("。", "；", "：", "！", "？", ":", ";")


def _only_text(row: list[str | None]) -> str | None:
    texts = [cell for cell in row if cell and cell.strip()]
    return texts[0] if len(texts) == 1 else None


def _is_prose(text: str | None) -> bool:
    """A paragraph, not a table's title or label: a section heading, a sentence, or long text that no table row has."""
    if text is None or B_ROWS.get(text) is not None:
        return False
    return match_heading(text) is not None or "。" in text or text.endswith(_PROSE_END) or len(text) >= 40


def prose_edges(rows: GridRows) -> tuple[int, int]:
    """How many rows at the top are paragraphs, and where the paragraphs at the bottom start."""
    first = 0
    while first < len(rows) and _is_prose(_only_text(rows[first])):
        first += 1
    last = len(rows)
    while last > first and _is_prose(_only_text(rows[last - 1])):
        last -= 1
    return first, last


def _numbered_only(sections: dict[str, list[str]]) -> dict[str, list[str]]:
    """A section missing by its wording, found by its number alone: in the section before it, a short line that
    starts with its own numeral ("五、工作打算"). Only where it is otherwise missing, so it never takes a heading
    from a section that was found."""
    if len(sections) == len(SECTIONS) or not sections:
        return sections
    out: dict[str, list[str]] = {}
    for key, lines in sections.items():
        out[key] = lines
        wanted = str(int(key) + 1)
        if wanted in sections or wanted not in _NUMERALS:
            continue
        start = re.compile(rf"^{_NUMERALS[wanted]}[、.．]\s*([^。；;:：]{{2,30}})(?:[。；;:：]|$)")
        for index, line in enumerate(lines[1:], 1):
            match = start.match(line)
            if match is not None:
                heading = line[: match.end(1)].strip()
                rest = line[match.end(1) :].lstrip("。；;:： ").strip()
                out[key] = lines[:index]
                out[wanted] = [heading, *([rest] if rest else []), *lines[index + 1 :]]
                break
    return out


def _order_finding(order: list[str], sections: dict[str, list[str]]) -> Finding | None:
    """S1 for sections out of order: which the document has where (known only from the document itself)."""
    if order == sorted(order):
        return None
    # The sections in their right order are the longest run that rises; the others are out of place.
    best: list[list[str]] = []
    for index, key in enumerate(order):
        before = [chain for chain in best[:index] if chain[-1] < key]
        best.append([*max(before, key=len, default=[]), key])
    keep = set(max(best, key=len))
    numerals = {section.key: section.numeral for section in SECTIONS}
    moved = [key for key in order if key not in keep]
    written = "、".join(numerals[key] for key in order)
    misplaced = "；".join(f"第{numerals[key]}部分“{sections[key][0]}”" for key in moved)
    return Finding(
        "S1",
        Severity.ERROR,
        f"各部分的顺序不对：原文依次为第{written}部分，应按一至六的顺序排列（位置不对的：{misplaced}）。",
        tuple(f"sections.{key}" for key in moved),
        {"order": order, "misplaced": moved},
    )


def _one_column(rows: GridRows) -> bool:
    return bool(rows) and all(sum(1 for cell in row if cell and cell.strip()) <= 1 for row in rows)


def _take_text(text: str, sections: dict[str, list[str]], current: str | None, before: list[str]) -> str | None:
    """A paragraph into the section it belongs to (a heading opens one); returns the section now open."""
    if not text:
        return current
    heading = match_heading(text)
    if heading is not None and heading[0] not in sections and len(text[: heading[1]]) <= 60:
        key, end = heading
        sections[key] = [text[:end].strip()]
        rest = text[end:].strip()
        if rest:
            sections[key].append(rest)
        return key
    if current is not None:
        sections[current].append(text)
    else:
        before.append(text)
    return current


def assemble(blocks: list[Block], source: str = "<document>") -> ParsedDocument:
    """Build a report from a document's blocks."""
    cells = _Cells()
    findings: list[Finding] = []
    before: list[str] = []  # paragraphs before the first section heading
    sections: dict[str, list[str]] = {}
    current: str | None = None
    meta = Meta()
    last_kind: str | None = None
    skipped_tables = 0
    reader_problems: list[str] = []
    for block in blocks:
        if isinstance(block, Note):
            if block.finding is not None:
                findings.append(block.finding)
            if block.problem:
                reader_problems.append(block.problem)
            continue
        if isinstance(block, Meta):
            meta = block
            continue
        if isinstance(block, TableBlock):
            # A heading or paragraph that shares the table's grid (a frame drawn round it, a title row): text.
            first, last = prose_edges(block.rows)
            for row in block.rows[:first]:
                for line in (line for cell in row if cell for line in cell.splitlines()):
                    current = _take_text(line.strip(), sections, current, before)
            if first == len(block.rows):
                continue  # all of it was text
            trailing = block.rows[last:]
            if first or trailing:
                block = TableBlock(block.rows[first:last])
            kind = kind_of_table(block.rows)
            if kind is not None:
                _READERS[kind](block.rows, cells)
                last_kind = kind
            elif last_kind is not None and last_kind != "table_c" and _READERS[last_kind](block.rows, cells):
                pass  # the rest of a table that broke across pages, without its header
            elif last_kind == "table_b" and _read_table_c(block.rows, cells):
                last_kind = "table_c"
            elif _one_column(block.rows):
                # A frame drawn round paragraphs (a one-column "table" of prose): its text is the report's text.
                for line in (line for row in block.rows for cell in row if cell for line in cell.splitlines()):
                    current = _take_text(line.strip(), sections, current, before)
            else:
                skipped_tables += 1
            for row in trailing:
                for line in (line for cell in row if cell for line in cell.splitlines()):
                    current = _take_text(line.strip(), sections, current, before)
            continue
        current = _take_text(block.text.strip(), sections, current, before)

    sections = _numbered_only(sections)
    order = _order_finding(list(sections), sections)
    if order is not None:
        findings.append(order)
    problems = reader_problems + cells.problems
    if skipped_tables:
        problems.append(f"文中有 {skipped_tables} 个表格不是年度报告的三张表之一，已跳过")

    # The title: the header's, else the first paragraph before the sections that names the report (a title broken
    # over two or three short lines is joined first).
    title_match = find_title(meta.title) if meta.title else None
    title, title_index = (meta.title.strip(), -1) if title_match else ("", -1)
    if title_match is None:
        for index, text in enumerate(before[:80]):
            joined = "".join(before[index : index + 3]) if len(text) < 40 else text
            match = find_title(text) or (find_title(joined) if joined != text else None)
            if match:
                title_match, title_index = match, index
                title = text if find_title(text) else joined
                break
    agency = _clean_agency(title_match.group("agency")) if title_match else ""
    year = int(title_match.group("year")) if title_match else 0
    title_found = title_match is not None
    if not title_found:
        for index, text in enumerate(before[:80]):
            bare = _bare_title(text)
            if bare is None and len(text) <= 8 and index + 1 < len(before):
                bare = _bare_title(text + before[index + 1])  # "2024年度" over "某局政府信息公开工作年度报告"
            if bare is not None:
                title, title_index, title_found = text, index, True
                agency, year = _clean_agency(bare[0]), bare[1]
                break
    if title_found and not agency and title_index >= 0:
        agency = _agency_beside(before, title_index)
    lines_all = before + [line for lines in sections.values() for line in lines]
    narrative = "\n".join(lines_all)
    if not year:
        period = _PERIOD_YEAR.search(narrative[:20000])
        if period:
            year = int(period.group(1))
    head = narrative[:20000]
    if not agency:
        for pattern in _AGENCY_PATTERNS:
            match = pattern.search(head)
            if match and not _AGENCY_NOISE.match(match.group("agency")):
                agency = _clean_agency(match.group("agency"))
                break
    if not agency:
        for pattern in _AGENCY_LABELLED:
            found = next(
                (m.group("agency") for m in pattern.finditer(head) if _looks_like_agency(m.group("agency"))), ""
            )
            if found:
                agency = _clean_agency(found)
                break
    if not agency:
        agency = _agency_signed(lines_all)
    if not agency:
        code = _CREDIT_CODE.search(narrative)
        problems.append(
            f"未能识别机关名称（报告中印有统一社会信用代码 {code.group(1)}）" if code else "未能识别机关名称"
        )
    if not year:
        problems.append("未能识别报告年度")

    if FormatVersion.V2019 in cells.version_hints and FormatVersion.V2021 in cells.version_hints:
        problems.append("表格中同时出现2019年版和2021年版的标签，按2021年版读取")
    version = FormatVersion.V2019 if cells.version_hints == {FormatVersion.V2019} else FormatVersion.V2021

    report = Report.blank(agency, year, version)
    report.title = title
    report.agency_level = agency_level(agency)
    report.published_on = meta.published_on
    preamble = before[title_index + 1 :] if title_index >= 0 else before
    report.preamble = "\n".join(line for line in preamble if line != title)
    report.sections = {key: "\n".join(lines) for key, lines in sections.items()}
    known = report.format.cells_by_name
    tables = {"table_a": report.table_a, "table_b": report.table_b, "table_c": report.table_c}
    found = 0
    for name, value in cells.values.items():
        ref = known.get(name)
        if ref is not None:
            tables[ref.table][ref.row][ref.column] = value  # a blank report has every cell of its format
            found += value is not None
    for finding in findings:
        for name in finding.cells:
            if name in known:
                report.set(name, None)
    return ParsedDocument(
        report,
        problems,
        findings,
        title_found=title_found,
        sections_found=len(sections),
        cells_found=found,
        text_chars=sum(len(line) for line in before) + sum(len(line) for lines in sections.values() for line in lines),
    )
