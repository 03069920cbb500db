"""S1 T4 V1 T2 T3 D1: sections and headings, the format version, fees, the statistics period, the deadline."""

import datetime as dt

from factories import make_report
from gongkai.report.format import FormatVersion
from gongkai.report.model import AgencyLevel
from gongkai.report.rules import Severity, check_report


def findings(report, rule_id):
    return [f for f in check_report(report) if f.rule == rule_id]


def test_s1_finds_a_missing_section():
    report = make_report()
    del report.sections["5"]
    (finding,) = findings(report, "S1")
    assert finding.severity is Severity.ERROR
    assert finding.cells == ("sections.5",)
    assert "五、存在的主要问题及改进情况" in finding.message


def test_s1_finds_a_heading_that_is_not_the_official_one():
    report = make_report()
    report.sections["4"] = "四、政府信息公开行政法复议、行政诉讼情况"  # 平潭 2022's typo
    (finding,) = findings(report, "S1")
    assert finding.evidence["expected"] == "四、政府信息公开行政复议、行政诉讼情况"


def test_s1_finds_sections_out_of_order():
    report = make_report()
    report.sections["5"], report.sections["6"] = (
        report.sections["6"].replace("六、", "五、"),
        report.sections["5"].replace("五、", "六、"),
    )
    found = findings(report, "S1")
    assert [f.cells for f in found] == [("sections.5",), ("sections.6",)]
    assert "顺序不对" in found[0].message


def test_s1_accepts_a_heading_numbered_differently_which_t4_reports():
    report = make_report()
    report.sections["3"] = report.sections["3"].replace("三、", "3、 ")
    assert findings(report, "S1") == []
    (finding,) = findings(report, "T4")
    assert finding.severity is Severity.WARNING
    assert finding.evidence["expected_prefix"] == "三、"


def test_t4_keeps_consistent_numbering():
    assert findings(make_report(), "T4") == []


def test_v1_finds_a_2021_report_in_the_2019_format():
    report = make_report(2021, FormatVersion.V2019)
    (finding,) = findings(report, "V1")
    assert finding.severity is Severity.ERROR
    assert "国办公开办函〔2021〕30号" in finding.message


def test_v1_accepts_the_2019_format_for_2020():
    assert findings(make_report(2020, FormatVersion.V2019), "V1") == []


def test_t2_warns_when_section_six_says_nothing_of_fees():
    report = make_report()
    report.sections["6"] = "六、其他需要报告的事项\n本年度承办人大代表建议3件。"
    (finding,) = findings(report, "T2")
    assert finding.severity is Severity.WARNING


def test_t2_accepts_a_statement_that_fees_were_charged():
    report = make_report()
    report.sections["6"] = "六、其他需要报告的事项\n本年度按件收取信息处理费300元。"
    assert findings(report, "T2") == []


def test_t3_warns_when_the_period_is_not_the_report_year():
    report = make_report(2023)
    report.preamble = "本报告所列数据的统计期限自2022年12月1日起至2023年11月30日止。"
    (finding,) = findings(report, "T3")
    assert finding.evidence["expected"] == "2023年1月1日至2023年12月31日"


def test_t3_warns_when_no_period_is_stated():
    report = make_report(2023)
    report.preamble = ""
    (finding,) = findings(report, "T3")
    assert "没有说明" in finding.message


def test_t3_reads_the_seed_preamble(seed_report):
    assert findings(seed_report, "T3") == []


def test_d1_warns_when_a_department_publishes_after_31_january():
    report = make_report(2023)
    report.published_on = dt.date(2024, 2, 3)
    (finding,) = findings(report, "D1")
    assert finding.evidence == {"published_on": "2024-02-03", "deadline": "2024-01-31", "days_late": 3}


def test_d1_gives_a_government_until_31_march():
    report = make_report(2023)
    report.agency_level = AgencyLevel.GOVERNMENT
    report.published_on = dt.date(2024, 3, 31)
    assert findings(report, "D1") == []
    report.published_on = dt.date(2024, 4, 1)
    assert len(findings(report, "D1")) == 1
