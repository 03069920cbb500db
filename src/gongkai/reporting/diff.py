"""What a correction changed: the cells whose numbers differ and the text, paragraph by paragraph."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from gongkai.report.format import SECTIONS
from gongkai.report.model import Report


@dataclass(frozen=True)
class CellChange:
    cell: str
    before: object
    after: object


@dataclass(frozen=True)
class TextChange:
    part: str  # "preamble" or a section key
    removed: list[str]
    added: list[str]


def report_diff(before: Report, after: Report) -> tuple[list[CellChange], list[TextChange]]:
    cells = [
        CellChange(ref.name, before.get(ref.name), value)
        for ref, value in after.cells()
        if before.get(ref.name) != value
    ]
    texts = []
    parts = [("preamble", before.preamble, after.preamble)] + [
        (s.key, before.sections.get(s.key) or "", after.sections.get(s.key) or "") for s in SECTIONS
    ]
    for part, old, new in parts:
        if old == new:
            continue
        removed, added = [], []
        for line in difflib.ndiff(old.splitlines(), new.splitlines()):
            if line.startswith("- "):
                removed.append(line[2:])
            elif line.startswith("+ "):
                added.append(line[2:])
        texts.append(TextChange(part, removed, added))
    return cells, texts
