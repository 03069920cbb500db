"""The format description matches FORMAT.md and the official template, label for label."""

import re

import pytest

from gongkai.report.format import (
    FORMAT_2019,
    FORMAT_2021,
    RESULT_ROW_KEYS_2019,
    RESULT_ROW_KEYS_2021,
    SECTIONS,
    TABLE_B_2021,
    TABLE_C,
)
from gongkai.report.layout import table_grid
from gongkai.report.parse.document import normalise_label
from gongkai.report.parse.docx import _grid as docx_grid


def test_it_has_the_shape_format_md_describes():
    table_b = FORMAT_2021.table("table_b")
    assert len(table_b.row_keys()) == 25
    assert len(table_b.blocks[0].columns) == 7
    assert len(RESULT_ROW_KEYS_2021) == 21
    assert len(RESULT_ROW_KEYS_2019) == 19
    assert len(FORMAT_2019.table("table_b").row_keys()) == 23
    assert len(TABLE_C.cells) == 15
    assert len(FORMAT_2021.table("table_a").cells) == 10
    assert [s.heading for s in SECTIONS] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


def test_it_uses_the_machine_names_of_format_md(shared):
    text = (shared / "reference" / "FORMAT.md").read_text(encoding="utf-8")
    names = set(FORMAT_2021.cells_by_name)
    for name in (
        "table_a.fees.amount",
        "table_b.withheld_three_safeties.social_welfare_org",
        "table_b.other_unpaid_fee.total",
        "table_c.litigation_after_reconsideration.pending",
    ):
        assert name in names
    for row in FORMAT_2021.table("table_b").row_keys():
        assert f"`{row}`" in text
    for column in TABLE_B_2021.blocks[0].columns:
        assert f"`{column.key}`" in text
    assert "`other`" in text and "other" in FORMAT_2019.table("table_b").row_keys()


def test_every_label_is_written_as_format_md_or_the_template_writes_it(shared):
    import docx

    template = docx.Document(str(shared / "reference" / "annual-report-template-2021.docx"))
    text = (shared / "reference" / "FORMAT.md").read_text(encoding="utf-8")
    text += "\n".join(
        re.sub(r"\s+", "", cell.text) for table in template.tables for row in table.rows for cell in row.cells
    )
    for fmt in (FORMAT_2021, FORMAT_2019):
        for table in fmt.tables:
            for block in table.blocks:
                labels = [block.title, block.corner, block.row_header]
                labels += [part for row in block.rows for part in row.path]
                labels += [part for column in block.columns for part in column.path]
                for label in filter(None, labels):
                    # FORMAT.md lists sub-items without the group prefix on one line; compare each label whole.
                    assert label in text or label.split(".", 1)[-1] in text, label
    for section in SECTIONS:
        assert section.heading in text


@pytest.mark.parametrize("index", [0, 1, 2])
def test_the_layout_is_the_official_templates(shared, index):
    """Every header cell of our grid stands where the template has it, with the same text and spans."""
    import docx

    template = docx.Document(str(shared / "reference" / "annual-report-template-2021.docx"))
    rows = docx_grid(template.tables[index]._tbl)
    grid = table_grid(FORMAT_2021.tables[index])
    assert (grid.n_rows, grid.n_cols) == (len(rows), len(rows[0]))
    for cell in grid.cells:
        expected = rows[cell.row][cell.col]
        if cell.ref is None:
            assert normalise_label(cell.text) == normalise_label(expected or ""), (cell, expected)
        # Positions our cell covers are merged in the template too.
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                if (r, c) != (cell.row, cell.col):
                    assert rows[r][c] is None, (cell, r, c, rows[r][c])


def test_no_official_label_is_typed_outside_the_format_module():
    """Rule 6 of STYLE.md: a label exists in exactly one place."""
    from pathlib import Path

    import gongkai

    root = Path(gongkai.__file__).parent
    labels = {
        part
        for fmt in (FORMAT_2021, FORMAT_2019)
        for table in fmt.tables
        for block in table.blocks
        for part in [*(p for r in block.rows for p in r.path), *(p for c in block.columns for p in c.path)]
        if len(part) >= 6
    }
    offenders = []
    for path in root.rglob("*.py"):
        # Migrations are generated: they copy choice labels from the models, which take them from format.py.
        if path.name == "format.py" or "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        for label in labels:
            if re.search(re.escape(f'"{label}"'), source):
                offenders.append((path.name, label))
    assert offenders == []
