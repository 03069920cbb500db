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
from decimal import Decimal

from gongkai.report.format import CellKind

Number = int | Decimal

MAX_CANDIDATES = 50  # enough to show; a row with more is reported as ambiguous with the first ones listed
_MAX_DIGITS = 60  # longer runs are not one row of a report's table: refuse rather than spend time
_MAX_STEPS = 100_000  # bounds the search on adversarial input (about 0.1 s)


def _number(text: str, kind: CellKind) -> Number | None:
    # String tests rather than regular expressions: this runs for every cut tried.
    if kind is CellKind.AMOUNT:
        whole, dot, fraction = text.partition(".")
        if not whole.isdigit() or (len(whole) > 1 and whole[0] == "0") or (dot and not fraction.isdigit()):
            return None
        return Decimal(text)
    digits = text[1:] if kind is CellKind.SIGNED_COUNT and text.startswith("-") else text
    if not digits.isdigit() or not digits.isascii() or (len(digits) > 1 and digits[0] == "0"):
        return None
    if digits != text and digits == "0":
        return None
    return int(text)


def split_run(run: str, kinds: Sequence[CellKind], *, chunk: int | None = None) -> list[list[Number]]:
    """The readings of `run` as len(kinds) numbers, at most MAX_CANDIDATES + 1 of them.

    With `chunk`, the numbers come in groups of that size whose last is the sum of the others (table B: one group
    of 7; table C: three groups of 5); the last of each group is then not guessed but computed, which also keeps
    the search small.
    """
    run = run.replace("\u2212", "-").replace(",", "").replace("，", "").replace("|", " ").replace("｜", " ")
    run = re.sub(r"万?元", " ", run)
    groups = run.split()
    total = sum(len(g) for g in groups)
    if not groups or total > _MAX_DIGITS or len(groups) > len(kinds) or total < len(kinds):
        return []
    text = "".join(groups)
    if len(text) == len(kinds) and text.isdigit():
        # One digit per cell (the common all-small row): the only reading, if it adds up.
        values = [int(char) for char in text]
        if chunk and any(sum(values[i : i + chunk - 1]) != values[i + chunk - 1] for i in range(0, len(values), chunk)):
            return []
        return [values]
    size = len(text)
    # next_cut[i]: the first required cut after position i (where a space was, or the end);
    # cuts_after[i]: how many required cuts lie after i (each needs a number of its own).
    cuts: list[int] = []
    position = 0
    for group in groups:
        position += len(group)
        cuts.append(position)
    next_cut = [0] * (size + 1)
    cuts_after = [0] * (size + 1)
    for i in range(size + 1):
        later = [b for b in cuts if b > i]
        next_cut[i] = later[0] if later else size
        cuts_after[i] = len(later)
    found: list[list[Number]] = []
    values: list[Number] = []
    n = len(kinds)
    budget = [_MAX_STEPS]

    def place(i: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return True  # a pathological run: stop searching; the caller sees how many were found
        j = len(values)
        if j == n:
            if i == size:
                found.append(list(values))
            return len(found) > MAX_CANDIDATES
        if size - i < n - j or cuts_after[i] > n - j:
            return False
        limit = next_cut[i]
        if chunk and (j + 1) % chunk == 0:
            # The group's total is not guessed: it must read as the sum of the numbers before it.
            expected = sum(values[j - chunk + 1 : j])
            piece = str(expected)
            end = i + len(piece)
            if end <= limit and text.startswith(piece, i):
                values.append(expected)
                stop = place(end)
                values.pop()
                return stop
            return False
        kind = kinds[j]
        # A number never starts with 0 unless it is 0; leave at least one digit for each number still to place.
        last = i + 1 if text[i] == "0" else min(limit, size - (n - j - 1))
        for end in range(i + 1, last + 1):
            value = _number(text[i:end], kind)
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
