"""`gongkai report`: validate a report's data, render it as a document, publish the JSON Schema."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gongkai.cli import UsageError
from gongkai.limits import LimitExceeded, load_json
from gongkai.report.model import Report, ReportDataError, json_schema, load_report, write_atomically
from gongkai.report.render import FORMATS
from gongkai.report.rules import Finding, Severity, check_report, has_errors
from gongkai.text import MESSAGE, find_control, strings_in

SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="年度报告：校验、生成文档、数据格式", description="年度报告数据的校验与生成"
    )
    commands = parser.add_subparsers(dest="report_command", metavar="ACTION", required=True)

    validate = commands.add_parser("validate", help="按官方格式规则校验报告数据（JSON）")
    validate.add_argument("report", type=Path, metavar="REPORT.json")
    validate.add_argument(
        "--previous", type=Path, metavar="LAST_YEAR.json", help="同一机关上一年度的报告，用于跨年规则"
    )
    validate.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    validate.set_defaults(func=run_validate)

    render = commands.add_parser("render", help="把报告数据生成 DOCX、HTML、XLSX 或 JSON 文件")
    render.add_argument("report", type=Path, metavar="REPORT.json")
    render.add_argument("--to", choices=FORMATS, help="输出格式（省略时按输出文件扩展名判断）")
    render.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="输出文件")
    render.set_defaults(func=run_render)

    build = commands.add_parser("build", help="由平台记录生成某机关某年度的报告（DOCX、HTML、XLSX 或 JSON）")
    build.add_argument("--agency", type=int, required=True, help="机关编号")
    build.add_argument("--year", type=int, required=True, help="报告年度")
    build.add_argument("--to", choices=FORMATS, help="输出格式（省略时按输出文件扩展名判断）")
    build.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="输出文件")
    build.set_defaults(func=run_build)

    schema = commands.add_parser("schema", help="输出报告数据的 JSON Schema")
    schema.add_argument("-o", "--output", type=Path, metavar="OUT", help="写入文件（省略时输出到屏幕）")
    schema.set_defaults(func=run_schema)


def _load(path: Path) -> Report:
    """A report from a JSON file, or UsageError (exit 2) saying in Chinese what is wrong: besides the format's own
    checks, every number finite and bounded, the nesting shallow and no control character (gongkai.limits)."""
    try:
        _check_bounds(path)
        return load_report(path)
    except ReportDataError as exc:
        lines = [f"无法读取报告 {exc.source}："] + [f"  - {problem}" for problem in exc.problems]
        raise UsageError("\n".join(lines)) from None


def _check_bounds(path: Path) -> None:
    try:
        data = load_json(path.read_bytes().decode("utf-8-sig"))
    except LimitExceeded as exc:
        raise ReportDataError(str(path), [str(exc)]) from None
    except (OSError, ValueError):
        return  # load_report names a missing file, a folder or text that is not JSON
    for text in strings_in(data):
        if find_control(text):
            raise ReportDataError(str(path), [f"文字{MESSAGE}"])


def summary_lines(report: Report, findings: list[Finding]) -> list[str]:
    """A human summary of the findings, most serious first."""
    lines = [f"{report.agency} {report.year}年度报告（{report.format_version}年版格式）"]
    ordered = sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.rule))
    for finding in ordered:
        lines.append(f"  {SEVERITY_LABELS[finding.severity]} {finding.rule}  {finding.message}")
        if finding.cells:
            shown = "、".join(finding.cells[:4]) + (" 等" if len(finding.cells) > 4 else "")
            lines.append(f"        涉及：{shown}")
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    verdict = "未发现问题" if not findings else f"{errors} 个错误，{warnings} 个警告"
    lines.append(f"结果：{verdict}")
    return lines


def run_validate(args: argparse.Namespace) -> int:
    report = _load(args.report)
    previous = _load(args.previous) if args.previous else None
    if previous is not None and previous.year != report.year - 1:
        raise UsageError(
            f"--previous 应为 {report.year - 1} 年度的报告，而 {args.previous} 是 {previous.year} 年度的报告"
        )
    findings = check_report(report, previous)
    if args.json:
        out = {
            "source": str(args.report),
            "agency": report.agency,
            "year": report.year,
            "format_version": str(report.format_version),
            "errors": sum(f.severity is Severity.ERROR for f in findings),
            "warnings": sum(f.severity is Severity.WARNING for f in findings),
            "findings": [f.to_dict() for f in findings],
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print("\n".join(summary_lines(report, findings)))
    return 1 if has_errors(findings) else 0


def render_to(report: Report, to: str, output: Path) -> Path:
    """Render and write the file whole (temporary file, then rename)."""
    from gongkai.report.render import renderers

    data = renderers()[to](report)
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise UsageError(f"无法写入 {output}（{exc.strerror}）") from None
    return output


def run_render(args: argparse.Namespace) -> int:
    to = args.to or args.output.suffix.lstrip(".").lower()
    if to not in FORMATS:
        raise UsageError(f"请用 --to 指定输出格式（{'、'.join(FORMATS)}），无法从文件名 {args.output} 判断")
    if args.output.is_dir():
        raise UsageError(f"{args.output} 是一个文件夹，请给出输出文件名")
    report = _load(args.report)
    render_to(report, to, args.output)
    print(f"已生成 {args.output}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        write_atomically(args.output, text.encode("utf-8"))
        print(f"已写入 {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def run_build(args: argparse.Namespace) -> int:
    """The agency-year's report as it stands: numbers from the records, the staff's text (or the drafted text)."""
    to = args.to or args.output.suffix.lstrip(".").lower()
    if to not in FORMATS:
        raise UsageError(f"请用 --to 指定输出格式（{'、'.join(FORMATS)}），无法从文件名 {args.output} 判断")
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    import django

    django.setup()
    from gongkai.agencies.models import Agency
    from gongkai.report.render.docx import render_docx
    from gongkai.report.render.html import render_html
    from gongkai.reporting.charts import report_charts
    from gongkai.reporting.selectors import report_current

    agency = Agency.objects.filter(pk=args.agency).first()
    if agency is None:
        raise UsageError(f"没有编号为 {args.agency} 的机关")
    current = report_current(agency=agency, year=args.year)
    if to in ("docx", "html"):
        charts = report_charts(current.report, current.facts, current.previous, current.previous_facts)
        data = (render_docx if to == "docx" else render_html)(current.report, charts=charts)
        try:
            write_atomically(args.output, data)
        except OSError as exc:
            raise UsageError(f"无法写入 {args.output}（{exc.strerror}）") from None
    else:
        render_to(current.report, to, args.output)
    print("\n".join(summary_lines(current.report, current.findings)))
    print(f"已生成 {args.output}")
    return 0
