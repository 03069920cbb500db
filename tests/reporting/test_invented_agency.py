"""The invented demo agency's 2025 report keeps every rule, fills every row and column of table B and every cell
of table C, matches `gongkai export applications`, and every number's drill-down lists exactly that many records."""

from __future__ import annotations

import csv
import io
from collections import Counter

from gongkai.cli import main
from gongkai.reporting.counting import cell_records
from gongkai.reporting.selectors import report_current


def test_it_keeps_every_rule(demo):
    current = report_current(agency=demo["invented"], year=2025)
    assert current.findings == []
    report = current.report
    for row, columns in report.table_b.items():
        assert all(value >= 1 for value in columns.values()), row
    for group, results in report.table_c.items():
        assert all(value >= 1 for value in results.values()), group
    assert report.get("table_b.carried_over.total") == 6
    assert report.get("table_b.carried_forward.total") == 6


def test_it_matches_the_export(demo, capsys):
    agency = demo["invented"]
    assert main(["export", "applications", "--agency", str(agency.pk), "--year", "2025", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    report = report_current(agency=agency, year=2025).report
    received = Counter(r["applicant_type"] for r in rows if r["carried_over"] == "no")
    carried = Counter(r["applicant_type"] for r in rows if r["carried_over"] == "yes")
    forward = Counter(r["applicant_type"] for r in rows if r["carried_forward"] == "yes")
    outcomes = Counter((r["outcome"], r["applicant_type"]) for r in rows if r["outcome"])
    for column in received:
        assert report.get(f"table_b.new_received.{column}") == received[column]
        assert report.get(f"table_b.carried_over.{column}") == carried[column]
        assert report.get(f"table_b.carried_forward.{column}") == forward[column]
    for (outcome, column), n in outcomes.items():
        assert report.get(f"table_b.{outcome}.{column}") == n


def test_it_drills_down_to_exactly_the_counted_records(demo):
    agency = demo["invented"]
    report = report_current(agency=agency, year=2025).report
    for ref, value in report.cells():
        records = cell_records(agency=agency, year=2025, cell=ref.name)
        if records is not None:
            assert records.count() == value, ref.name
