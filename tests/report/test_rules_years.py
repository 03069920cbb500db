"""Y1 Y2 D2: a report compared with the same agency's report of the year before."""

from factories import make_report, previous_of
from gongkai.report.rules import Severity, check_report, similarity


def findings(report, previous, rule_id):
    return [f for f in check_report(report, previous) if f.rule == rule_id]


def test_it_keeps_the_cross_year_rules_for_consistent_years():
    report = make_report()
    assert check_report(report, previous_of(report)) == []


def test_y1_finds_carried_over_applications_that_last_year_did_not_carry_forward():
    report = make_report()
    previous = previous_of(report)
    previous.set("table_b.carried_forward.natural_person", 3)
    previous.set("table_b.carried_forward.total", 3)
    previous.set("table_b.total_processed.natural_person", 8)
    previous.set("table_b.total_processed.total", 10)
    previous.set("table_b.granted.natural_person", 3)
    previous.set("table_b.granted.total", 4)
    found = findings(report, previous, "Y1")
    assert [f.cells for f in found] == [("table_b.carried_over.natural_person",), ("table_b.carried_over.total",)]
    assert found[0].severity is Severity.ERROR
    assert found[0].evidence == {"this_year": 1, "last_year_carried_forward": 3, "last_year": 2022}
    assert not [f for f in check_report(previous) if f.severity is Severity.ERROR]  # last year balances itself


def test_y1_needs_consecutive_years():
    report = make_report()
    older = previous_of(report)
    older.year = report.year - 2
    older.set("table_b.carried_forward.total", 9)
    assert findings(report, older, "Y1") == []


def test_y2_warns_when_documents_in_force_do_not_follow_from_last_year():
    report = make_report()
    previous = previous_of(report)
    previous.set("table_a.normative_documents.in_force", 4)
    (finding,) = findings(report, previous, "Y2")
    assert finding.severity is Severity.WARNING
    assert finding.evidence == {"expected": 5, "in_force": 10, "last_year_in_force": 4}
    assert "行政规范性文件" in finding.message


def test_d2_warns_when_a_section_is_a_near_copy_of_last_years():
    report = make_report()
    previous = previous_of(report)
    # Last year's section with its numbers changed and one sentence reworded: still mostly the same text.
    report.sections["5"] += "\n2023年共整改问题6项，开展业务培训2次，组织专项检查4次，发布栏目更新通报12期。"
    previous.sections["5"] = report.sections["5"].replace("2023年", "2022年").replace("6项", "9项")
    previous.sections["5"] = previous.sections["5"].replace("按月检查", "按季检查")
    (finding,) = findings(report, previous, "D2")
    assert finding.cells == ("sections.5",)
    assert 0.7 <= finding.evidence["similarity"] < 0.8  # three of four sentences carried over


def test_d2_ignores_changed_years_and_numbers_when_comparing():
    text = "2022年，我局共公开信息120条，认真落实条例要求，主动接受社会监督，切实保障公众知情权。"
    assert similarity(text, text.replace("2022", "2023").replace("120", "98")) == 1.0
    assert similarity(text + "另外，新增一个完全不同的句子用于对照。", text) < 1.0
    assert similarity(text, "本年度重点推进财政预决算公开，发布部门预算和三公经费说明，并开展政策解读培训。") < 0.2
