"""The supervisor's overview counts the errors the draft page shows, the rules across years included: a 2025 report
whose 上年结转 disagrees with the 2024 report as published has a Y1 error on both."""

from __future__ import annotations

from datetime import date

from gongkai.reporting.selectors import region_overview, report_current
from reporting.helpers import published_with_wrong_carry_over


def _row(agency):
    rows = region_overview(agencies=[agency], year=2025, today=date(2026, 1, 12))
    return rows[0]


def test_it_counts_a_y1_error_against_last_years_published_report(demo):
    seed = demo["seed"]
    assert _row(seed).errors == 0
    published_with_wrong_carry_over(seed, 2024)
    on_the_draft = [f for f in report_current(agency=seed, year=2025).findings if f.severity == "error"]
    assert on_the_draft and {f.rule for f in on_the_draft} == {"Y1"}
    assert _row(seed).errors == len(on_the_draft)


def test_an_agency_without_a_published_last_year_is_not_compared(demo):
    assert _row(demo["invented"]).errors == 0
