"""XLSX: one sheet per table, the template's merged headers, numbers stored as numbers."""

import io
from decimal import Decimal

import openpyxl

from factories import make_report
from gongkai.report.render.xlsx import render_xlsx


def test_it_writes_one_sheet_per_table_with_numbers_as_numbers():
    report = make_report(table_a__fees__amount=Decimal("2.25"), table_b__granted__research_institution=None)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    assert book.sheetnames == ["报告信息", "主动公开", "依申请公开", "复议诉讼"]
    sheet_b = book["依申请公开"]
    # Grid row 0 is sheet row 2; table B's first data row is grid row 3, its first number in column D.
    assert sheet_b["D5"].value == 10
    assert isinstance(sheet_b["D5"].value, int)
    assert sheet_b["J5"].value == 12
    assert sheet_b["F7"].value is None  # research_institution of 予以公开: blank, not 0
    assert sheet_b["A2"].value.startswith("（本列数据的勾稽关系为")
    merged = {str(r) for r in sheet_b.merged_cells.ranges}
    assert "A2:C4" in merged  # the corner note
    assert "A7:A28" in merged  # 三、本年度办理结果
    sheet_a = book["主动公开"]
    fees = [c.value for row in sheet_a.iter_rows() for c in row if isinstance(c.value, float)]
    assert fees == [2.25]
    sheet_c = book["复议诉讼"]
    assert [c.value for c in sheet_c[5]] == [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
