"""The rules a correct annual report satisfies (FORMAT.md, "Rules a correct report satisfies").

Hard rules (B1 B2 B3 C1 N1 Y1 S1 V1) are errors; soft rules (Y2 T1 T2 T3 T4 D1 D2) are warnings shown with their
evidence. Every rule is a function of the report (and last year's, where it compares years) returning findings;
`check_report()` runs them all. A cell that is `None` (blank or unreadable) is not compared: the reader that left it
blank has already said why, and a guessed 0 would invent an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from gongkai.report.format import (
    APPLICANT_COLUMN_KEYS,
    C_GROUPS,
    C_RESULTS,
    FIRST_YEAR_OF_2021_FORMAT,
    SECTIONS,
    TABLE_B_COLUMNS,
    TABLE_KEYS,
    CellKind,
    FormatVersion,
    get_format,
    result_row_keys,
)
from gongkai.report.model import AgencyLevel, Report
from gongkai.report.narrative import TOPICS, read_statements


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    cells: tuple[str, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "cells": list(self.cells),
            "evidence": self.evidence,
        }


Check = Callable[[Report, Report | None], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str  # what the rule asks, in Chinese
    check: Check


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, title: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, title, check)
        return check

    return register


def check_report(report: Report, previous: Report | None = None) -> list[Finding]:
    """Run every rule. `previous` is the same agency's report for the year before, when known."""
    if previous is not None and previous.year != report.year - 1:
        previous = None  # rules across years compare consecutive years only
    findings: list[Finding] = []
    for r in RULES.values():
        findings.extend(r.check(report, previous))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


# -- helpers ----------------------------------------------------------------------------------------------------


def _column_name(column) -> str:
    # 其他 is named twice in table B (an organisation kind, and 其他 applicants): the organisation's names its group.
    return "—".join(column.path[-2:]) if column.key == "other_org" else column.label


_COLUMN_NAMES = {column.key: _column_name(column) for column in TABLE_B_COLUMNS}


def _b(report: Report, row: str, column: str) -> Any:
    return report.table_b.get(row, {}).get(column)


def _row_label(report: Report, table: str, row: str) -> str:
    fmt = report.format
    for block in fmt.table(table).blocks:
        for r in block.rows:
            if r.key == row:
                return r.label
    return row


def _is_number(value: Any) -> bool:
    # `type() is` rather than isinstance: bool is an int subclass and must not count as a number here.
    return type(value) is int or type(value) is Decimal


def _all_numbers(values: list[Any]) -> bool:
    for value in values:
        kind = type(value)
        if kind is not int and kind is not Decimal:
            return False
    return True


_EMPTY: dict[str, Any] = {}


def _numbers(values: Iterable[Any]) -> list[int | Decimal] | None:
    """The values if every one is a number, else None (a blank cell stops the comparison)."""
    out = list(values)
    for value in out:
        if not _is_number(value):
            return None
    return out


# -- table B ----------------------------------------------------------------------------------------------------


@rule("B1", Severity.ERROR, "表格“收到和处理政府信息公开申请情况”中，每一列：一 + 二 = （七）总计 + 四")
def check_b1(report: Report, previous: Report | None) -> Iterable[Finding]:
    for column in _COLUMN_NAMES:
        names = ("new_received", "carried_over", "total_processed", "carried_forward")
        values = _numbers(_b(report, row, column) for row in names)
        if values is None:
            continue
        new, carried, processed, forward = values
        if new + carried != processed + forward:
            yield Finding(
                "B1",
                Severity.ERROR,
                f"“{_COLUMN_NAMES[column]}”列勾稽关系不成立：一、本年新收（{new}）+ 二、上年结转（{carried}）"
                f"= {new + carried}，而（七）总计（{processed}）+ 四、结转下年度（{forward}）= {processed + forward}。",
                tuple(f"table_b.{row}.{column}" for row in names),
                {"left": new + carried, "right": processed + forward},
            )


@rule("B2", Severity.ERROR, "（七）总计等于各项办理结果之和")
def check_b2(report: Report, previous: Report | None) -> Iterable[Finding]:
    result_keys = result_row_keys(report.format_version)
    results = [report.table_b.get(row, _EMPTY) for row in result_keys]
    totals = report.table_b.get("total_processed", _EMPTY)
    for column in _COLUMN_NAMES:
        values = [cells.get(column) for cells in results]
        total = totals.get(column)
        if not _all_numbers(values) or not _is_number(total):
            continue
        if sum(values) != total:
            yield Finding(
                "B2",
                Severity.ERROR,
                f"“{_COLUMN_NAMES[column]}”列的（七）总计为 {total}，但各项办理结果相加为 {sum(values)}。",
                (f"table_b.total_processed.{column}", *(f"table_b.{row}.{column}" for row in result_keys)),
                {"total": total, "sum": sum(values)},
            )


@rule("B3", Severity.ERROR, "每一行的“总计”等于六类申请人之和")
def check_b3(report: Report, previous: Report | None) -> Iterable[Finding]:
    for row in report.format.table("table_b").row_keys():
        cells = report.table_b.get(row, _EMPTY)
        values = [cells.get(column) for column in APPLICANT_COLUMN_KEYS]
        total = cells.get("total")
        if not _all_numbers(values) or not _is_number(total):
            continue
        if sum(values) != total:
            yield Finding(
                "B3",
                Severity.ERROR,
                f"“{_row_label(report, 'table_b', row)}”一行的总计为 {total}，但各类申请人相加为 {sum(values)}。",
                (f"table_b.{row}.total", *(f"table_b.{row}.{column}" for column in APPLICANT_COLUMN_KEYS)),
                {"total": total, "sum": sum(values)},
            )


# -- table C ----------------------------------------------------------------------------------------------------

_C_PARTS = tuple(result for result, _ in C_RESULTS if result != "total")
_C_PART_LABELS = "、".join(label for result, label in C_RESULTS if result != "total")


@rule("C1", Severity.ERROR, "行政复议、行政诉讼每组的总计等于维持、纠正、其他、尚未审结之和")
def check_c1(report: Report, previous: Report | None) -> Iterable[Finding]:
    for group, path in C_GROUPS:
        cells = report.table_c.get(group, {})
        values = _numbers(cells.get(result) for result in _C_PARTS)
        total = cells.get("total")
        if values is None or _numbers([total]) is None:
            continue
        if sum(values) != total:
            yield Finding(
                "C1",
                Severity.ERROR,
                f"“{'—'.join(path)}”的总计为 {total}，但{_C_PART_LABELS}相加为 {sum(values)}。",
                (f"table_c.{group}.total", *(f"table_c.{group}.{result}" for result in _C_PARTS)),
                {"total": total, "sum": sum(values)},
            )


# -- every cell -------------------------------------------------------------------------------------------------


@rule("N1", Severity.ERROR, "每个单元格是非负整数（收费金额为非负数，单位万元）")
def check_n1(report: Report, previous: Report | None) -> Iterable[Finding]:
    # Fast path: a table whose every cell is a non-negative int (or blank) needs no per-cell look at its kind;
    # only a table holding something else is walked cell by cell with the format's kinds.
    suspect = set()
    for key in TABLE_KEYS:
        for cells in report.table(key).values():
            for value in cells.values():
                if value is not None and (type(value) is not int or value < 0):
                    suspect.add(key)
                    break
            if key in suspect:
                break
    for ref in (ref for key in suspect for ref in report.format.table(key).cells):
        value = report.table(ref.table).get(ref.row, _EMPTY).get(ref.column)
        if value is None:
            continue
        kind = ref.kind
        if kind is CellKind.COUNT:
            if type(value) is int and value >= 0:
                continue
            wanted = "非负整数"
        elif kind is CellKind.AMOUNT:
            if _is_number(value) and value >= 0:
                continue
            wanted = "非负数"
        else:
            if type(value) is int:
                continue
            wanted = "整数"
        yield Finding(
            "N1",
            Severity.ERROR,
            f"“{_row_label(report, ref.table, ref.row)}”的单元格 {ref.name} 为 {value}，应为{wanted}。",
            (ref.name,),
            {"value": str(value)},
        )


# -- across years -----------------------------------------------------------------------------------------------


@rule("Y1", Severity.ERROR, "本年“上年结转”等于上年报告的“结转下年度继续办理”")
def check_y1(report: Report, previous: Report | None) -> Iterable[Finding]:
    if previous is None:
        return
    for column in _COLUMN_NAMES:
        now, before = _b(report, "carried_over", column), _b(previous, "carried_forward", column)
        if _numbers([now, before]) is None:
            continue
        if now != before:
            yield Finding(
                "Y1",
                Severity.ERROR,
                f"“{_COLUMN_NAMES[column]}”列：本年报告的上年结转为 {now}，"
                f"但{previous.year}年报告的结转下年度继续办理为 {before}。",
                (f"table_b.carried_over.{column}",),
                {"this_year": now, "last_year_carried_forward": before, "last_year": previous.year},
            )


@rule("Y2", Severity.WARNING, "上年现行有效 + 本年制发 − 本年废止 = 本年现行有效")
def check_y2(report: Report, previous: Report | None) -> Iterable[Finding]:
    if previous is None or FormatVersion.V2019 in (report.format_version, previous.format_version):
        return
    for row in ("regulations", "normative_documents"):
        now = report.table_a.get(row, {})
        values = _numbers([previous.table_a.get(row, {}).get("in_force"), now.get("issued"), now.get("repealed")])
        in_force = now.get("in_force")
        if values is None or _numbers([in_force]) is None:
            continue
        before, issued, repealed = values
        expected = before + issued - repealed
        if expected != in_force:
            yield Finding(
                "Y2",
                Severity.WARNING,
                f"“{_row_label(report, 'table_a', row)}”：上年现行有效 {before} + 本年制发 {issued} − 本年废止 "
                f"{repealed} = {expected}，但本年现行有效为 {in_force}（如有修订或清理，请在报告中说明）。",
                (f"table_a.{row}.in_force", f"table_a.{row}.issued", f"table_a.{row}.repealed"),
                {"expected": expected, "in_force": in_force, "last_year_in_force": before},
            )


# -- sections ---------------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]+[）)]?|\d+|[（(]\d+[）)])\s*[、.．,，:：]?\s*")


def heading_title(heading: str) -> str:
    """A heading without its numbering and spaces: "3、 收到和处理…" -> "收到和处理…"."""
    return re.sub(r"\s+", "", _NUMBERING.sub("", heading, count=1))


@rule("S1", Severity.ERROR, "六个部分齐全、顺序正确、标题与官方格式一致")
def check_s1(report: Report, previous: Report | None) -> Iterable[Finding]:
    titles = {section.title: section for section in SECTIONS}
    for section in SECTIONS:
        heading = report.section_heading(section.key)
        cell = (f"sections.{section.key}",)
        if not heading:
            yield Finding("S1", Severity.ERROR, f"缺少第{section.numeral}部分“{section.heading}”。", cell)
            continue
        title = heading_title(heading)
        if title == section.title:
            continue
        if title in titles:
            other = titles[title]
            message = f"第{section.numeral}部分的位置上是“{heading}”，应为“{section.heading}”（顺序不对）。"
            evidence = {"heading": heading, "expected": section.heading, "belongs_to": other.key}
        else:
            message = f"第{section.numeral}部分的标题“{heading}”与官方格式不一致，应为“{section.heading}”。"
            evidence = {"heading": heading, "expected": section.heading}
        yield Finding("S1", Severity.ERROR, message, cell, evidence)


@rule("T4", Severity.WARNING, "各部分标题统一以“一、”至“六、”编号")
def check_t4(report: Report, previous: Report | None) -> Iterable[Finding]:
    for section in SECTIONS:
        heading = report.section_heading(section.key)
        if heading and not heading.startswith(f"{section.numeral}、"):
            yield Finding(
                "T4",
                Severity.WARNING,
                f"第{section.numeral}部分标题“{heading}”的编号与其他部分不一致，应以“{section.numeral}、”开头。",
                (f"sections.{section.key}",),
                {"heading": heading, "expected_prefix": f"{section.numeral}、"},
            )


@rule("V1", Severity.ERROR, "2021年度及以后的报告使用2021年版表格")
def check_v1(report: Report, previous: Report | None) -> Iterable[Finding]:
    if report.year >= FIRST_YEAR_OF_2021_FORMAT and report.format_version is not FormatVersion.V2021:
        notice = get_format(FormatVersion.V2021).notice
        yield Finding(
            "V1",
            Severity.ERROR,
            f"{report.year}年度报告使用了{report.format_version}年试行格式，应使用{notice}规定的2021年版格式。",
            ("format_version",),
            {"year": report.year, "format_version": str(report.format_version)},
        )


# -- narrative --------------------------------------------------------------------------------------------------


def _table_value(report: Report, topic: str) -> tuple[Any, tuple[str, ...]]:
    """The table's value for a narrative topic, and the cells it comes from."""

    def b_sum(prefix: str) -> tuple[Any, tuple[str, ...]]:
        rows = [row for row in result_row_keys(report.format_version) if row.startswith(prefix)]
        values = _numbers(_b(report, row, "total") for row in rows)
        return (sum(values) if values is not None else None), tuple(f"table_b.{row}.total" for row in rows)

    if topic in ("new_received", "total_processed", "granted", "partially_granted", "carried_forward"):
        return _b(report, topic, "total"), (f"table_b.{topic}.total",)
    if topic in ("withheld", "unavailable", "not_processed"):
        return b_sum(topic + "_")
    if topic == "reconsideration":
        return report.table_c.get("reconsideration", {}).get("total"), ("table_c.reconsideration.total",)
    if topic == "litigation":
        groups = ("litigation_direct", "litigation_after_reconsideration")
        values = _numbers(report.table_c.get(group, {}).get("total") for group in groups)
        return (sum(values) if values is not None else None), tuple(f"table_c.{g}.total" for g in groups)
    if topic == "normative_in_force" and report.format_version is FormatVersion.V2021:
        return report.table_a.get("normative_documents", {}).get("in_force"), ("table_a.normative_documents.in_force",)
    return None, ()


def _received_with_carried_over(report: Report) -> Any:
    values = _numbers([_b(report, "new_received", "total"), _b(report, "carried_over", "total")])
    return sum(values) if values is not None and values[1] else None


@rule("T1", Severity.WARNING, "正文所述数字与表格一致，前后一致")
def check_t1(report: Report, previous: Report | None) -> Iterable[Finding]:
    statements = read_statements(report.narrative())
    first_said: dict[str, Any] = {}
    for statement in statements:
        what = TOPICS[statement.topic]
        if statement.topic == "proactive_total":
            # Sub-totals of one area ("全年共发布信息68条") are common, so totals are checked only against their
            # own breakdown, not against each other.
            if statement.breakdown:
                listed = sum(n for _, n in statement.breakdown)
                if listed != statement.value:
                    yield Finding(
                        "T1",
                        Severity.WARNING,
                        f"正文称{what}为 {statement.value}，但其后列出的各类信息相加为 {listed}。",
                        (),
                        {
                            "quote": statement.quote,
                            "stated": statement.value,
                            "sum": listed,
                            "breakdown": dict(statement.breakdown),
                        },
                    )
            continue
        value, cells = _table_value(report, statement.topic)
        if statement.topic == "new_received" and statement.value == _received_with_carried_over(report):
            continue  # "收到申请75件" counting last year's carried over with this year's (74 + 1): a sum, not wrong
        if _numbers([value]) is not None and value != statement.value:
            yield Finding(
                "T1",
                Severity.WARNING,
                f"正文称{what}为 {statement.value}（“{statement.quote}”），但表格中为 {value}。",
                cells,
                {"quote": statement.quote, "stated": statement.value, "table": value},
            )
        earlier = first_said.setdefault(statement.topic, statement)
        if earlier.value != statement.value:
            yield Finding(
                "T1",
                Severity.WARNING,
                f"正文前后所述{what}不一致：“{earlier.quote}”与“{statement.quote}”。",
                cells,
                {"quotes": [earlier.quote, statement.quote], "values": [earlier.value, statement.value]},
            )


@rule("T2", Severity.WARNING, "第六部分说明信息处理费收取情况（或未收取）")
def check_t2(report: Report, previous: Report | None) -> Iterable[Finding]:
    body = report.section_body("6")
    if "信息处理费" not in body and not re.search(r"(?:收取|收费)[^。]{0,20}(?:费用|情况)|未收取|不收取", body):
        yield Finding(
            "T2",
            Severity.WARNING,
            "第六部分没有说明信息处理费的收取情况（未收取的，也应写明“未收取信息处理费”）。",
            ("sections.6",),
            {"section_6": body[:200]},
        )


# Dates as reports write them: 2024年1月1日, 2024.1.1, 2024-01-01, 2024/1/1 (the second year may be left out).
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|区间|周期|期间|口径)?[^。\d]{0,8}(\d{4})(?:年|[.．/-])(\d{1,2})(?:月|[.．/-])(\d{1,2})日?"
    r"[起]?[^\d。]{0,6}?(?:(\d{4})(?:年|[.．/-]))?(\d{1,2})(?:月|[.．/-])(\d{1,2})日?"
)


# The whole year in a word ("统计期限为2024年度", "2024年全年", "2024年1月至12月"), or only its end
# ("统计截至2024年12月31日").
_PERIOD_YEAR = re.compile(
    r"统计(?:期限|时限|时间|区间|周期|期间|口径)?[^。\d]{0,8}(\d{4})年(?:度|全年|1月(?:份)?(?:至|到|—|-|～|~)12月(?!\d))"
)
_PERIOD_UNTIL = re.compile(r"统计[^。\d]{0,8}(?:截至|截止(?:到|至)?)(\d{4})年(\d{1,2})月(\d{1,2})日")

_Day = tuple[int, int, int]


def _stated_period(text: str) -> tuple[_Day, _Day, str] | None:
    """The first statement of the statistics period (its first and last day, and its words), read around each
    "统计" with spaces removed."""
    position = text.find("统计")
    while position != -1:
        window = re.sub(r"\s+", "", text[position : position + 80])
        match = _PERIOD.match(window)
        if match is not None:
            y1, m1, d1, y2, m2, d2 = match.groups()
            return (int(y1), int(m1), int(d1)), (int(y2 or y1), int(m2), int(d2)), match.group(0)
        match = _PERIOD_YEAR.match(window)
        if match is not None:
            year = int(match.group(1))
            return (year, 1, 1), (year, 12, 31), match.group(0)
        match = _PERIOD_UNTIL.match(window)
        if match is not None:
            year, month, day = (int(group) for group in match.groups())
            return (year, 1, 1), (year, month, day), match.group(0)
        position = text.find("统计", position + 2)
    return None


@rule("T3", Severity.WARNING, "统计期限为报告年度1月1日至12月31日")
def check_t3(report: Report, previous: Report | None) -> Iterable[Finding]:
    # Where reports say it: the preamble or section 一; some say it elsewhere (section 六, a closing note).
    stated = (
        _stated_period(report.preamble)
        or _stated_period(report.sections.get("1") or "")
        or _stated_period(report.narrative())
    )
    expected = f"{report.year}年1月1日至{report.year}年12月31日"
    if stated is None:
        yield Finding(
            "T3",
            Severity.WARNING,
            f"报告没有说明数据的统计期限（应为{expected}）。",
            ("preamble",),
            {"expected": expected},
        )
        return
    start, end, words = stated
    if start != (report.year, 1, 1) or end != (report.year, 12, 31):
        yield Finding(
            "T3",
            Severity.WARNING,
            f"报告所述统计期限“{words}”与报告年度不符，应为{expected}。",
            ("preamble",),
            {"stated": words, "expected": expected},
        )


# -- publication ------------------------------------------------------------------------------------------------


def publication_deadline(report: Report) -> dt.date:
    """条例第49条: departments publish by 31 January, county-level-and-above governments by 31 March."""
    if report.agency_level is AgencyLevel.GOVERNMENT:
        return dt.date(report.year + 1, 3, 31)
    return dt.date(report.year + 1, 1, 31)


@rule("D1", Severity.WARNING, "在第四十九条规定的期限前公布")
def check_d1(report: Report, previous: Report | None) -> Iterable[Finding]:
    if report.published_on is None:
        return
    deadline = publication_deadline(report)
    if report.published_on > deadline:
        late = (report.published_on - deadline).days
        yield Finding(
            "D1",
            Severity.WARNING,
            f"报告于{report.published_on:%Y年%-m月%-d日}公布，晚于条例第四十九条规定的"
            f"{deadline:%Y年%-m月%-d日}，逾期{late}天。",
            ("published_on",),
            {"published_on": report.published_on.isoformat(), "deadline": deadline.isoformat(), "days_late": late},
        )


# Narrative sections compared with last year's (五 is where copying is most common).
_D2_SECTIONS = ("1", "5", "6")
_D2_THRESHOLD = 0.7  # share of the text in sentences copied from last year
_D2_MIN_LENGTH = 60
_NUMBERS = re.compile(r"[\d０-９\s]+")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")


@lru_cache(maxsize=256)
def _sentences(text: str) -> dict[str, int]:
    """The text's sentences with numbers and spaces removed (years and counts change yearly), and their lengths."""
    out: dict[str, int] = {}
    for sentence in _SENTENCE_END.split(_NUMBERS.sub("", text)):
        if len(sentence) >= 6:  # "一是" and the like are not evidence of copying
            out[sentence] = len(sentence)
    return out


def similarity(text: str, earlier: str) -> float:
    """The share of `text` (by characters) made of sentences that stand in `earlier` word for word, numbers aside.

    Copying between years is sentence-level: a paragraph carried over with its year changed keeps every sentence.
    """
    now, before = _sentences(text), _sentences(earlier)
    total = sum(now.values())
    if not total:
        return 0.0
    return sum(length for sentence, length in now.items() if sentence in before) / total


@rule("D2", Severity.WARNING, "内容不与上年报告雷同")
def check_d2(report: Report, previous: Report | None) -> Iterable[Finding]:
    if previous is None:
        return
    for key in _D2_SECTIONS:
        now, before = report.section_body(key), previous.section_body(key)
        if len(now) < _D2_MIN_LENGTH or len(before) < _D2_MIN_LENGTH:
            continue
        score = similarity(now, before)
        if score >= _D2_THRESHOLD:
            section = next(s for s in SECTIONS if s.key == key)
            yield Finding(
                "D2",
                Severity.WARNING,
                f"第{section.numeral}部分“{section.title}”与{previous.year}年报告的相似度为 {score:.0%}，"
                "可能内容雷同（国办公开办函〔2021〕30号要求避免）。",
                (f"sections.{key}",),
                {"similarity": round(score, 3), "last_year": previous.year},
            )
