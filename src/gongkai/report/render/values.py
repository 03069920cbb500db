"""How a cell's value is written in a document."""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.report.model import Cell


def cell_text(value: Cell) -> str:
    """A blank cell stays blank; an amount keeps its digits without an exponent ("0", "12.5")."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != 0 else "0"
    return str(value)


# A level-2 heading that opens a paragraph, "（一）主动公开方面。…": set in 楷体 by the renderers.
SUBHEADING = re.compile(r"^([（(][一二三四五六七八九十]+[）)][^。：:]{1,40}?[。：:])")


def closing_lines(report) -> list[str]:
    """What a published report ends with, as real reports do: the agency's name and the date of publication,
    right-aligned under the last section. Nothing before it is published."""
    if report.published_on is None:
        return []
    day = report.published_on
    return [report.agency, f"{day.year}年{day.month}月{day.day}日"]
