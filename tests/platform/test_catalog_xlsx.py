import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from gongkai.publishing.models import CatalogEntry
from gongkai.publishing.spreadsheets import CATALOG_HEADERS, catalog_export, catalog_import


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_imports_level_one_and_level_two_indicators(agency, erin):
    data = _xlsx(
        [
            CATALOG_HEADERS,
            ["财政信息", "", "预决算", "20个工作日", "政府网站", "财务科"],
            ["财政信息", "部门预算", "年度预算", "批复后20日", "政府网站", "财务科"],
            ["业务动态", "", "工作动态", "及时", "政府网站", "办公室"],
        ]
    )
    assert catalog_import(agency=agency, actor=erin, data=data) == (3, 0)
    child = CatalogEntry.objects.get(name="部门预算")
    assert (child.level, child.parent.name, child.responsible_unit) == (2, "财政信息", "财务科")


def test_it_round_trips_through_export(agency, erin):
    top = CatalogEntry.objects.create(agency=agency, name="机构职能", method="政府网站")
    CatalogEntry.objects.create(agency=agency, parent=top, name="内设机构", content="科室设置")
    data = catalog_export(agency=agency)
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[2][:3] == ("机构职能", "内设机构", "科室设置")
    assert catalog_import(agency=agency, actor=erin, data=data) == (0, 0)


def test_it_refuses_a_sheet_without_the_headers_and_writes_nothing(agency, erin):
    with pytest.raises(ValidationError, match="表头"):
        catalog_import(agency=agency, actor=erin, data=_xlsx([["名称"], ["财政信息"]]))
    assert not CatalogEntry.objects.exists()


def test_it_refuses_a_file_that_is_not_xlsx(agency, erin):
    with pytest.raises(ValidationError, match="XLSX"):
        catalog_import(agency=agency, actor=erin, data=b"name,content\n")


def test_it_reports_the_row_of_a_bad_line_and_writes_nothing(agency, erin):
    data = _xlsx([CATALOG_HEADERS, ["财政信息", "", "", "", "", ""], ["", "部门预算", "", "", "", ""]])
    with pytest.raises(ValidationError, match="第3行"):
        catalog_import(agency=agency, actor=erin, data=data)
    assert not CatalogEntry.objects.exists()
