"""Validate and render many annual reports; print per-report milliseconds against baselines from the same run.

    .venv/bin/python benchmarks/bench_report.py [--reports 1000]

Targets (issue 2): validation under 1 ms per report; DOCX under 100 ms per report.

Reports are the seed report with its numbers varied at random (every table consistent, some with a defect) and
compared with the previous one as last year's report, so the cross-year rules run too. Baselines, measured on the
same reports in the same run:
- validation: checking the same report's JSON against its JSON Schema (shape only, no arithmetic);
- DOCX: python-docx's own table API (`table.cell(r, c).text = ...`) filling table B alone, on a few reports;
- HTML: a bare `<table>` of the same 200 numbers with no layout;
- XLSX: openpyxl writing the same 200 numbers as plain rows.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from copy import deepcopy
from decimal import Decimal

import docx
import openpyxl
from jsonschema import Draft202012Validator

from gongkai.demo import seed_report_path
from gongkai.report.format import APPLICANT_COLUMN_KEYS, C_GROUPS, result_row_keys
from gongkai.report.model import Report, json_schema, load_report
from gongkai.report.render.docx import render_docx
from gongkai.report.render.html import render_html
from gongkai.report.render.xlsx import render_xlsx
from gongkai.report.rules import check_report


def varied_reports(n: int, seed: int = 2022) -> list[Report]:
    rng = random.Random(seed)
    base = load_report(seed_report_path())
    reports = []
    for i in range(n):
        report = deepcopy(base)
        report.year = 2021 + i % 5
        # Every report's prose differs, so no cache inside the rules sees the same text twice.
        for key in ("1", "5", "6"):
            report.sections[key] = (
                report.sections[key].replace("2022", str(report.year)) + f"\n（本段为第{i}份测试报告）"
            )
        results = result_row_keys(report.format_version)
        last_year = reports[-1] if reports and reports[-1].year == report.year - 1 else None
        for column in APPLICANT_COLUMN_KEYS:
            new = rng.randint(0, 40)
            # Y1: what last year carried forward is what this year carries over.
            carried = last_year.get(f"table_b.carried_forward.{column}") if last_year else rng.randint(0, 3)
            forward = rng.randint(0, min(3, new + carried))
            spread = [0] * len(results)
            for _ in range(new + carried - forward):
                spread[rng.randrange(len(results))] += 1
            report.set(f"table_b.new_received.{column}", new)
            report.set(f"table_b.carried_over.{column}", carried)
            report.set(f"table_b.carried_forward.{column}", forward)
            report.set(f"table_b.total_processed.{column}", sum(spread))
            for row, value in zip(results, spread, strict=True):
                report.set(f"table_b.{row}.{column}", value)
        for row in report.format.table("table_b").row_keys():
            report.set(f"table_b.{row}.total", sum(report.get(f"table_b.{row}.{c}") for c in APPLICANT_COLUMN_KEYS))
        for group, _ in C_GROUPS:
            parts = [rng.randint(0, 2) for _ in range(4)]
            for result, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
                report.set(f"table_c.{group}.{result}", value)
            report.set(f"table_c.{group}.total", sum(parts))
        report.set("table_a.licensing.decisions", rng.randint(0, 500))
        report.set("table_a.fees.amount", Decimal(rng.randint(0, 10_000)) / 100)
        if i % 10 == 0:  # one report in ten carries a defect
            report.set("table_b.granted.total", (report.get("table_b.granted.total") or 0) + 1)
        reports.append(report)
    return reports


def per_item_ms(function: Callable[[object], object], items: list) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return (time.perf_counter() - start) / len(items) * 1000


def docx_cell_api_baseline(report: Report) -> bytes:
    """Table B filled through python-docx's public cell API: the obvious way, before writing XML directly."""
    document = docx.Document()
    table_b = report.format.table("table_b")
    rows, columns = table_b.row_keys(), table_b.blocks[0].columns
    table = document.add_table(rows=len(rows) + 3, cols=len(columns) + 3)
    for r, row in enumerate(rows, start=3):
        for c, column in enumerate(columns, start=3):
            table.cell(r, c).text = str(report.get(f"table_b.{row}.{column.key}"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bare_html_baseline(report: Report) -> str:
    return "<table>" + "".join(f"<tr><td>{value}</td></tr>" for _, value in report.cells()) + "</table>"


def bare_xlsx_baseline(report: Report) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for ref, value in report.cells():
        sheet.append([ref.name, value])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    n = args.reports

    reports = varied_reports(n)
    pairs = [
        (report, reports[i - 1] if i and reports[i - 1].year == report.year - 1 else None)
        for i, report in enumerate(reports)
    ]
    dicts = [json.loads(report.to_json()) for report in reports]
    validator = Draft202012Validator(json_schema())
    # Warm up caches (format grids, the base document) so that one-time costs are not charged to the first report.
    check_report(reports[0])
    render_docx(reports[0])
    render_xlsx(reports[0])

    errors = sum(any(f.severity == "error" for f in check_report(r, p)) for r, p in pairs)
    rows = []
    validate_ms = statistics.median(per_item_ms(lambda pair: check_report(*pair), pairs) for _ in range(3))
    schema_ms = statistics.median(per_item_ms(validator.validate, dicts) for _ in range(3))
    rows.append(("validate (all 15 rules, with last year)", validate_ms, "JSON Schema check", schema_ms, 1.0))
    html_ms = per_item_ms(render_html, reports)
    rows.append(("HTML", html_ms, "bare <table>", per_item_ms(bare_html_baseline, reports), None))
    docx_ms = per_item_ms(render_docx, reports)
    few = reports[: max(1, min(5, n))]
    rows.append(
        ("DOCX", docx_ms, "python-docx cell API, table B only", per_item_ms(docx_cell_api_baseline, few), 100.0)
    )
    rows.append(
        (
            "XLSX",
            per_item_ms(render_xlsx, reports),
            "openpyxl plain rows",
            per_item_ms(bare_xlsx_baseline, reports),
            None,
        )
    )

    print(f"{n} reports ({errors} with an error-level finding), per report:")
    print(f"{'':42} {'ours ms':>9} {'baseline ms':>12} {'ratio':>7} {'target':>9}  baseline")
    failed = False
    for name, ours, baseline_name, baseline, target in rows:
        verdict = ""
        if target is not None:
            ok = ours < target
            failed |= not ok
            verdict = f"< {target:g} {'ok' if ok else 'MISSED'}"
        print(f"{name:42} {ours:9.3f} {baseline:12.3f} {ours / baseline:7.2f} {verdict:>9}  {baseline_name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
