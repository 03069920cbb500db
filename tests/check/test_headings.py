"""Section headings as real reports write them."""

from __future__ import annotations

import pytest

from gongkai.report.parse.document import match_heading


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("一、总体情况", "1"),
        ("一、 总体情况", "1"),
        ("一、概述", "1"),
        ("二、主动公开政府信息情况", "2"),
        ("3、 收到和处理政府信息公开申请情况", "3"),
        ("三、收到和处理政府信息公开申请的情况", "3"),
        ("四、政府信息公开行政复议、行政诉讼情况", "4"),
        ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "4"),
        ("四、政府信息公开行政法复议、行政诉讼情况", "4"),
        ("五、存在的主要问题及改进情况", "5"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "5"),
        ("六、其他需要报告的事项", "6"),
        ("第六部分 其他需要报告的事项", "6"),
        ("六、其他需要报告的事项 本年度未收取信息处理费。", "6"),
        ("其他需要报告的事项", "6"),  # a styled heading whose number is a field
    ],
)
def test_it_recognises_the_heading(line, key):
    found = match_heading(line)
    assert found is not None and found[0] == key


@pytest.mark.parametrize(
    "line",
    [
        "（一）主动公开方面",
        "本报告包括总体情况、主动公开政府信息情况等六个部分。",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
        "2022年，总体情况良好。",
        "总体情况良好，全年主动公开信息100条。",
    ],
)
def test_it_does_not_take_body_text_for_a_heading(line):
    assert match_heading(line) is None
