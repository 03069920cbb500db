"""Counting an agency-year from the records, with aggregate queries (one GROUP BY per table), and the records behind
any one number (drill-down) from the same conditions.

Table A, 第二十条第（一）项, year Y (J = 1 January, D = 31 December): the counting rule, written here once.
Counted: items that were published on the portal (status 已发布 or 已撤回: withdrawing a page from the portal is
not a repeal, the document stays in force) whose document type is 规章 or 行政规范性文件. An item's *issue date* is
its 成文日期 (`written_on`, the date it was signed and 印发), or its 信息形成日期 (`formed_on`) when no 成文日期 was
entered. The 施行日期 (`valid_from`) plays no part: a document signed in December and taking effect in January was
制发 in December.
- issued (本年制发): issue date in Y;
- repealed (本年废止): the document's own validity 废止 with 失效或废止日期 (`invalid_from`) in Y;
- in_force (现行有效, on D): issued on or before D, and not 失效/废止 on or before D by its own validity (an item
  marked 失效 or 废止 without a date counts as no longer in force). The portal status plays no part beyond the
  item having been published.
So last year's in_force + this year's issued - this year's repealed = this year's in_force (Y2) unless a document
expired (失效) rather than being repealed, which is exactly the case Y2 warns about.

第二十条第（五）（六）（八）项 come from the yearly figures (`YearFigures`), which no record holds.

Section 一: items published in Y (public, `published_at` in Y, local time) per category; hotline work orders and
proposals from the yearly figures; section 六's fees from `applications.selectors.fees_charged`.

Applications and appeals: `applications.selectors` counts tables B and C; `application_q` and `appeal_q` below
combine its conditions per cell for the drill-down, and a test checks that every cell's records number its count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.applications.models import Appeal, Application
from gongkai.applications.selectors import (
    appeal_counted_in_year_q,
    counted_in_year_q,
    table_b_row_q,
    table_c_result_q,
)
from gongkai.publishing.models import CatalogEntry, DocumentType, Item, Status, Validity, YearFigures

ITEM_1_ROWS = {"regulations": DocumentType.REGULATION, "normative_documents": DocumentType.NORMATIVE}
FIGURE_CELLS = {
    "table_a.licensing.decisions": "licensing_decisions",
    "table_a.punishment.decisions": "penalty_decisions",
    "table_a.enforcement.decisions": "coercion_decisions",
    "table_a.fees.amount": "fee_amount",
}


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


# -- table A --------------------------------------------------------------------------------------------------


def _issued() -> Coalesce:
    return Coalesce("written_on", "formed_on")


def table_a_q(column: str, year: int) -> Q:
    """The condition on an annotated `issued_on` that puts an item in a column of 第二十条第（一）项."""
    first, last = year_bounds(year)
    if column == "issued":
        return Q(issued_on__gte=first, issued_on__lte=last)
    if column == "repealed":
        return Q(validity=Validity.REPEALED, invalid_from__gte=first, invalid_from__lte=last)
    if column == "in_force":
        ended = Q(validity__in=[Validity.EXPIRED, Validity.REPEALED]) & (
            Q(invalid_from__isnull=True) | Q(invalid_from__lte=last)
        )
        return Q(issued_on__lte=last) & ~ended
    raise KeyError(column)


def _documents(agencies) -> QuerySet:
    return Item.objects.filter(
        agency__in=agencies,
        document_type__in=list(ITEM_1_ROWS.values()),
        status__in=[Status.PUBLISHED, Status.WITHDRAWN],
    ).annotate(issued_on=_issued())


def item_1_counts_by_agency(*, agencies, year: int) -> dict[int, dict[str, dict[str, int]]]:
    """{agency id: {row: {issued, repealed, in_force}}} with one GROUP BY over the agencies' documents."""
    rows = {value: key for key, value in ITEM_1_ROWS.items()}
    groups = (
        _documents(agencies)
        .values("agency_id", "document_type")
        .annotate(
            **{column: Count("pk", filter=table_a_q(column, year)) for column in ("issued", "repealed", "in_force")}
        )
        .order_by()
    )
    out: dict[int, dict[str, dict[str, int]]] = {}
    for group in groups:
        table = out.setdefault(group["agency_id"], _empty_item_1())
        table[rows[group["document_type"]]] = {c: group[c] for c in ("issued", "repealed", "in_force")}
    return out


def _empty_item_1() -> dict[str, dict[str, int]]:
    return {row: {"issued": 0, "repealed": 0, "in_force": 0} for row in ITEM_1_ROWS}


# -- section 一 and the yearly figures --------------------------------------------------------------------------


@dataclass
class Facts:
    """What the records say about an agency-year beyond the three tables: for section 一, section 六 and the charts."""

    categories: list[tuple[int, str, int]] = field(default_factory=list)  # (category id, name, items in the year)
    hotline_orders: int = 0
    deputy_suggestions: int = 0
    cppcc_proposals: int = 0
    fee_count: int = 0
    fee_yuan: Decimal = Decimal(0)
    figures_entered: bool = False
    catalog_level1: int = 0
    catalog_level2: int = 0

    @property
    def items_total(self) -> int:
        return sum(n for _, _, n in self.categories)


def published_items_q(year: int) -> Q:
    """Published in the year, local time; a range (not `__year`) so the index on published_at serves it."""
    tz = timezone.get_current_timezone()
    return Q(published_at__gte=datetime(year, 1, 1, tzinfo=tz), published_at__lt=datetime(year + 1, 1, 1, tzinfo=tz))


def category_counts_by_agency(*, agencies, year: int) -> dict[int, list[tuple[int, str, int]]]:
    """{agency id: [(category id, name, items published in the year)]}, in the agency's category order; one query."""
    groups = (
        Item.objects.public()
        .filter(published_items_q(year), agency__in=agencies)
        .values("agency_id", "category_id", name=F("category__name"), position=F("category__position"))
        .annotate(n=Count("pk"))
        .order_by("agency_id", "position", "category_id")
    )
    out: dict[int, list[tuple[int, str, int]]] = {}
    for group in groups:
        out.setdefault(group["agency_id"], []).append((group["category_id"], group["name"], group["n"]))
    return out


def catalog_counts_by_agency(*, agencies) -> dict[int, tuple[int, int]]:
    """{agency id: (level-1 indicators, level-2 indicators)} of the 基本目录; one query."""
    groups = (
        CatalogEntry.objects.filter(agency__in=agencies)
        .values("agency_id")
        .annotate(top=Count("pk", filter=Q(parent__isnull=True)), child=Count("pk", filter=Q(parent__isnull=False)))
        .order_by()
    )
    return {g["agency_id"]: (g["top"], g["child"]) for g in groups}


def figures_by_agency(*, agencies, year: int) -> dict[int, YearFigures]:
    return {f.agency_id: f for f in YearFigures.objects.filter(agency__in=agencies, year=year)}


# -- drill-down ------------------------------------------------------------------------------------------------


def application_q(row: str, column: str, year: int) -> Q:
    """The applications counted in one cell of table B: the conditions `applications.selectors` counts with."""
    q = counted_in_year_q(year) & table_b_row_q(row, year)
    return q if column == "total" else q & Q(applicant_type=column)


def appeal_q(group: str, result: str, year: int) -> Q:
    """The appeals counted in one cell of table C (the counting rule of `applications.selectors`)."""
    return appeal_counted_in_year_q(year) & Q(kind=group) & table_c_result_q(result, year)


def cell_records(*, agency, year: int, cell: str) -> QuerySet | None:
    """The records counted in a cell (`table_b.granted.total`), or None for a number entered as a yearly figure."""
    table, row, column = cell.split(".")
    if table == "table_b":
        return Application.objects.filter(application_q(row, column, year), agency=agency).order_by("received_on", "pk")
    if table == "table_c":
        return (
            Appeal.objects.filter(appeal_q(row, column, year), application__agency=agency)
            .select_related("application")
            .order_by("filed_on", "pk")
        )
    if table == "table_a" and row in ITEM_1_ROWS:
        return (
            _documents([agency])
            .filter(table_a_q(column, year), document_type=ITEM_1_ROWS[row])
            .order_by("issued_on", "pk")
        )
    return None


def category_records(*, agency, year: int, category_id: int) -> QuerySet:
    return (
        Item.objects.public()
        .filter(published_items_q(year), agency=agency, category_id=category_id)
        .order_by("published_at", "pk")
    )
