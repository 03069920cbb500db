"""Numbers read from a query string or a form's free text, refused rather than raised on.

`str.isdigit()` is true of "²" and "0", which `int()` or a year lookup then raise on (a 500): these accept ASCII digits
only, within the bounds a lookup can take."""

from __future__ import annotations

FIRST_YEAR, LAST_YEAR = 1900, 9999


def int_param(raw: str | None, *, digits: int = 9) -> int | None:
    """The number `raw` spells in at most `digits` ASCII digits; None for anything else."""
    raw = raw or ""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= digits else None


def year_param(raw: str | None) -> int | None:
    """A year a date lookup can take (four digits, 1900-9999); None for anything else."""
    year = int_param(raw, digits=4)
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None
