"""The site's own static files (its scripts, and the rich-text editor's files from the django-prose-editor wheel):
served by Django with a long-lived, revalidated cache, so the nginx site needs no static folder and the
Content-Security-Policy can say `script-src 'self'` (no CDN, no inline import map: site/assets/editor.js imports the
editor's module by a relative URL)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_safe

ASSETS = Path(__file__).resolve().parent / "assets"
JS, CSS = "text/javascript; charset=utf-8", "text/css; charset=utf-8"
TYPES = {
    "portal.js": JS,
    "applicant.js": JS,
    "editor.js": JS,
    "editor-zh.js": JS,
    "prose-editor.js": JS,
    "prose-editor.css": CSS,
    "material-icons.css": CSS,
    "material-icons.woff2": "font/woff2",
}
# Served from the installed django-prose-editor package, under the names above.
PROSE_EDITOR = {
    "prose-editor.js": "editor.js",
    "prose-editor.css": "editor.css",
    "material-icons.css": "material-icons.css",
    "material-icons.woff2": "material-icons.woff2",
}


def _path(name: str) -> Path:
    if name in PROSE_EDITOR:
        import django_prose_editor

        return (
            Path(django_prose_editor.__file__).resolve().parent / "static" / "django_prose_editor" / PROSE_EDITOR[name]
        )
    return ASSETS / name


@cache
def _asset(name: str) -> tuple[bytes, str]:
    data = _path(name).read_bytes()
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
