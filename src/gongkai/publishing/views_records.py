"""Staff pages for the catalog (基本目录) and the yearly figures, with their XLSX import and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import get_agency_for_member, get_agency_for_viewer, has_role
from gongkai.agencies.models import Role
from gongkai.common.forms import message_service_errors
from gongkai.publishing import spreadsheets
from gongkai.publishing.files import CONTENT_TYPES
from gongkai.publishing.forms import FiguresForm, UploadForm
from gongkai.publishing.models import FIGURE_FIELDS, YearFigures

XLSX = CONTENT_TYPES["xlsx"]


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
def catalog(request, agency_id: int):
    agency = get_agency_for_viewer(request.user, agency_id)
    tops = agency.catalog.filter(parent=None).prefetch_related("children")
    return render(
        request,
        "publishing/catalog.html",
        {
            "agency": agency,
            "tops": tops,
            "upload_form": UploadForm(),
            "can_import": has_role(request.user, agency, Role.AGENCY_ADMIN),
            "level1": agency.catalog.filter(parent=None).count(),
            "level2": agency.catalog.exclude(parent=None).count(),
        },
    )


@login_required
def catalog_xlsx(request, agency_id: int):
    agency = get_agency_for_viewer(request.user, agency_id)
    return _xlsx(spreadsheets.catalog_export(agency=agency), "catalog.xlsx")


@require_POST
@login_required
def catalog_import(request, agency_id: int):
    agency = get_agency_for_member(request.user, agency_id, Role.AGENCY_ADMIN)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added, updated = spreadsheets.catalog_import(
                agency=agency, actor=request.user, data=form.cleaned_data["file"].read()
            )
        except ValidationError as exc:
            message_service_errors(request, exc)
        else:
            messages.success(request, f"已导入：新增{added}项，更新{updated}项")
    else:
        messages.error(request, "请选择文件")
    return redirect("catalog", agency_id=agency.pk)


@login_required
def figures(request, agency_id: int, year: int):
    agency = get_agency_for_viewer(request.user, agency_id)
    can_edit = has_role(request.user, agency, Role.AGENCY_ADMIN)
    instance = YearFigures.objects.filter(agency=agency, year=year).first() or YearFigures(agency=agency, year=year)
    form = FiguresForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            values = {f: form.cleaned_data[f] for f in FIGURE_FIELDS}
            try:
                spreadsheets.figures_save(agency=agency, year=year, actor=request.user, **values)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "已保存")
                return redirect("figures", agency_id=agency.pk, year=year)
    return render(
        request,
        "publishing/figures.html",
        {
            "agency": agency,
            "year": year,
            "form": form,
            "can_edit": can_edit,
            "upload_form": UploadForm(),
        },
    )


@login_required
def figures_xlsx(request, agency_id: int, year: int):
    agency = get_agency_for_viewer(request.user, agency_id)
    instance = YearFigures.objects.filter(agency=agency, year=year).first() or YearFigures(agency=agency, year=year)
    return _xlsx(spreadsheets.figures_export(figures=instance), f"figures-{year}.xlsx")


@require_POST
@login_required
def figures_import(request, agency_id: int, year: int):
    agency = get_agency_for_member(request.user, agency_id, Role.AGENCY_ADMIN)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            spreadsheets.figures_import(
                agency=agency, year=year, actor=request.user, data=form.cleaned_data["file"].read()
            )
        except ValidationError as exc:
            message_service_errors(request, exc)
        else:
            messages.success(request, "已导入年度数据")
    else:
        messages.error(request, "请选择文件")
    return redirect("figures", agency_id=agency.pk, year=year)
