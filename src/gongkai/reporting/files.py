"""Report files as people receive them: names that say what they are, and the HTTP response that carries them.

"淄博市张店区机关事务服务中心2022年政府信息公开工作年度报告（第1版）.pdf", with an ASCII name beside it in
Content-Disposition (RFC 6266: `filename` for old clients, `filename*` UTF-8 for the rest).
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from gongkai.publishing.files import CONTENT_TYPES as FILE_TYPES
from gongkai.report.format import REPORT_TITLE

CONTENT_TYPES = {
    **{kind: FILE_TYPES[kind] for kind in ("docx", "xlsx", "pdf")},
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def download_name(*, agency_name: str, year: int, ext: str, number: int | None = None, suffix: str = "") -> str:
    version = f"（第{number}版）" if number is not None else ""
    return f"{agency_name}{year}年{REPORT_TITLE}{version}{suffix}.{ext}"


def ascii_name(*, year: int, ext: str, agency_id: int | None = None, number: int | None = None) -> str:
    parts = ["annual-report", *([f"agency{agency_id}"] if agency_id is not None else []), str(year)]
    if number is not None:
        parts.append(f"v{number}")
    return "-".join(parts) + f".{ext}"


def content_disposition(filename: str, *, fallback: str, inline: bool) -> str:
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(
    data: bytes, *, ext: str, filename: str, fallback: str | None = None, inline: bool = False, cache: bool = True
) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    response["Content-Disposition"] = content_disposition(
        filename, fallback=fallback or f"annual-report.{ext}", inline=inline
    )
    # Published versions never change; previews change with every edit.
    response["Cache-Control"] = "public, max-age=86400, immutable" if cache else "private, no-store"
    return response
