"""The agency is recognised where a report names it outside a title of the usual shape: in "本报告由…编制", in the
title block (a line above or below a title without it, the year after the title, "…关于2022年…"), over the date at
the end, in a page header (发布机构), beside its 统一社会信用代码; and in fragments without a title."""

from __future__ import annotations

import pytest

from gongkai.check.read import Status, read_bytes

ZHANGDIAN = "淄博市张店区机关事务服务中心"
PINGTAN_OFFICE = "平潭综合实验区管委会办公室"
TITLE = f"{ZHANGDIAN}\n2022年政府信息公开工作年度报告"


@pytest.fixture
def seed(seed_text) -> str:
    text = seed_text.read_text(encoding="utf-8")
    assert text.startswith(TITLE)
    return text


@pytest.fixture
def fragment(corpus) -> str:
    """A scraped report's body from its statistics period on: no title, no 汇总…各有关单位."""
    page = (corpus / "2022.page.txt").read_text(encoding="utf-8")
    return page[page.index("本报告中所列") :]


def _read(text: str):
    outcome = read_bytes(text.encode("utf-8"), "report.txt")
    assert outcome.status is Status.REPORT, outcome.reason
    return outcome


@pytest.mark.parametrize(
    "title",
    [
        f"2022年政府信息公开工作年度报告\n{ZHANGDIAN}",  # the agency under the title
        f"{ZHANGDIAN}政府信息公开工作年度报告（2022年度）",  # the year after the title
        f"{ZHANGDIAN}关于2022年政府信息公开工作年度报告",
        f"2022年度{ZHANGDIAN}政府信息公开工作年度报告",  # the year first
        f"2022年度\n{ZHANGDIAN}政府信息公开工作年度报告",
        f"{ZHANGDIAN}政府信息公开工作年度报告",  # no year: the statistics period gives it
    ],
)
def test_the_agency_in_the_title_block(seed, title):
    outcome = _read(seed.replace(TITLE, title, 1))
    assert (outcome.report.agency, outcome.report.year) == (ZHANGDIAN, 2022)
    assert "未能识别机关名称" not in outcome.problems


def test_the_agency_that_signs_the_report(seed):
    outcome = _read(seed.replace(TITLE, "2022年政府信息公开工作年度报告", 1) + f"\n{ZHANGDIAN}\n2023年1月20日\n")
    assert outcome.report.agency == ZHANGDIAN


@pytest.mark.parametrize(
    ("lead", "agency"),
    [
        (f"本报告由{PINGTAN_OFFICE}根据《条例》要求编制。", PINGTAN_OFFICE),
        (f"本报告根据《条例》要求，由{PINGTAN_OFFICE}编制。", PINGTAN_OFFICE),
        (f"发布机构：{PINGTAN_OFFICE}\n", PINGTAN_OFFICE),
        ("平潭综合实验区管委会（统一社会信用代码：11350100MB0F12345X）\n", "平潭综合实验区管委会"),
    ],
)
def test_the_agency_in_a_fragment_without_a_title(fragment, lead, agency):
    outcome = _read(lead + fragment)
    assert outcome.report.agency == agency
    assert outcome.report.year == 2022


def test_a_credit_code_alone_is_named_in_the_problem(fragment):
    outcome = _read("统一社会信用代码：11350100MB0F12345X\n" + fragment)
    assert outcome.report.agency == ""
    assert "未能识别机关名称（报告中印有统一社会信用代码 11350100MB0F12345X）" in outcome.problems


@pytest.mark.parametrize(
    "lead",
    ["信息来源：本网\n", "发布机构：\n栏目：政府信息公开年报\n", "组配分类：政府信息公开年报 统一社会信用代码：\n"],
)
def test_labels_that_do_not_name_an_agency_are_not_taken_for_one(fragment, lead):
    outcome = _read(lead + fragment)
    assert outcome.report.agency == ""
