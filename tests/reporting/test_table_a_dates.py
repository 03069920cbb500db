"""Table A counts 本年制发 by a document's 成文日期 (its issue date), not its 施行日期, and 现行有效 by the
document's own validity: withdrawing its page from the portal is not a repeal."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.agencies.models import Agency, Region
from gongkai.publishing.models import Category, DocumentType, Item, Status, Validity
from gongkai.reporting import counting
from gongkai.reporting.selectors import report_compute
from personas import credit_code, person


@pytest.fixture
def agency(db):
    region = Region.objects.create(name="测试区")
    return Agency.objects.create(name="测试局", credit_code=credit_code("11370398000000011"), region=region)


def _document(agency, n: int, *, written_on, valid_from=None, status=Status.PUBLISHED, **extra) -> Item:
    category, _ = Category.objects.get_or_create(agency=agency, name="政策文件", defaults={"position": 0})
    return Item.objects.create(
        agency=agency,
        index_year=written_on.year,
        index_sequence=n,
        index_number=f"X/{written_on.year}-{n:05d}",
        title=f"规范性文件{n}",
        issuing_body=agency.name,
        written_on=written_on,
        formed_on=written_on,
        valid_from=valid_from,
        category=category,
        document_type=DocumentType.NORMATIVE,
        status=status,
        created_by=person(f"drafter{n}"),
        **extra,
    )


def _a(agency, year):
    report, _ = report_compute(agency=agency, year=year)
    return {
        column: report.get(f"table_a.normative_documents.{column}") for column in ("issued", "repealed", "in_force")
    }


def test_it_counts_issued_by_the_issue_date_not_the_effective_date(agency):
    # Signed in December 2025, in force from February 2026: 制发 in 2025.
    _document(agency, 1, written_on=date(2025, 12, 20), valid_from=date(2026, 2, 1))
    assert _a(agency, 2025) == {"issued": 1, "repealed": 0, "in_force": 1}
    assert _a(agency, 2026) == {"issued": 0, "repealed": 0, "in_force": 1}


def test_it_keeps_a_withdrawn_page_in_force_and_ignores_unpublished_drafts(agency):
    _document(agency, 1, written_on=date(2025, 3, 1), status=Status.WITHDRAWN)
    _document(agency, 2, written_on=date(2025, 4, 1), status=Status.DRAFT)
    assert _a(agency, 2025) == {"issued": 1, "repealed": 0, "in_force": 1}


def test_it_ends_validity_only_by_the_documents_own_repeal(agency):
    _document(agency, 1, written_on=date(2024, 3, 1), validity=Validity.REPEALED, invalid_from=date(2025, 6, 30))
    assert _a(agency, 2024) == {"issued": 1, "repealed": 0, "in_force": 1}
    assert _a(agency, 2025) == {"issued": 0, "repealed": 1, "in_force": 0}


def test_the_drill_down_lists_what_is_counted(agency):
    _document(agency, 1, written_on=date(2025, 12, 20), valid_from=date(2026, 2, 1), status=Status.WITHDRAWN)
    records = counting.cell_records(agency=agency, year=2025, cell="table_a.normative_documents.issued")
    assert [item.title for item in records] == ["规范性文件1"]
    assert records[0].issued_on == date(2025, 12, 20)
