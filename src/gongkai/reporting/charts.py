"""Charts where people would rather look than read: items by category, applications by outcome, and this year
against last year, the last only when last year has data. The charts are data (`gongkai.report.render.charts.Chart`):
the HTML draws them as SVG text, the DOCX as native Word charts, so no server font is ever needed."""

from __future__ import annotations

from gongkai.report.model import Report
from gongkai.report.render.charts import Chart
from gongkai.reporting.drafting import outcome_groups, year_has_data

__all__ = ["Chart", "comparison_numbers", "report_charts"]

COMPARISON_LABELS = ("主动公开信息", "收到申请", "办结申请", "复议和诉讼")


def comparison_numbers(report: Report, facts) -> tuple[int, ...]:
    return (
        facts.items_total if facts is not None else 0,
        report.get("table_b.new_received.total") or 0,
        report.get("table_b.total_processed.total") or 0,
        sum(report.get(f"table_c.{g}.total") or 0 for g in report.table_c),
    )


def report_charts(report: Report, facts, previous: Report | None, previous_facts) -> list[Chart]:
    charts = []
    year = report.year
    if facts.categories:
        charts.append(
            Chart(
                "1",
                f"{year}年各类主动公开信息数量",
                tuple(name for _, name, _ in facts.categories),
                ((f"{year}年", tuple(n for _, _, n in facts.categories)),),
                horizontal=True,
            )
        )
    groups = outcome_groups(report)
    if any(n for _, n in groups):
        charts.append(
            Chart(
                "3",
                f"{year}年政府信息公开申请办理结果",
                tuple(g for g, _ in groups),
                ((f"{year}年", tuple(n for _, n in groups)),),
            )
        )
    # A comparison only with a year that has data: a year of zeros nobody recorded is not "last year".
    if previous is not None and year_has_data(previous, previous_facts):
        charts.append(
            Chart(
                "6",
                f"{year}年与{year - 1}年对比",
                COMPARISON_LABELS,
                (
                    (f"{year - 1}年", comparison_numbers(previous, previous_facts)),
                    (f"{year}年", comparison_numbers(report, facts)),
                ),
            )
        )
    return charts
