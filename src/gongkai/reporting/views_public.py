"""The published reports on the portal (the 年报 column's pages and downloads) and the JSON API."""

from __future__ import annotations

import json

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.portal.http import public_page
from gongkai.report.render import pdf as pdf_render
from gongkai.report.render.html import embedded
from gongkai.reporting import services
from gongkai.reporting.files import ascii_name, download_name, file_response
from gongkai.reporting.models import ReportVersion


def _version(agency_id: int, year: int, number: int | None = None) -> ReportVersion:
    versions = ReportVersion.objects.filter(agency_id=agency_id, year=year).with_has_pdf().select_related("agency")
    if number is not None:
        versions = versions.filter(number=number)
    version = versions.order_by("-number").first()
    if version is None:
        raise Http404("该年度报告尚未公布")
    return version


@public_page(lambda agency_id, year: [f"agency:{agency_id}"])
def report_page(request, agency_id: int, year: int):
    agency = get_object_or_404(Agency, pk=agency_id)
    version = _version(agency_id, year)
    history = ReportVersion.objects.filter(agency=agency, year=year).only("number", "published_on", "note")
    context = {
        "agency": agency,
        "version": version,
        "history": history,
        "body": embedded(bytes(version.html).decode("utf-8")),
        "pdf_offered": pdf_offered(version),
    }
    return render(request, "reporting/public_report.html", context)


def pdf_offered(version: ReportVersion) -> bool:
    """The portal offers a PDF only if there is one, or a converter that can make it."""
    return bool(version.has_pdf) or pdf_render.soffice_path() is not None


@require_GET
def download(request, agency_id: int, year: int, number: int, ext: str):
    """A version's file, named for what it is; versions never change, so these may be cached for long."""
    version = _version(agency_id, year, number)
    if ext == "pdf":
        data = services.version_pdf(version=version)
        if data is None:
            # Never a 503 to the public: the page does not offer the PDF, and this says where the others are.
            return render(
                request,
                "reporting/pdf_missing.html",
                {"agency": version.agency, "version": version},
                status=404,
            )
    elif ext == "json":
        data = version.report_json.encode("utf-8")
    elif ext in ("docx", "html", "xlsx"):
        data = bytes(getattr(version, ext))
    else:
        raise Http404
    return file_response(
        data,
        ext=ext,
        filename=download_name(agency_name=version.agency.name, year=year, ext=ext, number=number),
        fallback=ascii_name(agency_id=version.agency_id, year=year, ext=ext, number=number),
        inline=ext in ("html", "pdf", "json"),
    )


@require_GET
def api_report(request, agency_id: int, year: int):
    """`GET /api/v1/agencies/{agency_id}/reports/{year}`: the latest published version as report JSON (FORMAT.md
    machine names), with `version` and `published_on`."""
    if not Agency.objects.filter(pk=agency_id).exists():
        return JsonResponse({"error": "没有这个机关"}, status=404, json_dumps_params={"ensure_ascii": False})
    version = ReportVersion.objects.filter(agency_id=agency_id, year=year).order_by("-number").first()
    if version is None:
        return JsonResponse({"error": "该年度报告尚未公布"}, status=404, json_dumps_params={"ensure_ascii": False})
    data = json.loads(version.report_json)
    data["version"] = version.number
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
