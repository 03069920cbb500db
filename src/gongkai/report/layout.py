"""The visual layout of the three tables, derived from the format description.

Every renderer (DOCX, HTML, XLSX) and the grid reader draw the same grid: label cells with their row and column
spans, and data cells that name the model cell they show. Spans come from shared prefixes of the label paths in
`gongkai.report.format`, so the layout of the official template is computed, not drawn by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from gongkai.report.format import Block, CellRef, Table

# Table A's blocks are drawn four columns wide, as in the official template: the row label and three value slots.
TABLE_A_WIDTH = 4


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    text: str = ""  # the label of a header cell
    ref: CellRef | None = None  # the model cell a data cell shows
    scope: str = ""  # for header cells: "col", "colgroup", "row" or "rowgroup"

    @property
    def is_header(self) -> bool:
        return self.ref is None


@dataclass(frozen=True)
class Grid:
    table: Table
    n_rows: int
    n_cols: int
    header_rows: int  # leading rows that are column headers (an HTML thead)
    cells: tuple[GridCell, ...]  # ordered by (row, col) of their top-left corner

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        return out


def _header_spans(paths: list[tuple[str, ...]], depth: int) -> list[tuple[int, int, int, int, str]]:
    """Merge a list of label paths into header cells.

    Returns (level, index, span_along, span_across, text): `span_along` counts the paths a label covers (for column
    headers, a colspan); `span_across` the levels it fills because its path ends early (a rowspan).
    """
    spans = []
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if len(path) <= level:
                i += 1
                continue
            j = i + 1
            while j < len(paths) and len(paths[j]) > level and paths[j][: level + 1] == path[: level + 1]:
                j += 1
            across = depth - level if len(path) == level + 1 else 1
            spans.append((level, i, j - i, across, path[level]))
            i = j
    return spans


def _matrix_grid(
    table: Table,
    row_paths: list[tuple[str, ...]],
    col_paths: list[tuple[str, ...]],
    data: list[list[CellRef]],
    corner: str,
) -> Grid:
    header_depth = max(len(p) for p in col_paths)
    label_depth = max((len(p) for p in row_paths), default=0)
    cells: list[GridCell] = []
    if label_depth and header_depth:
        cells.append(GridCell(0, 0, header_depth, label_depth, text=corner, scope="col"))
    for level, index, along, across, text in _header_spans(col_paths, header_depth):
        scope = "colgroup" if along > 1 else "col"
        cells.append(GridCell(level, label_depth + index, across, along, text=text, scope=scope))
    for level, index, along, across, text in _header_spans(row_paths, label_depth):
        scope = "rowgroup" if along > 1 else "row"
        cells.append(GridCell(header_depth + index, level, along, across, text=text, scope=scope))
    for r, refs in enumerate(data):
        for c, ref in enumerate(refs):
            cells.append(GridCell(header_depth + r, label_depth + c, ref=ref))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Grid(table, header_depth + len(data), label_depth + len(col_paths), header_depth, tuple(cells))


def _value_slots(n_columns: int) -> list[int]:
    """Spread a block's value columns over table A's three slots (one column takes all three)."""
    width = TABLE_A_WIDTH - 1
    base, extra = divmod(width, n_columns)
    return [base + (1 if i >= n_columns - extra else 0) for i in range(n_columns)]


def _block_rows(table: Table, block: Block, top: int) -> list[GridCell]:
    cells = [GridCell(top, 0, 1, TABLE_A_WIDTH, text=block.title, scope="colgroup")]
    slots = _value_slots(len(block.columns))
    cells.append(GridCell(top + 1, 0, text=block.row_header, scope="col"))
    col = 1
    for column, span in zip(block.columns, slots, strict=True):
        cells.append(GridCell(top + 1, col, 1, span, text=column.label, scope="col"))
        col += span
    for offset, row in enumerate(block.rows, start=2):
        cells.append(GridCell(top + offset, 0, text=row.label, scope="row"))
        col = 1
        for column, span in zip(block.columns, slots, strict=True):
            ref = CellRef(table.key, row.key, column.key, column.kind)
            cells.append(GridCell(top + offset, col, 1, span, ref=ref))
            col += span
    return cells


@cache
def table_grid(table: Table) -> Grid:
    """The official layout of one table."""
    if table.key == "table_a":
        cells: list[GridCell] = []
        top = 0
        for block in table.blocks:
            cells.extend(_block_rows(table, block, top))
            top += 2 + len(block.rows)
        return Grid(table, top, TABLE_A_WIDTH, 0, tuple(cells))
    if table.key == "table_c":
        # Groups side by side on one data row under a three-level header.
        columns = [column for block in table.blocks for column in block.columns]
        refs = [
            CellRef(table.key, block.rows[0].key, column.key, column.kind)
            for block in table.blocks
            for column in block.columns
        ]
        return _matrix_grid(table, [], [c.path for c in columns], [refs], corner="")
    (block,) = table.blocks
    data = [[CellRef(table.key, row.key, column.key, column.kind) for column in block.columns] for row in block.rows]
    return _matrix_grid(
        table, [row.path for row in block.rows], [column.path for column in block.columns], data, block.corner
    )
