"""The published reports on the portal (the 年报 column's pages and downloads) and the JSON API."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.portal.http import public_page
from gongkai.publishing.files import CONTENT_TYPES as FILE_TYPES
from gongkai.report.render.pdf import PdfUnavailable
from gongkai.reporting import services
from gongkai.reporting.models import ReportVersion

CONTENT_TYPES = {
    **{kind: FILE_TYPES[kind] for kind in ("docx", "xlsx", "pdf")},
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _version(agency_id: int, year: int, number: int | None = None) -> ReportVersion:
    versions = ReportVersion.objects.filter(agency_id=agency_id, year=year)
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
    context = {"agency": agency, "version": version, "history": history, "body": bytes(version.html).decode("utf-8")}
    return render(request, "reporting/public_report.html", context)


@require_GET
def download(request, agency_id: int, year: int, number: int, ext: str):
    """A version's file; versions never change, so these may be cached for long."""
    version = _version(agency_id, year, number)
    if ext == "pdf":
        try:
            data = services.version_pdf(version=version)
        except PdfUnavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    elif ext == "json":
        data = version.report_json.encode("utf-8")
    elif ext in ("docx", "html", "xlsx"):
        data = bytes(getattr(version, ext))
    else:
        raise Http404
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    filename = f"{version.agency_id}-{year}-v{number}.{ext}"
    disposition = "inline" if ext in ("html", "pdf", "json") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=86400, immutable"
    return response


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
