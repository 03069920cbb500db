"""XLSX: one sheet per table in the official layout (merged headers), numbers stored as numbers.

A first sheet names the agency, year and format; a blank (unreadable) cell stays empty, never 0.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from gongkai.report.layout import table_grid
from gongkai.report.model import Report
from gongkai.report.render.package import stable_package
from gongkai.text import without_control

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = Font(name="仿宋_GB2312", size=11)
_TITLE_FONT = Font(name="黑体", size=14)

_COLUMN_WIDTHS = {"table_a": [28, 18, 18, 18], "table_b": [10, 14, 40] + [11] * 7, "table_c": [9] * 15}
_SHEET_TITLES = {"table_a": "主动公开", "table_b": "依申请公开", "table_c": "复议诉讼"}


def render_xlsx(report: Report) -> bytes:
    report = without_control(report)  # XML cannot hold control characters: openpyxl refuses them
    workbook = Workbook()
    info = workbook.active
    info.title = "报告信息"
    for row in (
        ("报告标题", report.full_title),
        ("机关名称", report.agency),
        ("报告年度", report.year),
        ("格式版本", f"{report.format_version}年版（{report.format.notice}）"),
    ):
        info.append(row)
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 60

    for table in report.format.tables:
        grid = table_grid(table)
        sheet = workbook.create_sheet(_SHEET_TITLES[table.key])
        sheet.cell(row=1, column=1, value=table.caption).font = _TITLE_FONT
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.n_cols)
        top = 2  # grid row 0 is sheet row 2
        for r in range(grid.n_rows):
            for c in range(grid.n_cols):
                sheet.cell(row=top + r, column=1 + c).border = _BORDER
        for cell in grid.cells:
            target = sheet.cell(row=top + cell.row, column=1 + cell.col)
            if cell.ref is None:
                target.value = cell.text
                target.fill = _HEADER_FILL
                target.alignment = _LEFT if cell.scope == "row" and len(cell.text) > 12 else _CENTER
            else:
                value = report.get(cell.ref.name)
                target.value = value  # int or Decimal: stored as a number; None stays empty
                target.alignment = _CENTER
                if value is not None and not isinstance(value, int):
                    target.number_format = "0.00##"
            target.font = _FONT
            if cell.rowspan > 1 or cell.colspan > 1:
                # Register the range directly: `merge_cells()` restyles every covered cell's border one by one,
                # which costs more than the rest of the workbook; the grid's borders are already drawn above.
                sheet.merged_cells.add(
                    CellRange(
                        min_row=top + cell.row,
                        min_col=1 + cell.col,
                        max_row=top + cell.row + cell.rowspan - 1,
                        max_col=1 + cell.col + cell.colspan - 1,
                    )
                )
        for index, width in enumerate(_COLUMN_WIDTHS[table.key], start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if grid.header_rows:
            sheet.freeze_panes = sheet.cell(row=top + grid.header_rows, column=1)
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if table.key != "table_a" else "portrait"
        sheet.page_setup.fitToWidth = 1
        sheet.sheet_properties.pageSetUpPr.fitToPage = True

    buffer = io.BytesIO()
    workbook.save(buffer)
    return stable_package(buffer.getvalue(), day=report.published_on)
