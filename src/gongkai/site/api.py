"""/api/v1/openapi.json: one OpenAPI document for the whole API, from the parts each app describes."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from gongkai.applications.openapi import openapi_document
from gongkai.reporting.openapi import report_paths, report_schemas


def full_openapi_document() -> dict:
    document = openapi_document()
    document["info"]["title"] = "gongkai 接口"
    document["info"]["description"] += "年度报告接口返回已公布的政府信息公开工作年度报告。"
    document["paths"].update(report_paths())
    document["components"]["schemas"].update(report_schemas())
    return document


@require_GET
def openapi(request):
    return JsonResponse(full_openapi_document(), json_dumps_params={"ensure_ascii": False})
