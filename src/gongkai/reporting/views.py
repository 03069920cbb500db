"""Staff pages for the annual report (the draft with its rules, drill-down, publishing, versions) and the
supervisors' pages (the region's agencies, the combined report, imports)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import require_POST

from gongkai.agencies.access import get_agency_for_viewer, has_role, regions_supervised_by
from gongkai.agencies.models import Agency, Role
from gongkai.applications.workflow import HANDLER_ROLES
from gongkai.common.forms import add_service_errors, message_form_errors
from gongkai.confirm import ConfirmForm, confirm_token
from gongkai.report import richtext
from gongkai.report.format import SECTIONS
from gongkai.report.layout import table_grid
from gongkai.report.render import pdf as pdf_render
from gongkai.report.render.docx import render_docx
from gongkai.report.render.html import embedded, render_html_fragment, table_html
from gongkai.report.render.xlsx import render_xlsx
from gongkai.reporting import counting, gate, selectors, services
from gongkai.reporting.diff import report_diff
from gongkai.reporting.files import download_name, file_response
from gongkai.reporting.forms import DraftForm, ImportForm, PublishForm
from gongkai.reporting.models import ReportVersion

_CELL = re.compile(r'<td data-cell="([a-z_.]+)"([^>]*)>([^<]*)</td>')


def _get_agency_for_user(user, agency_id: int) -> Agency:
    """Members of the agency and the region's supervisors may read its report; others get 403."""
    return get_agency_for_viewer(user, agency_id)


def _get_version_for_user(user, agency_id: int, year: int, number: int) -> ReportVersion:
    agency = _get_agency_for_user(user, agency_id)
    return get_object_or_404(ReportVersion.objects.with_has_pdf(), agency=agency, year=year, number=number)


def section_html(report, key: str) -> str:
    """A section's text as HTML written anew from its blocks (escaped): the editor's HTML, or plain text by lines."""
    return richtext.to_html(report.sections_html.get(key) or richtext.html_from_text(report.section_body(key)))


def linked_tables(report, *, agency_id: int, year: int, flagged: set[str]) -> dict[str, str]:
    """Each table's HTML with every number a link to the records counted in it, cells named by a finding marked."""

    def link(match: re.Match[str]) -> str:
        cell, attrs, text = match.groups()
        css = ' class="flagged"' if cell in flagged else ""
        url = reverse("report-cell", args=[agency_id, year, cell])
        return f'<td data-cell="{cell}"{attrs}{css}><a href="{url}">{text}</a></td>'

    return {table.section: _CELL.sub(link, table_html(report, table_grid(table))) for table in report.format.tables}


@login_required
def draft(request, agency_id: int, year: int):
    agency = _get_agency_for_user(request.user, agency_id)
    can_edit = services.can_edit(request.user, agency)
    form = None
    if request.method == "POST":  # the services refuse (403) whoever may not write the text
        form = DraftForm(request.POST)
        if form.is_valid():
            record = services.draft_start(agency=agency, year=year, actor=request.user)
            try:
                services.draft_update(
                    draft=record,
                    actor=request.user,
                    preamble=form.cleaned_data["preamble"],
                    title=form.cleaned_data["title"],
                    bodies=form.bodies(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "已保存，检查结果已更新")
                return redirect("report-draft", agency_id=agency.pk, year=year)
    current = selectors.report_current(agency=agency, year=year)
    flagged = {cell for finding in current.findings for cell in finding.cells}
    report = current.report
    if form is None:
        form = DraftForm(report=report)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    sections = [
        {
            "key": s.key,
            "heading": report.section_heading(s.key),
            "field": form.section(s.key),
            # Who may not write reads the text as it will look (an editor would invite typing that cannot be saved).
            "html": None if can_edit else section_html(report, s.key),
        }
        for s in SECTIONS
    ]
    context = {
        "agency": agency,
        "year": year,
        "current": current,
        "report": report,
        "sections": sections,
        "form": form,
        "tables": linked_tables(report, agency_id=agency.pk, year=year, flagged=flagged),
        "categories": current.facts.categories,
        "can_edit": can_edit,
        "can_publish": has_role(request.user, agency, *services.REPORT_ROLES),
        "deadline": selectors.report_deadline(agency=agency, year=year),
        "days_left": (selectors.report_deadline(agency=agency, year=year) - timezone.localdate()).days,
        "today": timezone.localdate(),
        "versions": ReportVersion.objects.filter(agency=agency, year=year).defer("docx", "html", "xlsx", "pdf"),
        # What would stop publication today (warnings get their reasons on the preview page).
        "blockers": [
            b
            for b in gate.publication_blockers(report=report, findings=current.findings, on=timezone.localdate())
            if b.code != "unacknowledged"
        ],
    }
    return render(request, "reporting/draft.html", context, status=400 if form.errors else 200)


@login_required
def cell(request, agency_id: int, year: int, cell: str):
    """Drill-down: the records counted in one number of the report."""
    agency = _get_agency_for_user(request.user, agency_id)
    parts = cell.split(".")
    if len(parts) != 3 or not any(
        ref.name == cell for ref, _ in selectors.report_compute(agency=agency, year=year)[0].cells()
    ):
        raise Http404
    records = counting.cell_records(agency=agency, year=year, cell=cell)
    report, _ = selectors.report_compute(agency=agency, year=year)
    context = {
        "agency": agency,
        "year": year,
        "cell": cell,
        "label": _cell_label(report, cell),
        "value": report.get(cell),
        "kind": parts[0],
        "records": list(records[:500]) if records is not None else None,
        "can_open_applications": has_role(request.user, agency, *HANDLER_ROLES),
    }
    return render(request, "reporting/cell.html", context)


def _cell_label(report, cell: str) -> str:
    """The official labels of the cell's row and column, from the format description."""
    table_key, row_key, column_key = cell.split(".")
    table = report.format.table(table_key)
    for block in table.blocks:
        rows = {row.key: row for row in block.rows}
        columns = {column.key: column for column in block.columns}
        if row_key in rows and column_key in columns:
            return " › ".join([*rows[row_key].path, *columns[column_key].path])
    return cell


@login_required
def category(request, agency_id: int, year: int, category_id: int):
    agency = _get_agency_for_user(request.user, agency_id)
    items = counting.category_records(agency=agency, year=year, category_id=category_id).select_related("category")
    return render(request, "reporting/category.html", {"agency": agency, "year": year, "items": items})


PUBLISH_ACTION = "report_publish"


@login_required
def publish(request, agency_id: int, year: int):
    """Preview and sign-off: the exact files publishing would freeze, what still blocks it, a reason for each warning
    kept, and the confirmation (gongkai.confirm) by the signing role. POST publishes through the service's gate."""
    agency = _get_agency_for_user(request.user, agency_id)
    services.publication_may_preview(actor=request.user, agency=agency)
    can_sign = services.can_sign(request.user, agency)
    acknowledgements, errors = {}, []
    form = PublishForm(request.POST or None)
    if request.method == "POST":
        if not can_sign:
            raise PermissionDenied
        acknowledgements = form.acknowledgements()
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            digest = ConfirmForm(
                request.POST, user=request.user, action=PUBLISH_ACTION, subject=f"{agency.pk}/{year}"
            ).check()
            record = services.draft_start(agency=agency, year=year, actor=request.user)
            version = services.report_publish(
                draft=record,
                actor=request.user,
                note=form.cleaned_data["note"],
                acknowledgements=acknowledgements,
                confirmed=True,
                digest=digest,
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"已公布第{version.number}版，门户网站年报栏目已更新")
            return redirect("report-version", agency_id=agency.pk, year=year, number=version.number)
    publication = services.publication_prepare(agency=agency, year=year)
    blockers = [b for b in publication.blockers(acknowledgements) if b.code != "unacknowledged"]
    warnings = [
        {"key": gate.warning_key(f), "finding": f, "reason": acknowledgements.get(gate.warning_key(f), "")}
        for f in publication.current.findings
        if f.severity == "warning"
    ]
    versions = ReportVersion.objects.filter(agency=agency, year=year).only("number")
    context = {
        "agency": agency,
        "year": year,
        "publication": publication,
        "blockers": blockers,
        "warnings": warnings,
        "errors": errors,
        "is_correction": versions.exists(),
        "note": form["note"].value() or "",
        "can_sign": can_sign,
        "signing_role": Role(services.signing_role()).label,
        "pdf_available": pdf_render.soffice_path() is not None,
        "body": embedded(publication.html.decode("utf-8")),
        "confirm_token": confirm_token(
            user=request.user, action=PUBLISH_ACTION, subject=f"{agency.pk}/{year}", digest=publication.digest
        ),
        "confirm_statement": f"我已核对上述将要公布的文件，同意以{agency.name}名义公布。",
        "confirm_button": "确认公布" if not versions.exists() else "确认公布更正版本",
        "confirm_disabled": bool(blockers) or not can_sign,
        "confirm_who": Role(services.signing_role()).label,
    }
    return render(request, "reporting/publish.html", context, status=400 if errors else 200)


@login_required
def preview_file(request, agency_id: int, year: int, ext: str):
    """One of the files publishing today would freeze, exactly as it would be stored."""
    agency = _get_agency_for_user(request.user, agency_id)
    services.publication_may_preview(actor=request.user, agency=agency)
    if ext not in ("docx", "html", "xlsx", "pdf"):
        raise Http404
    publication = services.publication_prepare(agency=agency, year=year)
    if ext == "pdf":
        try:
            data = pdf_render.docx_to_pdf(publication.docx)
        except pdf_render.PdfUnavailable as exc:
            messages.error(request, str(exc))
            return redirect("report-publish", agency_id=agency.pk, year=year)
    else:
        data = getattr(publication, ext)
    name = download_name(agency_name=agency.name, year=year, ext=ext, suffix="（预览）")
    return file_response(data, ext=ext, filename=name, inline=ext in ("html", "pdf"), cache=False)


@login_required
def version(request, agency_id: int, year: int, number: int):
    record = _get_version_for_user(request.user, agency_id, year, number)
    earlier = ReportVersion.objects.filter(agency=record.agency, year=year, number=number - 1).first()
    cells, texts = report_diff(earlier.report(), record.report()) if earlier else ([], [])
    context = {
        "agency": record.agency,
        "version": record,
        "earlier": earlier,
        "cells": cells,
        "texts": texts,
        "findings": selectors.findings_from_json(record.findings_json),
        "body": embedded(bytes(record.html).decode("utf-8")),
        "pdf_offered": record.has_pdf or pdf_render.soffice_path() is not None,
    }
    return render(request, "reporting/version.html", context)


# -- supervisors ------------------------------------------------------------------------------------------------


def _get_regions_for_user(user):
    regions = regions_supervised_by(user)
    if not regions:
        raise PermissionDenied
    return regions


@login_required
def region(request, year: int):
    regions = _get_regions_for_user(request.user)
    agencies = Agency.objects.filter(region__in=regions).order_by("name")
    today = timezone.localdate()
    rows = selectors.region_overview(agencies=agencies, year=year, today=today)
    imported = list(selectors.imported_reports(regions=regions, year=year))
    context = {
        "year": year,
        "years": selectors.report_years(agencies=agencies, regions=regions, today=today),
        "rows": rows,
        "imported": [record for record in imported if record.agency_id is None],
        "comparisons": selectors.import_comparisons(imported=imported, year=year),
        "regions": regions,
        "today": today,
    }
    return render(request, "reporting/region.html", context)


def _combined(user, year: int):
    regions = _get_regions_for_user(user)
    top = regions[0]
    agencies = Agency.objects.filter(region__in=regions)
    imported = list(selectors.imported_reports(regions=regions, year=year))
    report = selectors.combined_report(name=f"{top.name}（汇总）", agencies=agencies, imported=imported, year=year)
    return top, agencies, imported, report


@login_required
def combined(request, year: int):
    top, agencies, imported, report = _combined(request.user, year)
    from gongkai.report.rules import check_report

    context = {
        "year": year,
        "region": top,
        "report": report,
        "findings": check_report(report),
        "body": embedded(render_html_fragment(report)),
        "agency_count": agencies.count(),
        "imported": [record for record in imported if record.agency_id is None],
        "matched": [record for record in imported if record.agency_id is not None],
        "pdf_available": pdf_render.soffice_path() is not None,
    }
    return render(request, "reporting/combined.html", context)


@login_required
def combined_file(request, year: int, ext: str):
    """The combined report as DOCX, XLSX or PDF, made when asked (it changes with every agency's records)."""
    top, _, _, report = _combined(request.user, year)
    if ext == "docx":
        data = render_docx(report)
    elif ext == "xlsx":
        data = render_xlsx(report)
    elif ext == "pdf":
        try:
            data = pdf_render.docx_to_pdf(render_docx(report))
        except pdf_render.PdfUnavailable as exc:
            messages.error(request, str(exc))
            return redirect("report-combined", year=year)
    else:
        raise Http404
    name = download_name(agency_name=f"{top.name}（汇总）", year=year, ext=ext)
    return file_response(
        data, ext=ext, filename=name, fallback=f"combined-report-{year}.{ext}", inline=ext == "pdf", cache=False
    )


@login_required
@require_POST
def import_report(request, year: int):
    regions = _get_regions_for_user(request.user)
    form = ImportForm(request.POST, request.FILES, regions=regions)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("report-region", year=year)
    upload = form.cleaned_data["file"]
    try:
        record = services.report_import(
            region=form.target_region(),
            data=upload.read(),
            filename=upload.name,
            actor=request.user,
            year=year,
            credit_code=form.cleaned_data["credit_code"],
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if record.agency_id is not None:
            messages.success(
                request,
                f"已导入 {escape(record.agency_name)} {record.year}年度报告：该机关在本平台上，"
                "已与平台数据对照（汇总时只计平台数据）",
            )
        else:
            messages.success(request, f"已导入 {escape(record.agency_name)} {record.year}年度报告")
    return redirect("report-region", year=year)
