"""Spaced digits and dates as PDF text and web pages give them: "统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止"
is the statistics period (T3), and a number written "1 5 件", "15&nbsp;件" or broken over a line is read by T1."""

from __future__ import annotations

import pytest

from gongkai.check.read import Status, read_bytes
from gongkai.report.narrative import read_statements
from gongkai.report.rules import _stated_period, check_report

from .makedocs import busy_report, report_pdf_of

# ⽉ and ⽇ are Kangxi radicals, which some producers' fonts map 月 and 日 to.
PERIOD = "本年度报告中所列数据的统计期限自 2 0 2 2 年 1 ⽉ 1 ⽇起至 2 0 2 2 年 1 2 ⽉ 3 1 ⽇⽌。"


@pytest.fixture(scope="module")
def spaced_pdf() -> bytes:
    report = busy_report()
    report.preamble = PERIOD
    heading = report.section_heading("3")
    report.sections["3"] = f"{heading}\n2022 年，本中心共收到政府信息公开申请 1 5 件，办结 1 6 件，予以公开 1 3 件。"
    report.sections["6"] = report.section_heading("6") + "\n本年度未收取信息处理费。"
    return report_pdf_of(report)


def test_a_spaced_period_with_radicals_in_a_pdf_is_the_statistics_period(spaced_pdf):
    outcome = read_bytes(spaced_pdf, "spaced.pdf")
    assert outcome.status is Status.REPORT
    assert not [f for f in check_report(outcome.report) if f.rule == "T3"]


def test_spaced_numbers_in_a_pdf_sentence_are_read_by_t1(spaced_pdf):
    outcome = read_bytes(spaced_pdf, "spaced.pdf")
    t1 = [f for f in check_report(outcome.report) if f.rule == "T1"]
    # 15 received and 13 granted agree with the table; 16 closed does not (the table says 15).
    assert [(f.evidence.get("stated"), f.evidence.get("table")) for f in t1] == [(16, 15)]


@pytest.mark.parametrize(
    "text",
    [
        "统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止",
        "统计期限为2024.1.1—2024.12.31",
        "统计期限为2024-01-01至2024-12-31",
        "统计时间为2024/1/1-2024/12/31。",
        "统计期限：2024年1月1日至12月31日",
    ],
)
def test_written_forms_of_the_period_are_read(text):
    stated = _stated_period(text)
    assert stated is not None
    assert stated[:2] == ((2024, 1, 1), (2024, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "本报告统计期限为2024年度。",
        "统计时限为2024年全年。",
        "统计期间为2024年1月至12月。",
        "数据统计截至2024年12月31日。",
    ],
)
def test_the_whole_year_in_a_word_is_a_stated_period(text):
    stated = _stated_period(text)
    assert stated is not None and stated[:2] == ((2024, 1, 1), (2024, 12, 31))


def test_a_period_that_ends_early_is_still_found():
    stated = _stated_period("数据统计截至2024年11月30日。")
    assert stated is not None and stated[1] == (2024, 11, 30)


def test_a_wrong_period_written_with_dots_is_still_found():
    report = busy_report()
    report.preamble = "本报告统计期限为2021.1.1—2021.12.31。"
    t3 = [f for f in check_report(report) if f.rule == "T3"]
    assert len(t3) == 1 and "与报告年度不符" in t3[0].message


def test_a_period_stated_only_in_section_six_is_not_called_missing():
    report = busy_report()
    report.preamble = ""
    report.sections["6"] = (
        report.section_heading("6") + "\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
    )
    assert not [f for f in check_report(report) if f.rule == "T3"]


@pytest.mark.parametrize(
    "text",
    [
        "共收到政府信息公开申请\xa015\xa0件",  # &nbsp; from a web page
        "共收到政府信息公开申请\u200215\u2002件",  # an en space
        "共收到政府信息公开申请1\n5件",  # a PDF line broken inside the number
        "共收到政府信息公开申请\n15件",
        "共收到政府信息公开申请 1 5 件",
    ],
)
def test_numbers_with_spaces_or_breaks_are_read(text):
    assert [(s.topic, s.value) for s in read_statements(text)] == [("new_received", 15)]


def test_a_thousands_separator_is_part_of_the_number():
    assert [(s.topic, s.value) for s in read_statements("共收到政府信息公开申请1,234件")] == [("new_received", 1234)]
