"""portal_bigrams(text), the expression of PostgreSQL's bigram index, gives every pair of adjacent characters without
whitespace, lower-cased, once each: the same arrays whichever definition built the index (migration 0005 replaced the
quadratic one of 0003 with a linear one; an index built by either stays valid only if they agree)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL function")

QUADRATIC = r"""SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
    SELECT lower(substr(%(t)s, i, 2)) AS pair FROM generate_series(1, length(%(t)s) - 1) AS i) AS pairs
    WHERE pair !~ '\s'"""
TEXTS = [
    "",
    "节",
    "节能",
    "Ab",
    "AB c D",
    "节，能 a_b AB12",
    "x\ty\nZ",
    "  ",
    "ÀÉ ß",
    " a b ",
    "aaaa",
    "推进节能。降耗",
]


def _bigrams(text: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT portal_bigrams(%s)", [text])
        return sorted(cursor.fetchone()[0])


def test_it_gives_each_pair_without_whitespace_once_lower_cased(db):
    assert _bigrams("AB c，D节能 Ab") == sorted({"ab", "c，", "，d", "d节", "节能"})
    assert _bigrams("aaaa") == ["aa"]
    assert _bigrams("节") == _bigrams("") == []


@pytest.mark.parametrize("text", TEXTS)
def test_it_agrees_with_the_definition_that_built_the_index(db, text):
    with connection.cursor() as cursor:
        cursor.execute(QUADRATIC, {"t": text})
        assert _bigrams(text) == sorted(cursor.fetchone()[0])
