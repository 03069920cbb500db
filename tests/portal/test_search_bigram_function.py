"""portal_bigrams(text), the expression of PostgreSQL's bigram index, gives every pair of adjacent characters without
whitespace, lower-cased, once each, and every four ASCII digits in a row (migration portal.0007). Its pairs are the
arrays every earlier definition gave (0003's quadratic one, 0005's linear one), so the index stays valid for a search
that asks for pairs only; and every pair or four the search asks for a term is in the array of every text that holds
the term, or the index would lose matches."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from gongkai.portal import search as search_module

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
    "测发〔2026〕123456号（123456）",
    "电话0533-12345678，邮编255000",
    "１２３４５ 12 3456 1234567",
]


def _grams(text: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT portal_bigrams(%s)", [text])
        return sorted(cursor.fetchone()[0])


def test_it_gives_each_pair_without_whitespace_once_lower_cased(db):
    assert _grams("AB c，D节能 Ab") == sorted({"ab", "c，", "，d", "d节", "节能"})
    assert _grams("aaaa") == ["aa"]
    assert _grams("节") == _grams("") == []


def test_it_gives_every_four_digits_in_a_row(db):
    assert _grams("〔2026〕12345号") == sorted(
        {"〔2", "20", "02", "26", "6〕", "〕1", "12", "23", "34", "45", "5号", "2026", "1234", "2345"}
    )
    assert "1234" not in _grams("12 34") and "１２３４" not in _grams("１２３４")  # whitespace breaks a run; ASCII only


@pytest.mark.parametrize("text", TEXTS)
def test_its_pairs_are_those_of_the_definition_that_built_the_index(db, text):
    with connection.cursor() as cursor:
        cursor.execute(QUADRATIC, {"t": text})
        pairs = sorted(cursor.fetchone()[0])
    fours = {text[i : i + 4] for i in range(len(text) - 3) if re.fullmatch("[0-9]{4}", text[i : i + 4])}
    assert _grams(text) == sorted({*pairs, *fours})


@pytest.mark.parametrize("text", TEXTS)
def test_what_a_search_asks_for_is_in_every_text_holding_its_term(db, monkeypatch, text):
    monkeypatch.setattr(search_module, "_pair_frequencies", lambda: None)  # every pair and four of the term
    held = set(_grams(text))
    for start in range(len(text)):
        for end in range(start + 2, len(text) + 1):
            condition = search_module._postgres_index_condition([text[start:end]])
            if condition is not None:
                assert set(condition[1][0]) <= held, text[start:end]
