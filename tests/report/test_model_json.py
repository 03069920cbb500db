"""The report as JSON: machine names, the schema, and clear errors for bad input."""

import datetime as dt
import json
from decimal import Decimal

import jsonschema
import pytest

from factories import make_report
from gongkai.report.format import FormatVersion
from gongkai.report.model import Report, ReportDataError, json_schema, load_report, report_from_dict


def test_it_round_trips_through_json(tmp_path):
    report = make_report(table_a__fees__amount=Decimal("12.35"), table_b__granted__research_institution=None)
    report.published_on = dt.date(2024, 1, 20)
    report.save(tmp_path / "r.json")
    back = load_report(tmp_path / "r.json")
    assert back == report
    assert back.get("table_a.fees.amount") == Decimal("12.35")
    assert isinstance(back.get("table_b.granted.total"), int)


def test_it_writes_numbers_as_json_numbers_and_blanks_as_null(tmp_path):
    report = make_report(table_b__granted__research_institution=None)
    data = json.loads(report.to_json())
    assert data["table_b"]["granted"]["total"] == 6
    assert data["table_b"]["granted"]["research_institution"] is None
    assert data["table_a"]["fees"]["amount"] == 1.5
    assert list(data["sections"]) == ["1", "2", "3", "4", "5", "6"]


def test_the_seed_holds_every_number_and_paragraph(seed_report):
    assert seed_report.agency == "淄博市张店区机关事务服务中心"
    assert seed_report.year == 2022
    assert all(value == 0 for _, value in seed_report.cells())
    assert len(list(seed_report.cells())) == 10 + 25 * 7 + 15
    assert seed_report.section_heading("3") == "3、 收到和处理政府信息公开申请情况"
    assert "共公开政务信息83次（条）" in seed_report.sections["1"]
    assert len(seed_report.section_body("1").splitlines()) == 9
    assert seed_report.section_body("6").startswith("1.2022年度，我单位未收到政府信息公开申请")
    assert "统计期限自2022年1月1日起" in seed_report.preamble


def test_the_schema_accepts_the_seed_and_both_versions(seed_report_path):
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(seed_report_path.read_text(encoding="utf-8")), schema)
    jsonschema.validate(json.loads(make_report(2020, FormatVersion.V2019).to_json()), schema)


def test_the_schema_names_each_cell_by_its_official_label():
    props = json_schema()["allOf"][0]["then"]["properties"]["table_b"]["properties"]
    assert props["withheld_three_safeties"]["properties"]["total"]["description"] == (
        "三、本年度办理结果 / （三）不予公开 / 3.危及“三安全一稳定” / 申请人情况 / 总计"
    )


def _data(**changes):
    data = json.loads(make_report().to_json())
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for key in parents:
            target = target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"table_c": _DELETE}, "缺少 table_c"),
        ({"table_b__granted__total": -3}, "table_b.granted.total 为负数"),
        ({"table_b__granted__total": "六"}, "table_b.granted.total 应为整数，实际为 “六”"),
        ({"table_b__granted__total": 2.5}, "table_b.granted.total 应为整数"),
        ({"table_b__granted__natural": 1}, "table_b.granted 含有未知的项 natural"),
        ({"colour": "red"}, "含有未知的项 colour"),
        ({"format_version": "2020"}, "format_version 的值 “2020” 无效"),
        ({"table_a__fees__amount": "0.5万元"}, "table_a.fees.amount 应为数字"),
        ({"sections__7": "七、附件"}, "sections 含有未知的部分"),
    ],
)
def test_it_names_the_cell_of_bad_input(changes, expected):
    with pytest.raises(ReportDataError) as caught:
        report_from_dict(_data(**changes), "r.json")
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems
    assert str(caught.value).startswith("r.json: ")


def test_it_refuses_a_year_in_the_future():
    with pytest.raises(ReportDataError, match="2031 年，晚于今年"):
        report_from_dict(_data(year=2031), "r.json", today=dt.date(2026, 11, 26))


def test_it_refuses_malformed_json_and_missing_files(tmp_path):
    (tmp_path / "bad.json").write_text('{"agency": "x",', encoding="utf-8")
    with pytest.raises(ReportDataError, match="不是有效的 JSON"):
        load_report(tmp_path / "bad.json")
    with pytest.raises(ReportDataError, match="文件不存在"):
        load_report(tmp_path / "none.json")
    (tmp_path / "latin.json").write_bytes(b'{"agency": "\xff"}')
    with pytest.raises(ReportDataError, match="UTF-8"):
        load_report(tmp_path / "latin.json")


def test_a_blank_report_has_every_cell_blank():
    report = Report.blank("某局", 2023)
    assert {value for _, value in report.cells()} == {None}
    assert report.section_heading("4") == "四、政府信息公开行政复议、行政诉讼情况"
