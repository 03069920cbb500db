"""What a batch check produces: a terminal summary, JSON (FORMAT.md's machine names), an XLSX workbook and an HTML
page for supervisors with the failing cells highlighted."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from io import BytesIO
from pathlib import Path

from gongkai.check.read import STATUS_NAMES, Outcome
from gongkai.report.layout import table_grid
from gongkai.report.model import write_atomically
from gongkai.report.render.html import STYLE as REPORT_STYLE
from gongkai.report.render.html import table_html
from gongkai.report.rules import Severity

SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "提醒"}
# Key totals of table B shown per report (一、二、（七）、四 of the 总计 column).
KEY_TOTALS = ("new_received", "carried_over", "total_processed", "carried_forward")


def _counts(outcome: Outcome) -> tuple[int, int]:
    errors = sum(1 for f in outcome.findings if f.severity is Severity.ERROR)
    return errors, len(outcome.findings) - errors


def _row_label(outcome: Outcome, row: str) -> str:
    assert outcome.report is not None
    table = outcome.report.format.table("table_b")
    return next(r.label for block in table.blocks for r in block.rows if r.key == row)


def _title(outcome: Outcome) -> str:
    report = outcome.report
    if report is None:
        return outcome.source
    return f"{report.agency or '（机关未识别）'} {report.year or '？'}年度（{report.format_version}年版格式）"


# -- terminal ---------------------------------------------------------------------------------------------------


def summary(outcomes: Sequence[Outcome], *, verbose: bool = True) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        errors, warnings = _counts(outcome)
        if not outcome.ok:
            lines.append(f"✗ {outcome.source}：{STATUS_NAMES[outcome.status]}——{outcome.reason}")
            continue
        mark = "✗" if errors else ("!" if warnings else "✓")
        lines.append(f"{mark} {outcome.source}：{_title(outcome)}，错误 {errors} 项，提醒 {warnings} 项")
        if outcome.previous_source:
            lines.append(f"    与上年报告对照：{outcome.previous_source}")
        if outcome.reason:
            lines.append(f"    注意：{outcome.reason}")
        if verbose:
            for finding in outcome.findings:
                lines.append(f"    [{finding.rule} {SEVERITY_NAMES[finding.severity]}] {finding.message}")
            for problem in outcome.problems:
                lines.append(f"    [读取] {problem}")
    read = sum(1 for o in outcomes if o.ok)
    failing = sum(1 for o in outcomes if o.ok and _counts(o)[0])
    lines.append(
        f"共 {len(outcomes)} 个文件：读取 {read} 份报告，其中 {failing} 份有错误；"
        f"{len(outcomes) - read} 个文件未能读取。"
    )
    return "\n".join(lines) + "\n"


# -- JSON -------------------------------------------------------------------------------------------------------


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def to_json(outcomes: Sequence[Outcome]) -> str:
    return json.dumps([o.to_dict() for o in outcomes], ensure_ascii=False, indent=2, default=_default) + "\n"


# -- XLSX -------------------------------------------------------------------------------------------------------


def to_xlsx(outcomes: Sequence[Outcome]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "报告"
    key_headers = []
    for row in KEY_TOTALS:
        sample = next((o for o in outcomes if o.report is not None), None)
        key_headers.append(_row_label(sample, row) if sample else row)
    headers = ["文件", "状态", "机关", "年度", "格式版本", *key_headers, "错误数", "提醒数", "说明", "对照的上年报告"]
    sheet.append(headers)
    for outcome in outcomes:
        report = outcome.report
        errors, warnings = _counts(outcome)
        totals = [report.get(f"table_b.{row}.total") if report else None for row in KEY_TOTALS]
        sheet.append(
            [
                outcome.source,
                STATUS_NAMES[outcome.status],
                report.agency if report else None,
                (report.year or None) if report else None,
                str(report.format_version) if report else None,
                *totals,
                errors,
                warnings,
                outcome.reason,
                outcome.previous_source,
            ]
        )
    findings = workbook.create_sheet("问题")
    findings.append(["文件", "机关", "年度", "规则", "级别", "说明", "单元格", "证据"])
    red = PatternFill("solid", fgColor="FFE0E0")
    for outcome in outcomes:
        report = outcome.report
        for finding in outcome.findings:
            findings.append(
                [
                    outcome.source,
                    report.agency if report else None,
                    (report.year or None) if report else None,
                    finding.rule,
                    SEVERITY_NAMES[finding.severity],
                    finding.message,
                    "、".join(finding.cells),
                    json.dumps(finding.evidence, ensure_ascii=False, default=_default),
                ]
            )
            if finding.severity is Severity.ERROR:
                for cell in findings[findings.max_row]:
                    cell.fill = red
    for ws in (sheet, findings):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["C"].width = 30
    findings.column_dimensions["F"].width = 80
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- HTML -------------------------------------------------------------------------------------------------------

_PAGE_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 11pt; max-width: 70em; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; text-indent: 0; border-top: 2px solid #333; padding-top: .6em; }
p { text-indent: 0; }
td.error { background: #ffb3b3 !important; outline: 2px solid #c00; font-weight: bold; }
td.warning { background: #fff0a8 !important; outline: 2px solid #c90; }
ul.findings li.error { color: #a00; } ul.findings li.warning { color: #7a5a00; }
.status { color: #555; } .bad { color: #a00; font-weight: bold; }
table.summary td, table.summary th { font-size: 10pt; }
"""


def _highlight(html: str, cells: dict[str, str]) -> str:
    for name, css in cells.items():
        html = html.replace(f'<td data-cell="{name}"', f'<td data-cell="{name}" class="{css}"', 1)
    return html.replace('class="error" class="blank"', 'class="error blank"').replace(
        'class="warning" class="blank"', 'class="warning blank"'
    )


def to_html(outcomes: Sequence[Outcome]) -> bytes:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        "<title>政府信息公开工作年度报告检查结果</title>",
        f"<style>{REPORT_STYLE}{_PAGE_STYLE}</style></head><body>",
        "<h1>政府信息公开工作年度报告检查结果</h1>",
    ]
    read = sum(1 for o in outcomes if o.ok)
    parts.append(f"<p>共 {len(outcomes)} 个文件，读取 {read} 份报告。红色为错误，黄色为提醒。</p>")
    parts.append(
        '<table class="summary"><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>状态</th>'
        "<th>错误</th><th>提醒</th></tr></thead><tbody>"
    )
    for index, outcome in enumerate(outcomes):
        errors, warnings = _counts(outcome)
        report = outcome.report
        parts.append(
            f'<tr><td><a href="#r{index}">{escape(outcome.source)}</a></td>'
            f"<td>{escape(report.agency if report else '')}</td><td>{(report.year or '') if report else ''}</td>"
            f"<td>{escape(STATUS_NAMES[outcome.status])}</td>"
            f'<td class="{"bad" if errors else ""}">{errors}</td><td>{warnings}</td></tr>'
        )
    parts.append("</tbody></table>")
    for index, outcome in enumerate(outcomes):
        parts.append(f'<h2 id="r{index}">{escape(_title(outcome))}</h2>')
        parts.append(
            f'<p class="status">文件：{escape(outcome.source)}；状态：{escape(STATUS_NAMES[outcome.status])}'
            + (f"；{escape(outcome.reason)}" if outcome.reason else "")
            + "</p>"
        )
        if outcome.previous_source:
            parts.append(f"<p>与上年报告对照：{escape(outcome.previous_source)}</p>")
        if outcome.findings:
            parts.append('<ul class="findings">')
            for finding in outcome.findings:
                parts.append(
                    f'<li class="{finding.severity}"><b>{finding.rule}</b>（{SEVERITY_NAMES[finding.severity]}）'
                    f"{escape(finding.message)}</li>"
                )
            parts.append("</ul>")
        elif outcome.ok:
            parts.append("<p>未发现问题。</p>")
        if outcome.problems:
            parts.append("<p>读取说明：" + escape("；".join(outcome.problems)) + "</p>")
        report = outcome.report
        if report is None:
            continue
        marks: dict[str, str] = {}
        for finding in outcome.findings:
            for name in finding.cells:
                if marks.get(name) != "error":
                    marks[name] = str(finding.severity)
        for table in report.format.tables:
            parts.append(_highlight(table_html(report, table_grid(table)), marks))
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def write(path: str | Path, data: bytes) -> None:
    write_atomically(Path(path), data)
