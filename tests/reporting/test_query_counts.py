"""Tables come from grouped queries: the count of queries does not grow with the records or the agencies."""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.reporting.selectors import report_compute, reports_compute


def test_it_computes_an_agency_year_in_seven_queries(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        report, _facts = report_compute(agency=demo["invented"], year=2025)
    assert report.get("table_b.new_received.total") == 132


def test_it_computes_a_region_in_the_same_number_of_queries(demo, django_assert_max_num_queries):
    agencies = list(Agency.objects.all())
    with django_assert_max_num_queries(7):
        computed = reports_compute(agencies=agencies, year=2025)
    assert len(computed) == len(agencies)
