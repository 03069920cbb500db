"""T1 reads sums and ranges written in prose ("及", "和", "含", "其中", "共", "分别") as what they are, or not at all:
"予以公开及部分公开42件" is not 部分公开 = 42. A wrong warning costs a supervisor more time than a missing one."""

from __future__ import annotations

import pytest

from gongkai.report.narrative import read_statements
from gongkai.report.rules import check_report

from .makedocs import busy_report


def _read(text: str) -> list[tuple[str, int]]:
    return [(statement.topic, statement.value) for statement in read_statements(text)]


@pytest.mark.parametrize(
    "text",
    [
        "予以公开及部分公开42件",
        "予以公开和部分公开共42件",
        "予以公开与部分公开42件",
        "予以公开、部分公开分别为20件、22件",
        "因政府信息公开被申请行政复议、提起行政诉讼共3件",
        "共收到政府信息公开申请42件（含上年结转2件）",
        "共收到政府信息公开申请42件，其中上年结转2件",
        "办结申请40件以上",
        "办结申请40件左右",
        "主动予以公开42件",
        "收到和办结申请分别为42件、40件",
    ],
)
def test_a_compound_is_not_read_as_one_category(text):
    assert _read(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("予以公开20件、部分公开22件", [("granted", 20), ("partially_granted", 22)]),
        ("予以公开42件（含部分公开22件）", [("partially_granted", 22)]),
        ("予以公开42件，其中部分公开22件", [("partially_granted", 22)]),
        (
            "共办结42件，其中予以公开20件，部分公开22件",
            [("total_processed", 42), ("granted", 20), ("partially_granted", 22)],
        ),
        ("共收到政府信息公开申请42件，其中自然人40件", [("new_received", 42)]),
        ("发生行政复议1件，行政诉讼2件", [("reconsideration", 1), ("litigation", 2)]),
    ],
)
def test_the_parts_of_a_sentence_that_are_single_counts_are_still_read(text, expected):
    assert _read(text) == expected


def _t1_with(sentence: str) -> list:
    report = busy_report()  # table B: 予以公开 13, 部分公开 0, 无法提供 2, 办结 15; table C: 行政复议 1
    report.sections["3"] = report.section_heading("3") + "\n" + sentence
    return [finding for finding in check_report(report) if finding.rule == "T1"]


def test_a_sum_in_prose_raises_no_t1_warning():
    assert _t1_with("本年度予以公开及部分公开13件，无法提供2件，办结15件。") == []
    assert _t1_with("因政府信息公开被申请行政复议、提起行政诉讼共1件。") == []


def test_a_single_count_that_differs_from_the_table_still_raises_t1():
    findings = _t1_with("本年度予以公开12件，无法提供2件。")
    assert [(f.evidence["stated"], f.evidence["table"]) for f in findings] == [(12, 13)]


def test_received_counting_last_years_carried_over_is_a_sum_not_a_wrong_number():
    """平潭 2022: "全区收到政府信息公开申请75件" where table B has 74 new and 1 carried over from the year before."""
    report = busy_report()  # 15 new
    report.set("table_b.carried_over.natural_person", 1)
    report.set("table_b.carried_over.total", 1)

    def t1(sentence: str) -> list:
        report.sections["3"] = report.section_heading("3") + "\n" + sentence
        return [finding for finding in check_report(report) if finding.rule == "T1"]

    assert t1("本年度共收到政府信息公开申请16件。") == []
    assert t1("本年度共收到政府信息公开申请15件。") == []
    assert [f.evidence.get("stated") for f in t1("本年度共收到政府信息公开申请17件。") if "stated" in f.evidence] == [
        17
    ]


def test_the_scraped_pingtan_2022_report_raises_no_t1(corpus):
    from gongkai.check.read import read_bytes

    outcome = read_bytes((corpus / "2022.page.txt").read_bytes(), "2022.page.txt")
    assert outcome.report.table_b["new_received"]["total"] == 74
    assert [f for f in check_report(outcome.report) if f.rule == "T1"] == []
