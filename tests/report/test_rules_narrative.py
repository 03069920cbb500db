"""T1: the numbers the narrative states agree with the tables and with each other."""

import pytest

from factories import make_report
from gongkai.report.narrative import chinese_number, read_statements
from gongkai.report.rules import Severity, check_report


def t1(report):
    return [f for f in check_report(report) if f.rule == "T1"]


def test_it_reads_the_seed_total_and_its_breakdown(seed_report):
    (total,) = [s for s in read_statements(seed_report.narrative()) if s.topic == "proactive_total"]
    assert total.value == 83
    assert total.breakdown[0] == ("政策文件", 2)
    assert total.breakdown[-1] == ("政务公开保障机制", 6)
    assert len(total.breakdown) == 13
    assert sum(n for _, n in total.breakdown) == 83


def test_it_reads_that_no_application_was_received(seed_report):
    statements = [s for s in read_statements(seed_report.narrative()) if s.topic == "new_received"]
    assert [s.value for s in statements] == [0, 0]  # sections 一 and 六 both say so
    assert t1(seed_report) == []


def test_it_warns_when_the_narrative_contradicts_table_b():
    report = make_report()
    report.sections["1"] = report.sections["1"].replace("收到政府信息公开申请12件", "收到政府信息公开申请15件")
    (finding,) = t1(report)
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("table_b.new_received.total",)
    assert finding.evidence["stated"] == 15
    assert finding.evidence["table"] == 12
    assert "15" in finding.evidence["quote"]


@pytest.mark.parametrize(
    ("sentence", "cells"),
    [
        ("予以公开9件", ("table_b.granted.total",)),
        ("部分公开5件", ("table_b.partially_granted.total",)),
        ("不予公开4件", None),
        ("发生行政复议2起", ("table_c.reconsideration.total",)),
        ("行政诉讼案件3件", ("table_c.litigation_direct.total", "table_c.litigation_after_reconsideration.total")),
        ("现行有效行政规范性文件11件", ("table_a.normative_documents.in_force",)),
        ("办结13件", ("table_b.total_processed.total",)),
    ],
)
def test_it_compares_each_stated_outcome_with_its_cells(sentence, cells):
    report = make_report()
    report.sections["5"] += f"\n本年度{sentence}。"
    # Where section 一 states the same fact, a second finding says the two statements differ.
    (finding,) = [f for f in t1(report) if "table" in f.evidence]
    if cells is not None:
        assert finding.cells == cells
    else:
        assert "table_b.withheld_third_party.total" in finding.cells


def test_it_warns_when_the_breakdown_does_not_add_up_to_the_total():
    report = make_report()
    report.sections["1"] = report.sections["1"].replace("工作动态25条", "工作动态20条")
    (finding,) = t1(report)
    assert finding.evidence["stated"] == 40
    assert finding.evidence["sum"] == 35


def test_it_warns_when_two_sections_state_different_numbers():
    report = make_report(table_c__reconsideration__upheld=0, table_c__reconsideration__total=0)
    report.sections["4"] += "\n本年度未发生政府信息公开行政复议案件。"
    report.sections["6"] += "\n本年度行政复议1起。"
    found = t1(report)
    assert any("前后所述行政复议不一致" in f.message for f in found)
    assert any(f.evidence.get("table") == 0 and f.evidence.get("stated") == 1 for f in found)


def test_it_reads_chinese_numerals():
    assert [chinese_number(t) for t in ("83", "十", "二十三", "一百零五", "两")] == [83, 10, 23, 105, 2]
    report = make_report()
    report.sections["5"] += "\n本年度予以公开六件。"
    assert t1(report) == []
