"""Site-wide guards (docs/security.md): one control-character rule for every input, and the security headers,
Content-Security-Policy included, that every page carries (the nginx site prints the same for the files it sends)."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig

from gongkai.common.errors import refusal
from gongkai.text import MESSAGE, find_control, strings_in

# No inline script anywhere (the one script is a file, gongkai/site/assets); styles may be inline (charts, the
# templates' <style> blocks). Pictures come from the site or are data: URIs (charts); nothing may frame a page.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def security_headers() -> dict[str, str]:
    """Headers every response carries beside Django's own (SecurityMiddleware, clickjacking): the nginx site adds
    these and Django's to the pages it sends from files, so both answer alike."""
    headers = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY or "same-origin",
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY or "same-origin",
    }
    if settings.SECURE_HSTS_SECONDS:
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers["Strict-Transport-Security"] = value
    return headers


class ContentSecurityPolicy:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class RefuseControlCharacters:
    """Every query parameter, form field and JSON string, before any view sees it: a control character is refused
    with a 400 (JSON under /api/), so none reaches the database, a letter or a report."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            found = self._find(request)
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
            return refusal(request, 413, f"提交的内容过大（不得超过 {limit} MB）")
        if found:
            return refusal(request, 400, f"{found}{MESSAGE}")
        return self.get_response(request)

    @staticmethod
    def _find(request) -> str | None:
        for key, values in request.GET.lists():
            if any(find_control(text) for text in (key, *values)):
                return "查询参数"
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        if request.content_type == "application/json":
            try:
                data = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError, RecursionError):
                return None  # the view answers a body that is not JSON
            if any(find_control(text) for text in strings_in(data)):
                return "JSON 内容"
        elif request.content_type in _FORM_TYPES:
            for key, values in request.POST.lists():
                if any(find_control(text) for text in (key, *values)):
                    return "表单内容"
        return None


class YearsInRange:
    """A year in a URL (`/staff/<agency>/reports/<year>/`, `/figures/<year>/` …) outside the years gongkai can hold
    names nothing: 404 for every such route here, before a view builds a date from year 0 or 99999999."""

    FIRST, LAST = 1949, 2199

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        year = view_kwargs.get("year")
        if isinstance(year, int) and not self.FIRST <= year <= self.LAST:
            from django.http import Http404

            raise Http404("year out of range")
        return None


class ServeAssets:
    """/assets/ (the site's scripts, the editor's files) answered before sessions, auth and CSRF, as the portal's fast
    path answers cached pages: a script needs no session, and a page that loads five at once must not read and write
    the session five times over (SESSION_SAVE_EVERY_REQUEST), which on SQLite makes them queue on one lock."""

    PREFIX = "/assets/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.PREFIX):
            from gongkai.site.views import asset

            return asset(request, request.path.removeprefix(self.PREFIX))
        return self.get_response(request)
