"""The site's own static files (its one script): served by Django with a long-lived, revalidated cache, so the
nginx site needs no static folder and the Content-Security-Policy can say `script-src 'self'`."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_safe

ASSETS = Path(__file__).resolve().parent / "assets"
TYPES = {"portal.js": "text/javascript; charset=utf-8", "applicant.js": "text/javascript; charset=utf-8"}


@cache
def _asset(name: str) -> tuple[bytes, str]:
    data = (ASSETS / name).read_bytes()
    return data, '"' + hashlib.sha256(data).hexdigest()[:24] + '"'


@require_safe
def asset(request, name: str):
    if name not in TYPES:  # only the files named here, never a path from the request
        raise Http404
    data, etag = _asset(name)
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(data, content_type=TYPES[name])
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=3600"
    return response
