"""B1 B2 B3 C1 N1: the arithmetic of tables B and C, and what a cell may hold."""

from decimal import Decimal

import pytest

from factories import make_report
from gongkai.report.format import FormatVersion
from gongkai.report.rules import RULES, Severity, check_report


def findings(report, rule_id):
    return [f for f in check_report(report) if f.rule == rule_id]


def test_it_keeps_every_rule_for_a_consistent_report():
    assert check_report(make_report()) == []


def test_it_keeps_every_rule_for_the_seed_except_its_numbering(seed_report):
    assert [f.rule for f in check_report(seed_report)] == ["T4"]


def test_it_registers_every_rule_of_the_format_with_its_severity():
    errors = {"B1", "B2", "B3", "C1", "N1", "Y1", "S1", "V1"}
    warnings = {"Y2", "T1", "T2", "T3", "T4", "D1", "D2"}
    assert set(RULES) == errors | warnings
    assert {r.id for r in RULES.values() if r.severity is Severity.ERROR} == errors


def test_b1_finds_a_column_that_does_not_balance():
    # 11 received + 1 carried over, but only 10 + 1 accounted for in the natural-person column.
    report = make_report(table_b__new_received__natural_person=11, table_b__new_received__total=13)
    natural, total = findings(report, "B1")
    assert natural.severity is Severity.ERROR
    assert "自然人" in natural.message
    assert "table_b.new_received.natural_person" in natural.cells
    assert natural.evidence == {"left": 12, "right": 11}
    # The total column carries the same defect: 13 + 1 against 12 + 1.
    assert "table_b.new_received.total" in total.cells
    assert total.evidence == {"left": 14, "right": 13}


def test_b1_checks_every_column_including_the_total():
    report = make_report(table_b__carried_forward__total=5)
    cells = [f.cells for f in findings(report, "B1")]
    assert cells == [
        (
            "table_b.new_received.total",
            "table_b.carried_over.total",
            "table_b.total_processed.total",
            "table_b.carried_forward.total",
        )
    ]


def test_b1_leaves_a_blank_cell_alone():
    report = make_report(table_b__carried_forward__total=None)
    assert findings(report, "B1") == []


def test_b2_finds_a_total_that_is_not_the_sum_of_the_results():
    report = make_report(table_b__other_other__research_institution=1)
    (finding,) = findings(report, "B2")
    assert finding.evidence == {"total": 0, "sum": 1}
    assert "table_b.other_other.research_institution" in finding.cells
    assert "科研机构" in finding.message


def test_b2_sums_the_single_other_row_of_the_2019_format():
    report = make_report(2020, FormatVersion.V2019, table_b__other__natural_person=2)
    (finding,) = findings(report, "B2")
    assert finding.evidence == {"total": 0, "sum": 2}


def test_b3_finds_a_row_whose_total_is_not_the_sum_of_its_applicants():
    report = make_report(table_b__granted__total=7)
    (finding,) = findings(report, "B3")
    assert finding.evidence == {"total": 7, "sum": 6}
    assert "（一）予以公开" in finding.message
    assert finding.cells[0] == "table_b.granted.total"


def test_c1_finds_a_group_whose_total_is_wrong():
    report = make_report(table_c__litigation_after_reconsideration__corrected=2)
    (finding,) = findings(report, "C1")
    assert finding.severity is Severity.ERROR
    assert "行政诉讼—复议后起诉" in finding.message
    assert finding.evidence == {"total": 0, "sum": 2}


def test_c1_keeps_groups_that_add_up():
    assert findings(make_report(), "C1") == []


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("table_b.granted.natural_person", -1),
        ("table_a.licensing.decisions", Decimal("2.5")),
        ("table_c.reconsideration.upheld", True),
        ("table_a.fees.amount", Decimal("-0.5")),
    ],
)
def test_n1_finds_a_cell_that_is_not_a_non_negative_whole_number(cell, value):
    report = make_report()
    report.set(cell, value)
    found = findings(report, "N1")
    assert [f.cells for f in found] == [(cell,)]
    assert found[0].severity is Severity.ERROR


def test_n1_accepts_a_decimal_fee_amount_blank_cells_and_a_negative_2019_change():
    report = make_report(table_a__fees__amount=Decimal("12.35"), table_b__granted__research_institution=None)
    assert findings(report, "N1") == []
    old = make_report(2020, FormatVersion.V2019, table_a__licensing__change=-185)
    assert findings(old, "N1") == []
