"""A section present under other wording ("五、存在的主要问题及整改措施") is reported by S1 as a differing heading, not
as missing; a section truly missing is reported missing, and sections out of order are reported out of order."""

from __future__ import annotations

import pytest

from gongkai.check.read import Status, read_bytes
from gongkai.report.parse.document import match_heading
from gongkai.report.rules import check_report

SECTION_5 = "五、存在的主要问题及改进情况"
SECTION_6 = "六、其他需要报告的事项"


def _s1(text: str) -> list:
    outcome = read_bytes(text.encode("utf-8"), "report.txt")
    assert outcome.status is Status.REPORT, outcome.reason
    findings = list(outcome.reader_findings) + check_report(outcome.report)
    return [finding for finding in findings if finding.rule == "S1"]


@pytest.fixture
def seed(seed_text) -> str:
    return seed_text.read_text(encoding="utf-8")


@pytest.fixture
def scraped(corpus) -> str:
    return (corpus / "2022.page.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "heading",
    ["五、存在的主要问题及整改措施", "五、存在的问题和下一步工作方向", "五、工作中存在的问题及改进举措"],
)
def test_a_reworded_heading_is_a_differing_heading_not_a_missing_section(seed, heading):
    findings = _s1(seed.replace(SECTION_5, heading))
    assert [f.message for f in findings] == [f"第五部分的标题“{heading}”与官方格式不一致，应为“{SECTION_5}”。"]


def test_a_heading_known_only_by_its_number_is_a_differing_heading(seed):
    findings = _s1(seed.replace(SECTION_5, "五、下一步工作打算"))
    assert len(findings) == 1
    assert "五、下一步工作打算" in findings[0].message and "不一致" in findings[0].message


def test_a_reworded_heading_in_scraped_text_is_a_differing_heading(scraped):
    assert SECTION_5 in scraped
    findings = _s1(scraped.replace(SECTION_5, "五、存在的主要问题及整改措施"))
    messages = [f.message for f in findings]
    assert any("“五、存在的主要问题及整改措施”与官方格式不一致" in m for m in messages)
    assert not any("缺少" in m for m in messages)


def test_a_missing_section_is_still_missing(seed):
    start, end = seed.index(SECTION_5), seed.index(SECTION_6)
    findings = _s1(seed[:start] + seed[end:])
    assert [f.message for f in findings] == [f"缺少第五部分“{SECTION_5}”。"]


def test_sections_out_of_order_are_reported_as_such(seed):
    start, middle = seed.index(SECTION_5), seed.index(SECTION_6)
    end = seed.index("\n", seed.index("4.根据", middle)) + 1
    swapped = seed[:start] + seed[middle:end] + seed[start:middle] + seed[end:]
    findings = _s1(swapped)
    order = [f for f in findings if "顺序" in f.message]
    assert len(order) == 1
    assert "原文依次为第一、二、三、四、六、五部分" in order[0].message
    assert order[0].evidence["order"] == ["1", "2", "3", "4", "6", "5"]
    assert not any("缺少" in f.message for f in findings)


def test_sections_out_of_order_in_scraped_text_are_found(scraped):
    start, middle = scraped.index(SECTION_5), scraped.index(SECTION_6)
    swapped = scraped[:start] + scraped[middle:] + "\n" + scraped[start:middle]
    findings = _s1(swapped)
    assert any("顺序不对" in f.message for f in findings)
    assert not any("缺少" in f.message for f in findings)


@pytest.mark.parametrize(
    "line",
    ["三、本年度办理结果", "四、结转下年度继续办理", "二、上年结转政府信息公开申请数量", "（五）存在的问题及整改措施"],
)
def test_table_labels_and_subheadings_are_not_loose_headings(line):
    assert match_heading(line) is None
