"""A number in a query string that is not one is ignored or refused, never a 500: `str.isdigit()` is true of "²"
(which int() refuses) and of "0" (which a year lookup refuses). The fuzz test met both on the staff lists."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.validators import validate_postcode
from gongkai.common.params import int_param, year_param
from personas import PASSWORD

NOT_YEARS = ["0", "0000", "99999", "²⁰²⁵", "1066", "20x5", " 2025", "-2025"]


def test_it_reads_ascii_digits_only_within_bounds():
    assert int_param("42") == 42 and int_param("0") == 0
    assert [int_param(raw) for raw in ("²", "４２", "", None, "-1", "1" * 10)] == [None] * 6
    assert year_param("2025") == 2025 and year_param("1900") == 1900
    assert [year_param(raw) for raw in NOT_YEARS] == [None] * len(NOT_YEARS)


def test_a_postcode_is_six_ascii_digits():
    validate_postcode("255000")
    with pytest.raises(ValidationError):
        validate_postcode("²⁵⁵⁰⁰⁰")


@pytest.mark.parametrize("raw", NOT_YEARS)
def test_the_staff_lists_ignore_a_year_that_is_not_one(client, agency, erin, raw):
    client.login(username=erin.username, password=PASSWORD)
    for url in (f"/staff/{agency.pk}/items/", f"/staff/{agency.pk}/applications/"):
        response = client.get(url, {"year": raw, "assignee": "²"})
        assert response.status_code == 200, (url, raw)


@pytest.mark.parametrize("raw", ["²", "0", "99999999999"])
def test_the_public_search_ignores_numbers_that_are_not_ones(client, agency, raw):
    response = client.get("/search/", {"q": "测试", "page": raw, "year": raw, "agency": raw, "after": f"{raw}-{raw}"})
    assert response.status_code == 200
