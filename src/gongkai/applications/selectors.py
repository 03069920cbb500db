"""Reads for the annual report: tables B and C of an agency-year, by aggregate queries (one GROUP BY per table).

Table B, year Y (31 December = D, 1 January = J):
- 一 new_received: received in Y;
- 二 carried_over: received before J and not decided before J (open on the previous 31 December);
- 三 result rows: decided in Y, in the row of their outcome;
- 四 carried_forward: received by D and not decided by D.
Every application counted in 一 or 二 is decided in Y or still open on D, exactly once, so B1 holds by construction,
and this year's 二 is last year's 四 (Y1).

Table C, the counting rule for appeals: a case counts in year Y when it was filed by D and was not closed before J,
i.e. it was before the reconsideration body or the court at some time in Y. Its column is its result if it closed in
Y, and 尚未审结 if it was still open on D. So a case filed in one year and closed in a later one counts twice: as
尚未审结 in the years it stood open at year end, and with its result in the year it closed; a report once published
never changes because of a later result.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, Sum

from gongkai.agencies.models import Agency
from gongkai.applications.models import Appeal, Application, Fee
from gongkai.applications.workflow import Status
from gongkai.common.params import int_param, year_param
from gongkai.report.format import APPLICANT_COLUMN_KEYS, C_GROUPS, C_RESULTS, TABLE_B_2021
from gongkai.report.model import Report

TABLE_B_ROWS = TABLE_B_2021.row_keys()


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


# The counting rules above as conditions, written once: the grouped queries below and the report's drill-down
# (`reporting.counting.cell_records`, which lists the records behind one cell) both use them.


def counted_in_year_q(year: int) -> Q:
    """Applications that table B of the year counts at all: received by D and not decided before J."""
    first, last = _year_bounds(year)
    return Q(received_on__lte=last) & (Q(decided_on__isnull=True) | Q(decided_on__gte=first))


def table_b_row_q(row: str, year: int) -> Q:
    """Within `counted_in_year_q`, the applications of one row of table B."""
    first, last = _year_bounds(year)
    if row == "new_received":
        return Q(received_on__gte=first)
    if row == "carried_over":
        return Q(received_on__lt=first)
    if row == "carried_forward":
        return Q(decided_on__isnull=True) | Q(decided_on__gt=last)
    decided = Q(decided_on__isnull=False, decided_on__lte=last)
    if row == "total_processed":
        return decided & ~Q(outcome="")
    return decided & Q(outcome=row)


def appeal_counted_in_year_q(year: int) -> Q:
    """Appeals that table C of the year counts: filed by D and not closed before J."""
    first, last = _year_bounds(year)
    return Q(filed_on__lte=last) & (Q(closed_on__isnull=True) | Q(closed_on__gte=first))


def table_c_result_q(result: str, year: int) -> Q:
    """Within `appeal_counted_in_year_q`, the appeals of one result column of table C (`total`: all of them)."""
    _, last = _year_bounds(year)
    if result == "total":
        return Q()
    if result == "pending":
        return Q(closed_on__isnull=True) | Q(closed_on__gt=last)
    return Q(closed_on__isnull=False, closed_on__lte=last, result=result)


def _empty_b() -> dict[str, dict[str, int]]:
    return {row: {column: 0 for column in (*APPLICANT_COLUMN_KEYS, "total")} for row in TABLE_B_ROWS}


def table_b_counts(*, agency: Agency, year: int) -> dict[str, dict[str, int]]:
    """`{row: {column: count}}` for every row and column of table B (2021 format), totals included."""
    return table_b_counts_by_agency(agencies=[agency], year=year).get(agency.pk) or _with_totals(_empty_b())


def table_b_counts_by_agency(*, agencies, year: int) -> dict[int, dict[str, dict[str, int]]]:
    """Table B of many agencies (a region's) with the same one GROUP BY query, keyed by agency id; an agency with
    nothing to count is absent."""
    relevant = Application.objects.filter(counted_in_year_q(year), agency__in=agencies)
    groups = relevant.values("agency_id", "applicant_type", "outcome").annotate(
        new_received=Count("pk", filter=table_b_row_q("new_received", year)),
        carried_over=Count("pk", filter=table_b_row_q("carried_over", year)),
        decided=Count("pk", filter=table_b_row_q("total_processed", year)),
        carried_forward=Count("pk", filter=table_b_row_q("carried_forward", year)),
    )
    tables: dict[int, dict[str, dict[str, int]]] = {}
    for group in groups.order_by():
        table = tables.setdefault(group["agency_id"], _empty_b())
        column = group["applicant_type"]
        for row in ("new_received", "carried_over", "carried_forward"):
            table[row][column] += group[row]
        if group["decided"]:
            table[group["outcome"]][column] += group["decided"]
            table["total_processed"][column] += group["decided"]
    for table in tables.values():
        _with_totals(table)
    return tables


def _with_totals(table: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    for row in table.values():
        row["total"] = sum(row[column] for column in APPLICANT_COLUMN_KEYS)
    return table


def _empty_c() -> dict[str, dict[str, int]]:
    return {group: {result: 0 for result, _ in C_RESULTS} for group, _ in C_GROUPS}


def table_c_counts(*, agency: Agency, year: int) -> dict[str, dict[str, int]]:
    """`{group: {result: count}}` for table C under the counting rule in this module's docstring."""
    return table_c_counts_by_agency(agencies=[agency], year=year).get(agency.pk) or _empty_c()


def table_c_counts_by_agency(*, agencies, year: int) -> dict[int, dict[str, dict[str, int]]]:
    """Table C of many agencies with one GROUP BY query, keyed by agency id."""
    parts = ("upheld", "corrected", "other", "pending")
    groups = (
        Appeal.objects.filter(appeal_counted_in_year_q(year), application__agency__in=agencies)
        .values("application__agency_id", "kind")
        .annotate(**{result: Count("pk", filter=table_c_result_q(result, year)) for result in parts})
    )
    tables: dict[int, dict[str, dict[str, int]]] = {}
    for group in groups.order_by():
        row = tables.setdefault(group["application__agency_id"], _empty_c())[group["kind"]]
        for result in parts:
            row[result] = group[result]
        row["total"] = row["upheld"] + row["corrected"] + row["other"] + row["pending"]
    return tables


def fees_charged(*, agency: Agency, year: int) -> dict:
    """信息处理费 paid in the year (for section 六): number of applications and the amount in yuan."""
    first, last = _year_bounds(year)
    totals = Fee.objects.filter(application__agency=agency, paid_on__gte=first, paid_on__lte=last).aggregate(
        count=Count("pk"), amount=Sum("amount_yuan")
    )
    return {"count": totals["count"], "amount_yuan": totals["amount"] or 0}


def report_tables(*, agency: Agency, year: int, report: Report | None = None) -> Report:
    """A report (blank but for tables B and C) filled from the records, ready for the rules and the renderers."""
    report = report or Report.blank(agency.name, year)
    for row, columns in table_b_counts(agency=agency, year=year).items():
        for column, value in columns.items():
            report.set(f"table_b.{row}.{column}", value)
    for group, results in table_c_counts(agency=agency, year=year).items():
        for result, value in results.items():
            report.set(f"table_c.{group}.{result}", value)
    return report


def export_rows(*, agency: Agency, year: int) -> list[dict]:
    """One row per application counted in the year's table B (received in the year or carried over into it)."""
    first, last = _year_bounds(year)
    applications = (
        Application.objects.filter(counted_in_year_q(year), agency=agency)
        .order_by("received_on", "number")
        .only("number", "applicant_type", "received_on", "status", "outcome", "decided_on", "answered_late")
    )
    rows = []
    for application in applications:
        decided_in_year = application.decided_on is not None and application.decided_on <= last
        rows.append(
            {
                "number": application.number,
                "applicant_type": application.applicant_type,
                "received": application.received_on.isoformat(),
                "status": application.status,
                "outcome": application.outcome if decided_in_year else "",
                "answered": application.decided_on.isoformat() if decided_in_year else "",
                "carried_over": "yes" if application.received_on < first else "no",
                "carried_forward": "no" if decided_in_year else "yes",
                "answered_late": "yes" if decided_in_year and application.answered_late else "no",
            }
        )
    return rows


EXPORT_COLUMNS = (
    "number",
    "applicant_type",
    "received",
    "status",
    "outcome",
    "answered",
    "carried_over",
    "carried_forward",
    "answered_late",
)


# -- the staff queue's search ------------------------------------------------------------------------------------

ASSIGNEE_ME, ASSIGNEE_NONE = "me", "none"


def application_search(applications, params, *, user, today: date):
    """`applications` narrowed by the queue's parameters: q (申请编号, applicant's name), status ("open" or one
    status), overdue, assignee ("me", "none" or a user id) and year (收到年度). Returns the rows, newest first, and
    the filters as understood (to show them back in the form)."""
    q = (params.get("q") or "").strip()
    status = params.get("status", "")
    overdue = params.get("overdue") == "1"
    assignee = params.get("assignee", "")
    year = params.get("year", "")
    if q:
        applications = applications.filter(Q(number__icontains=q) | Q(applicant_name__icontains=q))
    if status == "open":
        applications = applications.open()
    elif status in Status.values:
        applications = applications.filter(status=status)
    else:
        status = ""
    if overdue:
        applications = applications.overdue(on=today)
    if assignee == ASSIGNEE_ME:
        applications = applications.filter(assignee=user)
    elif assignee == ASSIGNEE_NONE:
        applications = applications.filter(assignee__isnull=True)
    elif int_param(assignee) is not None:
        applications = applications.filter(assignee_id=int_param(assignee))
    else:
        assignee = ""
    if year_param(year) is not None:
        applications = applications.filter(received_on__year=year_param(year))
    else:
        year = ""
    filters = {"q": q, "status": status, "overdue_only": overdue, "assignee": assignee, "year": year}
    return applications.order_by("-received_on", "-pk"), filters
