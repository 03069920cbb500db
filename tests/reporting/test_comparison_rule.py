"""Comparisons only with a year that has data: no "与上年相比" and no "2025年与2024年对比" chart when the platform
holds nothing for the year before; both when it does."""

from __future__ import annotations

from gongkai.report.model import Report
from gongkai.reporting.charts import report_charts
from gongkai.reporting.counting import Facts
from gongkai.reporting.drafting import draft_sections, year_has_data


def _report(year: int, received: int) -> Report:
    report = Report.blank("示例局", year)
    for ref, _ in report.cells():
        report.set(ref.name, 0)
    for row in ("new_received", "total_processed", "granted"):
        report.set(f"table_b.{row}.total", received)
        report.set(f"table_b.{row}.natural_person", received)
    return report


FACTS = Facts(categories=[(1, "政策文件", 4)])


def test_a_year_without_records_is_not_compared():
    this, empty = _report(2025, 3), _report(2024, 0)
    assert not year_has_data(empty, Facts())
    text = "\n".join(draft_sections(this, FACTS, empty, Facts()).values())
    assert "与上年相比" not in text and "与往年相比" not in text
    assert "共收到政府信息公开申请3件" in text
    assert [c.title for c in report_charts(this, FACTS, empty, Facts())] == [
        "2025年各类主动公开信息数量",
        "2025年政府信息公开申请办理结果",
    ]


def test_a_year_with_records_is_compared():
    this, last = _report(2025, 3), _report(2024, 1)
    assert year_has_data(last, Facts())
    text = "\n".join(draft_sections(this, FACTS, last, Facts(categories=[(1, "政策文件", 1)])).values())
    assert "申请数量与上年相比增加2件" in text and "与上年相比增加3条" in text
    charts = report_charts(this, FACTS, last, Facts())
    assert charts[-1].title == "2025年与2024年对比"
    assert charts[-1].series[0] == ("2024年", (0, 1, 1, 0))


def test_nothing_received_and_nothing_last_year_says_so_without_comparing():
    text = draft_sections(_report(2025, 0), FACTS, _report(2024, 0), Facts())["1"]
    assert "未收到政府信息公开申请。" in text
