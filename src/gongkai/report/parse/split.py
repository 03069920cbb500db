"""Split a run of digits whose cell boundaries were lost (scraped text: `230 000023` for 23,0,0,0,0,0,23).

Spaces that survived are boundaries; within a group of digits every cut is tried, and a split is kept only if
the numbers are well formed (no leading zeros, a sign only where the column allows one, a decimal point only in an
amount) and satisfy the table's own arithmetic for that row (table B: the six applicant columns sum to 总计;
table C: each group's four results sum to its 总计). More than one surviving split is ambiguous: the caller says
so and leaves the cells blank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from gongkai.report.format import CellKind

Number = int | Decimal

MAX_CANDIDATES = 50  # enough to show; a row with more is reported as ambiguous with the first ones listed
_MAX_DIGITS = 60  # longer runs are not one row of a report's table: refuse rather than spend time
_MAX_STEPS = 100_000  # bounds the search on adversarial input (about 0.1 s)


def _number(text: str, kind: CellKind) -> Number | None:
    if kind is CellKind.AMOUNT:
        if not re.fullmatch(r"(?:0|[1-9]\d*)(?:\.\d+)?", text):
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    pattern = r"-?(?:0|[1-9]\d*)" if kind is CellKind.SIGNED_COUNT else r"(?:0|[1-9]\d*)"
    if not re.fullmatch(pattern, text) or text == "-0":
        return None
    return int(text)


def split_run(run: str, kinds: Sequence[CellKind], *, chunk: int | None = None) -> list[list[Number]]:
    """The readings of `run` as len(kinds) numbers, at most MAX_CANDIDATES + 1 of them.

    With `chunk`, the numbers come in groups of that size whose last is the sum of the others (table B: one group
    of 7; table C: three groups of 5); the last of each group is then not guessed but computed, which also keeps
    the search small.
    """
    run = run.replace("\u2212", "-").replace(",", "").replace("，", "")
    run = re.sub(r"万?元", " ", run)
    groups = run.split()
    total = sum(len(g) for g in groups)
    if not groups or total > _MAX_DIGITS or len(groups) > len(kinds) or total < len(kinds):
        return []
    text = "".join(groups)
    boundaries: list[int] = []  # a cut is required at each of these positions (where a space was)
    position = 0
    for group in groups:
        position += len(group)
        boundaries.append(position)
    found: list[list[Number]] = []
    values: list[Number] = []
    n = len(kinds)

    def next_boundary(i: int) -> int:
        for b in boundaries:
            if b > i:
                return b
        return len(text)

    def boundaries_after(i: int) -> int:
        return sum(1 for b in boundaries if b > i)

    budget = [_MAX_STEPS]

    def place(i: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return True  # a pathological run: stop searching; the caller sees how many were found
        j = len(values)
        if j == n:
            if i == len(text):
                found.append(list(values))
            return len(found) > MAX_CANDIDATES
        if len(text) - i < n - j or boundaries_after(i) > n - j:
            return False
        limit = next_boundary(i)
        if chunk and (j + 1) % chunk == 0:
            expected = sum(values[j - chunk + 1 : j])
            piece = str(expected)
            end = i + len(piece)
            if end <= limit and text[i:end] == piece:
                values.append(expected)
                stop = place(end)
                values.pop()
                return stop
            return False
        for end in range(i + 1, limit + 1):
            value = _number(text[i:end], kinds[j])
            if value is None:
                continue
            values.append(value)
            stop = place(end)
            values.pop()
            if stop:
                return True
        return False

    place(0)
    if budget[0] < 0 and len(found) <= 1:
        return []  # the search was cut short, so one reading found is not known to be the only one
    return found
