"""A table cell is a number only as a person writes one: at most 15 digits, whatever path reads it."""

from __future__ import annotations

import pytest

from gongkai.report.format import CellKind
from gongkai.report.parse.document import parse_number


@pytest.mark.parametrize("text", ["1" * 16, "9" * 5000, "１" * 20, "-" + "2" * 16])
def test_a_run_of_digits_too_long_for_a_count_is_unreadable_not_an_error(text):
    assert parse_number(text, CellKind.COUNT) == (None, False)


@pytest.mark.parametrize(("text", "value"), [("123", 123), ("9" * 15, int("9" * 15)), ("１２", 12), ("1,234", 1234)])
def test_counts_people_write_are_read(text, value):
    assert parse_number(text, CellKind.COUNT) == (value, True)
