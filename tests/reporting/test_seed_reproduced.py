"""The seed agency's 2022 report generated from its records equals the seed report: the DOCX read back by
`gongkai check` has the seed's tables cell for cell and the same section-一 counts."""

from __future__ import annotations

from gongkai.check.read import read_bytes, read_file
from gongkai.report.narrative import read_statements
from gongkai.report.render.docx import render_docx
from gongkai.reporting.charts import report_charts
from gongkai.reporting.selectors import report_current


def _proactive(report):
    return [(s.value, s.breakdown) for s in read_statements(report.sections["1"]) if s.topic == "proactive_total"]


def test_it_reproduces_the_seed_report(demo, shared):
    current = report_current(agency=demo["seed"], year=2022)
    charts = report_charts(current.report, current.facts, current.previous, current.previous_facts)
    generated = read_bytes(render_docx(current.report, charts=charts), "generated.docx")
    seed = read_file(shared / "seed" / "zhangdian-jgsw-2022-annual-report.txt")
    assert generated.ok and seed.ok
    for ref, value in seed.report.cells():
        assert generated.report.get(ref.name) == value, ref.name
    assert _proactive(generated.report) == _proactive(seed.report)
    assert _proactive(seed.report)[0][0] == 83
    assert [f.rule for f in current.findings if f.severity == "error"] == []


def test_it_counts_section_one_from_the_records(demo):
    current = report_current(agency=demo["seed"], year=2022)
    assert current.facts.items_total == 83
    assert current.facts.hotline_orders == 175
    assert [(name, n) for _, name, n in current.facts.categories][:3] == [
        ("政策文件", 2),
        ("机构职能", 1),
        ("领导信息", 1),
    ]
