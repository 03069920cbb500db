"""Reads for annual reports: a report computed from the records, the draft merged in, findings, deadlines, the
versions, a region's overview and its combined report."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.applications.models import Application, Fee, open_overdue_q
from gongkai.applications.selectors import table_b_counts_by_agency, table_c_counts_by_agency
from gongkai.report.format import FormatVersion
from gongkai.report.model import AgencyLevel as ReportLevel
from gongkai.report.model import Report
from gongkai.report.render import pdf as pdf_render
from gongkai.report.render.values import cell_text
from gongkai.report.rules import Finding, Severity, check_report
from gongkai.reporting import counting, drafting
from gongkai.reporting.counting import FIGURE_CELLS, Facts
from gongkai.reporting.models import ImportedReport, ReportDraft, ReportVersion


def report_deadline(*, agency: Agency, year: int) -> date:
    """条例第49条: a department publishes by 31 January, a county-or-above government its own report by 31 March."""
    return date(year + 1, 3, 31) if agency.level == AgencyLevel.GOVERNMENT else date(year + 1, 1, 31)


def _blank(agency: Agency, year: int) -> Report:
    report = Report.blank(agency.name, year, FormatVersion.V2021)
    report.agency_level = ReportLevel(agency.level)
    report.sections = {key: drafting.heading(key) for key in report.sections}
    return report


def reports_compute(*, agencies, year: int) -> dict[int, tuple[Report, Facts]]:
    """Tables A, B, C and the facts of section 一 and 六 for many agencies, with one grouped query per source:
    documents, yearly figures, categories, catalog, applications, appeals, fees (seven queries in all)."""
    agencies = list(agencies)
    item_1 = counting.item_1_counts_by_agency(agencies=agencies, year=year)
    figures = counting.figures_by_agency(agencies=agencies, year=year)
    categories = counting.category_counts_by_agency(agencies=agencies, year=year)
    catalog = counting.catalog_counts_by_agency(agencies=agencies)
    table_b = table_b_counts_by_agency(agencies=agencies, year=year)
    table_c = table_c_counts_by_agency(agencies=agencies, year=year)
    first, last = counting.year_bounds(year)
    fees = {
        row["application__agency_id"]: row
        for row in Fee.objects.filter(application__agency__in=agencies, paid_on__gte=first, paid_on__lte=last)
        .values("application__agency_id")
        .annotate(n=Count("pk"), amount=Sum("amount_yuan"))
        .order_by()
    }
    out = {}
    for agency in agencies:
        report = _blank(agency, year)
        for row, columns in (item_1.get(agency.pk) or counting._empty_item_1()).items():
            for column, value in columns.items():
                report.set(f"table_a.{row}.{column}", value)
        figure = figures.get(agency.pk)
        for cell, name in FIGURE_CELLS.items():
            report.set(cell, getattr(figure, name) if figure else (Decimal(0) if name == "fee_amount" else 0))
        b = table_b.get(agency.pk)
        for row, columns in report.table_b.items():
            for column in columns:
                report.set(f"table_b.{row}.{column}", b[row][column] if b else 0)
        c = table_c.get(agency.pk)
        for group, results in report.table_c.items():
            for result in results:
                report.set(f"table_c.{group}.{result}", c[group][result] if c else 0)
        fee = fees.get(agency.pk)
        top, child = catalog.get(agency.pk, (0, 0))
        facts = Facts(
            categories=categories.get(agency.pk, []),
            hotline_orders=figure.hotline_orders if figure else 0,
            deputy_suggestions=figure.deputy_suggestions if figure else 0,
            cppcc_proposals=figure.cppcc_proposals if figure else 0,
            fee_count=fee["n"] if fee else 0,
            fee_yuan=Decimal(fee["amount"] or 0) if fee else Decimal(0),
            figures_entered=figure is not None,
            catalog_level1=top,
            catalog_level2=child,
        )
        out[agency.pk] = (report, facts)
    return out


def report_compute(*, agency: Agency, year: int) -> tuple[Report, Facts]:
    """The agency-year's tables and facts from the records (sections hold their headings only)."""
    return reports_compute(agencies=[agency], year=year)[agency.pk]


def latest_version(*, agency: Agency, year: int) -> ReportVersion | None:
    return ReportVersion.objects.filter(agency=agency, year=year).order_by("-number").first()


def previous_report(*, agency: Agency, year: int) -> tuple[Report, Facts | None]:
    """Last year's report as published, or else as the records give it (for Y1, Y2, D2 and the comparisons)."""
    version = latest_version(agency=agency, year=year - 1)
    computed, facts = report_compute(agency=agency, year=year - 1)
    if version is not None:
        return version.report(), facts
    # Not published: its numbers only. Text drafted by the machine is not last year's report (D2 compares texts).
    return computed, facts


@dataclass
class Draft:
    """The report as it stands: numbers from the records, words from the draft (or drafted from the records)."""

    report: Report
    facts: Facts
    previous: Report
    previous_facts: Facts | None
    findings: list[Finding] = field(default_factory=list)
    draft: ReportDraft | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


def draft_text(*, agency: Agency, year: int, report: Report, facts: Facts, previous, previous_facts) -> dict:
    """Title, preamble and sections for a new draft, drafted from the records."""
    return {
        "title": report.full_title,
        "preamble": drafting.preamble(agency, year),
        "sections": drafting.draft_sections(report, facts, previous, previous_facts),
    }


def report_current(*, agency: Agency, year: int, published_on: date | None = None) -> Draft:
    """The report with the staff's text where they wrote it, and every rule run on it."""
    report, facts = report_compute(agency=agency, year=year)
    previous, previous_facts = previous_report(agency=agency, year=year)
    draft = ReportDraft.objects.filter(agency=agency, year=year).first()
    text = (
        {"title": draft.title, "preamble": draft.preamble, "sections": draft.sections}
        if draft is not None
        else draft_text(
            agency=agency, year=year, report=report, facts=facts, previous=previous, previous_facts=previous_facts
        )
    )
    report.title = text["title"]
    report.preamble = text["preamble"]
    report.sections = drafting.official_sections(text["sections"])
    report.sections_html = dict(draft.sections_html) if draft is not None else {}
    report.published_on = published_on
    findings = check_report(report, previous)
    return Draft(report, facts, previous, previous_facts, findings, draft)


# -- versions ---------------------------------------------------------------------------------------------------


def published_versions(*, agency: Agency) -> list[ReportVersion]:
    """Every agency-year's latest version, newest year first (the portal's 年报 column)."""
    latest = ReportVersion.objects.filter(agency=agency).values("year").annotate(number=Max("number")).order_by("-year")
    wanted = {(row["year"], row["number"]) for row in latest}
    versions = (
        ReportVersion.objects.filter(agency=agency).with_has_pdf().defer("docx", "html", "xlsx", "pdf", "report_json")
    )
    converter = pdf_render.soffice_path() is not None
    out = sorted((v for v in versions if (v.year, v.number) in wanted), key=lambda v: -v.year)
    for version in out:
        version.pdf_offered = version.has_pdf or converter  # no PDF link where none can be had
    return out


# -- supervisors ------------------------------------------------------------------------------------------------


class SupervisedStatus:
    NOT_STARTED = "未开始"
    DRAFTING = "起草中"
    PUBLISHED = "已公布"
    LATE = "逾期"


@dataclass
class AgencyRow:
    agency: Agency
    status: str
    deadline: date
    errors: int
    warnings: int
    overdue_applications: int  # open and past the due date today
    late_answers: int  # answered in the year after the due date (逾期答复): nothing recorded later erases it
    version: int | None


def region_overview(*, agencies, year: int, today: date) -> list[AgencyRow]:
    """Each agency's report status, findings and overdue applications, with grouped queries for the whole region."""
    agencies = list(agencies)
    computed = reports_compute(agencies=agencies, year=year)
    drafts = {d.agency_id: d for d in ReportDraft.objects.filter(agency__in=agencies, year=year)}
    # Last year's reports as published, for the rules across years (Y1, Y2), as the draft page runs them; an agency
    # without one is compared with nothing here (its records make both years, which agree by construction).
    previous = {
        v.agency_id: v
        for v in ReportVersion.objects.filter(agency__in=agencies, year=year - 1)
        .select_related("agency")
        .defer("docx", "html", "xlsx", "pdf", "findings_json")
        .order_by("agency_id", "number")
    }
    first_published = {
        row["agency_id"]: row
        for row in ReportVersion.objects.filter(agency__in=agencies, year=year)
        .values("agency_id")
        .annotate(first=Count("pk"), latest=Max("number"), on=Max("published_on"))
        .order_by()
    }
    firsts = dict(
        ReportVersion.objects.filter(agency__in=agencies, year=year, number=1).values_list("agency_id", "published_on")
    )
    # One GROUP BY for both application counts: open past the due date today, and answered late in the year.
    overdue_q = open_overdue_q(today)
    late_q = Q(answered_late=True, decided_on__year=year)
    counts = {
        row["agency_id"]: row
        for row in Application.objects.filter(overdue_q | late_q, agency__in=agencies)
        .values("agency_id")
        .annotate(overdue=Count("pk", filter=overdue_q), late=Count("pk", filter=late_q))
        .order_by()
    }
    rows = []
    for agency in agencies:
        report, _ = computed[agency.pk]
        draft = drafts.get(agency.pk)
        if draft is not None:
            report.preamble, report.title = draft.preamble, draft.title
            report.sections = drafting.official_sections(draft.sections)
        last_year = previous.get(agency.pk)
        findings = check_report(report, last_year.report() if last_year is not None else None)
        deadline = report_deadline(agency=agency, year=year)
        published = first_published.get(agency.pk)
        if published:
            status = SupervisedStatus.LATE if firsts.get(agency.pk, today) > deadline else SupervisedStatus.PUBLISHED
        elif today > deadline:
            status = SupervisedStatus.LATE
        else:
            status = SupervisedStatus.DRAFTING if draft else SupervisedStatus.NOT_STARTED
        rows.append(
            AgencyRow(
                agency=agency,
                status=status,
                deadline=deadline,
                errors=sum(f.severity is Severity.ERROR for f in findings),
                warnings=sum(f.severity is Severity.WARNING for f in findings),
                overdue_applications=counts.get(agency.pk, {}).get("overdue", 0),
                late_answers=counts.get(agency.pk, {}).get("late", 0),
                version=published["latest"] if published else None,
            )
        )
    return rows


def combined_report(*, name: str, agencies, imported, year: int) -> Report:
    """The region's combined report: the sum of its agencies' tables (published version where there is one, else
    the records) and of the imported reports of agencies not on the platform (each agency counted once). A blank
    cell in an imported report adds nothing."""
    agencies = list(agencies)
    computed = reports_compute(agencies=agencies, year=year)
    published = {}
    for version in ReportVersion.objects.filter(agency__in=agencies, year=year).order_by("agency_id", "number"):
        published[version.agency_id] = version  # the last one wins: the latest version
    parts = [published[a.pk].report() if a.pk in published else computed[a.pk][0] for a in agencies]
    # An import of an agency on the platform is that agency's report a second time: its figures are the platform's.
    parts.extend(record.report() for record in imported if record.agency_id is None)
    combined = Report.blank(name, year, FormatVersion.V2021)
    combined.agency_level = ReportLevel.GOVERNMENT
    combined.sections = {key: drafting.heading(key) for key in combined.sections}
    # The period is a fact of the sum; the narrative (and section 六's fees) is the region's own to write.
    combined.preamble = drafting.statistics_period(year)
    for ref, _ in combined.cells():
        values = [part.get(ref.name) for part in parts if part.format_version == FormatVersion.V2021]
        known = [v for v in values if v is not None]
        combined.set(ref.name, sum(known, Decimal(0) if ref.column == "amount" else 0))
    return combined


def imported_reports(*, regions, year: int):
    return ImportedReport.objects.filter(region__in=regions, year=year).select_related("agency")


@dataclass(frozen=True)
class CellComparison:
    cell: str
    label: str
    platform: object
    imported: object

    @property
    def differs(self) -> bool:
        return self.platform != self.imported

    @property
    def platform_text(self) -> str:
        return cell_text(self.platform)

    @property
    def imported_text(self) -> str:
        return cell_text(self.imported) if self.imported is not None else "（空）"


@dataclass
class ImportComparison:
    """An imported report of a platform agency beside the platform's own figures for the same year."""

    record: ImportedReport
    source: str  # where the platform's figures come from: "第n版" or "平台记录"
    cells: list[CellComparison]

    @property
    def differences(self) -> int:
        return sum(c.differs for c in self.cells)


def import_comparisons(*, imported, year: int) -> list[ImportComparison]:
    """Each matched import beside the platform's figures (its latest published version, else the records): every
    cell either side fills, with the differences marked."""
    matched = [record for record in imported if record.agency_id is not None]
    if not matched:
        return []
    agencies = [record.agency for record in matched]
    computed = reports_compute(agencies=agencies, year=year)
    published = {}
    for version in ReportVersion.objects.filter(agency__in=agencies, year=year).order_by("agency_id", "number"):
        published[version.agency_id] = version
    out = []
    for record in matched:
        version = published.get(record.agency_id)
        platform = version.report() if version else computed[record.agency_id][0]
        theirs = record.report()
        cells = [
            CellComparison(ref.name, _cell_label(platform, ref.name), value, theirs.get(ref.name))
            for ref, value in platform.cells()
            if value or theirs.get(ref.name)
        ]
        out.append(ImportComparison(record, f"第{version.number}版" if version else "平台记录", cells))
    return out


def _cell_label(report: Report, cell: str) -> str:
    """The official labels of a cell's row and column, from the format description."""
    table_key, row_key, column_key = cell.split(".")
    for block in report.format.table(table_key).blocks:
        rows = {row.key: row for row in block.rows}
        columns = {column.key: column for column in block.columns}
        if row_key in rows and column_key in columns:
            return " › ".join(dict.fromkeys([*rows[row_key].path, *columns[column_key].path]))
    return cell


def report_years(*, agencies, regions, today: date) -> list[int]:
    """Every year a supervisor can look at: years with records (items published, applications received, yearly
    figures) or reports (drafts, published versions, imports) in the region, and the year being reported now;
    newest first."""
    from gongkai.publishing.models import Item, YearFigures

    agencies = list(agencies)
    years = {dashboard_report_year(today)}
    years.update(d.year for d in Item.objects.filter(agency__in=agencies).datetimes("published_at", "year"))
    years.update(d.year for d in Application.objects.filter(agency__in=agencies).dates("received_on", "year"))
    for queryset in (
        YearFigures.objects.filter(agency__in=agencies),
        ReportDraft.objects.filter(agency__in=agencies),
        ReportVersion.objects.filter(agency__in=agencies),
        ImportedReport.objects.filter(region__in=regions),
    ):
        years.update(queryset.values_list("year", flat=True).distinct().order_by())
    return sorted(years, reverse=True)


def dashboard_report_year(today: date) -> int:
    """The year whose report is being written: last year's until the end of March, then this year's."""
    return today.year - 1 if today.month <= 3 else today.year


def findings_from_json(text: str) -> list[dict]:
    return json.loads(text or "[]")


def dashboard_report(*, agency: Agency, today: date) -> dict:
    """The report the dashboard shows: last year's until the end of March, then this year's."""
    year = dashboard_report_year(today)
    deadline = report_deadline(agency=agency, year=year)
    version = latest_version(agency=agency, year=year)
    started = ReportDraft.objects.filter(agency=agency, year=year).exists()
    return {
        "year": year,
        "deadline": deadline,
        "days_left": (deadline - today).days,
        "version": version,
        "started": started,
    }
