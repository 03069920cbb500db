"""The annual report as data.

A report is its agency, year and format version, the text of its six sections, and tables A, B and C. Table cells
hold whole numbers, a `Decimal` for an amount (table A's fee amount, in 万元), and `None` for a cell the source left
blank or that could not be read, never a guessed 0.

Each section's text starts with its heading line as the report wrote it (so a parsed report keeps "3、" where it
used that), followed by the body. JSON uses the machine names of FORMAT.md; `json_schema()` publishes its shape and
`report_from_dict()` checks input against it, naming the offending cell in Chinese.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from gongkai.report.format import (
    REPORT_TITLE,
    SECTIONS,
    TABLE_KEYS,
    CellKind,
    CellRef,
    FormatVersion,
    ReportFormat,
    get_format,
)

Number = int | Decimal
Cell = Number | None
TableData = dict[str, dict[str, Cell]]

# The 条例 (国务院令第492号) took effect on 2008-05-01; there are no annual reports before 2008.
FIRST_REPORT_YEAR = 2008


class AgencyLevel(StrEnum):
    """Who publishes the report decides its deadline (条例第49条)."""

    DEPARTMENT = "department"  # 政府部门: by 31 January
    GOVERNMENT = "government"  # 县级以上人民政府: by 31 March


class ReportDataError(ValueError):
    """A report's data cannot be read; `problems` lists each one, naming the cell."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "；".join(problems))


@dataclass
class Report:
    agency: str
    year: int
    format_version: FormatVersion = FormatVersion.V2021
    sections: dict[str, str] = field(default_factory=dict)
    table_a: TableData = field(default_factory=dict)
    table_b: TableData = field(default_factory=dict)
    table_c: TableData = field(default_factory=dict)
    title: str = ""
    preamble: str = ""
    published_on: dt.date | None = None
    agency_level: AgencyLevel = AgencyLevel.DEPARTMENT
    # A section written in the editor: its sanitised HTML body (after the heading), by section key. `sections` then
    # holds `richtext.text_of()` of it, which is what the rules read; the renderers lay out the HTML's blocks.
    sections_html: dict[str, str] = field(default_factory=dict)

    @classmethod
    def blank(cls, agency: str, year: int, version: str | FormatVersion = FormatVersion.V2021) -> Report:
        """A report with every section heading and every table cell present, all cells `None`."""
        fmt = get_format(version)
        report = cls(agency=agency, year=year, format_version=fmt.version)
        report.sections = {section.key: section.heading for section in SECTIONS}
        for table in fmt.tables:
            data: TableData = getattr(report, table.key)
            for ref in table.cells:
                data.setdefault(ref.row, {})[ref.column] = None
        return report

    @property
    def format(self) -> ReportFormat:
        return get_format(self.format_version)

    def table(self, key: str) -> TableData:
        if key not in TABLE_KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def get(self, name: str) -> Cell:
        """The value of a cell by its machine name, e.g. `table_b.granted.total`."""
        table, row, column = name.split(".")
        return self.table(table).get(row, {}).get(column)

    def set(self, name: str, value: Cell) -> None:
        table, row, column = name.split(".")
        self.table(table).setdefault(row, {})[column] = value

    def cells(self) -> Iterator[tuple[CellRef, Cell]]:
        tables = {"table_a": self.table_a, "table_b": self.table_b, "table_c": self.table_c}
        empty: dict[str, Cell] = {}
        for ref in self.format.cells:
            yield ref, tables[ref.table].get(ref.row, empty).get(ref.column)

    def section_heading(self, key: str) -> str:
        return split_section(self.sections.get(key) or "")[0]

    def section_body(self, key: str) -> str:
        return split_section(self.sections.get(key) or "")[1]

    @property
    def full_title(self) -> str:
        return self.title or f"{self.agency}{self.year}年{REPORT_TITLE}"

    def narrative(self) -> str:
        """All the report's prose, in order: preamble and the six sections."""
        return "\n".join([self.preamble, *(self.sections.get(s.key) or "" for s in SECTIONS)])

    # -- JSON ---------------------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        fmt = self.format
        out: dict[str, Any] = {
            "agency": self.agency,
            "year": self.year,
            "format_version": str(self.format_version),
            "agency_level": str(self.agency_level),
            "title": self.title,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "preamble": self.preamble,
            "sections": {s.key: self.sections.get(s.key) for s in SECTIONS},
        }
        if self.sections_html:
            out["sections_html"] = {s.key: self.sections_html[s.key] for s in SECTIONS if s.key in self.sections_html}
        for table in fmt.tables:
            data = self.table(table.key)
            out[table.key] = {
                row: {column.key: data.get(row, {}).get(column.key) for column in table.columns_of(row)}
                for row in table.row_keys()
            }
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, default=_json_default) + "\n"

    def save(self, path: str | os.PathLike[str]) -> None:
        write_atomically(Path(path), self.to_json().encode("utf-8"))


def split_section(text: str) -> tuple[str, str]:
    heading, _, body = text.strip("\n").partition("\n")
    return heading.strip(), body.strip("\n")


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        # A JSON number, as FORMAT.md requires; amounts have far fewer than 15 significant digits.
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that it is either whole or absent: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- JSON Schema ----------------------------------------------------------------------------------------------

_CELL_SCHEMAS = {
    CellKind.COUNT: {"type": ["integer", "null"], "minimum": 0},
    CellKind.SIGNED_COUNT: {"type": ["integer", "null"]},
    CellKind.AMOUNT: {"type": ["number", "null"], "minimum": 0},
}


def _table_schema(fmt: ReportFormat, table_key: str) -> dict[str, Any]:
    table = fmt.table(table_key)
    rows = {}
    for block in table.blocks:
        for row in block.rows:
            columns = {
                column.key: {
                    **_CELL_SCHEMAS[column.kind],
                    "description": " / ".join((*row.path, *column.path))
                    + (f"（{column.unit}）" if column.unit and column.unit not in column.label else ""),
                }
                for column in block.columns
            }
            rows[row.key] = {
                "type": "object",
                "description": " / ".join(row.path),
                "properties": columns,
                "required": list(columns),
                "additionalProperties": False,
            }
    return {
        "type": "object",
        "description": table.caption,
        "properties": rows,
        "required": list(rows),
        "additionalProperties": False,
    }


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report, generated from the format description."""
    by_version = {
        version: {key: _table_schema(get_format(version), key) for key in TABLE_KEYS} for version in FormatVersion
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gongkai.example/schema/annual-report.json",
        "title": "政府信息公开工作年度报告",
        "description": "gongkai 年度报告数据格式。表格单元格使用 FORMAT.md 中的机器名；空白或无法识别的单元格为 null。",
        "type": "object",
        "required": ["agency", "year", "format_version", "sections", *TABLE_KEYS],
        "additionalProperties": False,
        "properties": {
            "agency": {"type": "string", "minLength": 1, "description": "机关名称（按报告原文）"},
            "year": {"type": "integer", "minimum": FIRST_REPORT_YEAR, "description": "报告年度"},
            "format_version": {"enum": [str(v) for v in FormatVersion], "description": "报告格式版本"},
            "agency_level": {
                "enum": [str(level) for level in AgencyLevel],
                "description": "department：政府部门（1月31日前公布）；government：县级以上人民政府（3月31日前公布）",
            },
            "title": {"type": "string", "description": "报告标题（按原文）"},
            "published_on": {
                "type": ["string", "null"],
                "pattern": r"^\d{4}-\d{2}-\d{2}$",
                "description": "公布日期",
            },
            "preamble": {"type": "string", "description": "标题之后、第一部分之前的说明文字"},
            "sections": {
                "type": "object",
                "description": '六个部分的文字，键为 "1"-"6"，每段以原文标题行开头',
                "propertyNames": {"enum": [s.key for s in SECTIONS]},
                "additionalProperties": {"type": ["string", "null"]},
            },
            "sections_html": {
                "type": "object",
                "description": "在编辑器中写的部分：标题行之后正文的 HTML（sections 中为其文字）",
                "propertyNames": {"enum": [s.key for s in SECTIONS]},
                "additionalProperties": {"type": "string"},
            },
            **{key: {"type": "object"} for key in TABLE_KEYS},
        },
        "allOf": [
            {
                "if": {"properties": {"format_version": {"const": str(version)}}},
                "then": {"properties": tables},
            }
            for version, tables in by_version.items()
        ],
    }


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


def _cell_name(path: list[Any]) -> str:
    return ".".join(str(p) for p in path) or "（顶层）"


def _explain(error: Any) -> str:
    """One schema violation, in words a civil servant understands, naming the cell."""
    name = _cell_name(list(error.absolute_path))
    value = error.instance
    if error.validator == "required":
        present = set(value) if isinstance(value, dict) else set()
        missing = "、".join(k for k in error.validator_value if k not in present)
        return f"{name} 缺少 {missing}"
    if error.validator == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        unknown = "、".join(sorted(str(k) for k in value if k not in known))
        return f"{name} 含有未知的项 {unknown}"
    if "propertyNames" in error.absolute_schema_path:
        return f'sections 含有未知的部分 {value!r}（应为 "1"-"6"）'
    if error.validator == "minimum":
        return f"{name} 为负数或过小（{_show(value)}），应不小于 {error.validator_value}"
    if error.validator == "type":
        expected = error.validator_value
        if isinstance(expected, list):
            expected = next(t for t in expected if t != "null")
        wanted = {"integer": "整数", "number": "数字", "string": "文字", "object": "对象"}.get(expected, expected)
        return f"{name} 应为{wanted}，实际为 {_show(value)}"
    if error.validator in ("enum", "const"):
        return f"{name} 的值 {_show(value)} 无效，可选值：{error.validator_value}"
    if error.validator == "pattern":
        return f"{name} 的值 {_show(value)} 格式不对（应为 YYYY-MM-DD）"
    if error.validator == "minLength":
        return f"{name} 不能为空"
    return f"{name}：{error.message}"


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def report_from_dict(data: object, source: str = "<report>", today: dt.date | None = None) -> Report:
    """Build a report from JSON data, or raise ReportDataError listing every problem with its cell."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    # jsonschema reports a missing property once per name; dict.fromkeys keeps one message, in order.
    problems = list(dict.fromkeys(_explain(e) for e in errors if e.validator not in ("if", "allOf")))
    if problems:
        raise ReportDataError(source, problems[:20] + ([f"等共 {len(problems)} 处问题"] if len(problems) > 20 else []))
    assert isinstance(data, Mapping)
    today = today or dt.date.today()
    if data["year"] > today.year:
        raise ReportDataError(source, [f"year 为 {data['year']} 年，晚于今年（{today.year}年），不能为将来的年度"])
    published_on = None
    if data.get("published_on"):
        try:
            published_on = dt.date.fromisoformat(data["published_on"])
        except ValueError:
            raise ReportDataError(source, [f"published_on 的日期 “{data['published_on']}” 不存在"]) from None
    fmt = get_format(data["format_version"])
    report = Report(
        agency=data["agency"],
        year=data["year"],
        format_version=fmt.version,
        sections={k: v for k, v in data["sections"].items() if v is not None},
        sections_html=dict(data.get("sections_html") or {}),
        title=data.get("title", ""),
        preamble=data.get("preamble", ""),
        published_on=published_on,
        agency_level=AgencyLevel(data.get("agency_level", AgencyLevel.DEPARTMENT)),
    )
    for ref in fmt.cells:
        value = data[ref.table][ref.row][ref.column]
        if value is not None:
            value = Decimal(value) if ref.kind is CellKind.AMOUNT else int(value)
        report.table(ref.table).setdefault(ref.row, {})[ref.column] = value
    return report


def report_from_json(text: str | bytes, source: str = "<report>", today: dt.date | None = None) -> Report:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ReportDataError(source, [f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）"]) from None
    except UnicodeDecodeError:
        raise ReportDataError(source, ["文件不是 UTF-8 编码的文本"]) from None
    return report_from_dict(data, source, today)


def load_report(path: str | os.PathLike[str], today: dt.date | None = None) -> Report:
    """Read a report JSON file; every failure is a ReportDataError naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportDataError(str(path), ["文件不存在"]) from None
    except IsADirectoryError:
        raise ReportDataError(str(path), ["这是一个文件夹，不是报告文件"]) from None
    except OSError as exc:
        raise ReportDataError(str(path), [f"无法读取（{exc.strerror}）"]) from None
    return report_from_json(raw, str(path), today)
