"""A generated report always carries the official headings and numbering, whatever the draft, a previous report or
an imported text said; the seed's narrative and numbers stay."""

from __future__ import annotations

from gongkai.report.format import SECTIONS
from gongkai.reporting import services
from gongkai.reporting.models import ReportDraft
from gongkai.reporting.selectors import report_current


def test_the_demo_2022_report_uses_the_official_third_heading(demo, shared):
    current = report_current(agency=demo["seed"], year=2022)
    assert current.report.section_heading("3") == "三、收到和处理政府信息公开申请情况"
    assert [current.report.section_heading(s.key) for s in SECTIONS] == [s.heading for s in SECTIONS]
    assert not [f for f in current.findings if f.rule in ("S1", "T4")]
    seed = (shared / "seed" / "zhangdian-jgsw-2022-annual-report.txt").read_text(encoding="utf-8")
    assert "3、 收到和处理政府信息公开申请情况" in seed  # the seed's own numbering, which the report does not copy
    assert "共公开政务信息83次（条）" in current.report.sections["1"]


def test_it_replaces_a_stored_heading_with_the_official_one(demo, alice):
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=alice)
    ReportDraft.objects.filter(pk=draft.pk).update(sections={**draft.sections, "5": "5. 存在的问题\n要改进的地方。"})
    current = report_current(agency=demo["invented"], year=2025)
    assert current.report.sections["5"] == "五、存在的主要问题及改进情况\n要改进的地方。"
    draft.refresh_from_db()
    services.draft_update(draft=draft, actor=alice, preamble=draft.preamble, bodies={"5": "改进。"})
    draft.refresh_from_db()
    assert draft.sections["5"] == "五、存在的主要问题及改进情况\n改进。"
