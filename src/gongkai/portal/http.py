"""Serving public pages from the cache, with ETag/Last-Modified and 304s, keyed on the version tokens of the scopes
the page shows (gongkai.portal.versions)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.http import http_date

from gongkai.portal import versions

# Visitors and proxies may keep a copy but must ask again each time (a cheap 304): a withdrawn item must never be
# shown from anyone's cache. The server's own copy is exact, so it can live long.
CACHE_CONTROL = "public, max-age=0, must-revalidate"
SERVER_COPY_SECONDS = 600


def public_page(scopes: Callable[..., list[str]]):
    """Decorate a public GET view. `scopes(**kwargs)` names what the page shows, from the URL alone."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return HttpResponseNotAllowed(["GET", "HEAD"])
            names = scopes(**kwargs)
            state = versions.read(names)
            key_source = "|".join([request.get_host(), request.get_full_path(), *(token for token, _ in state)])
            tag = hashlib.blake2b(key_source.encode(), digest_size=12).hexdigest()
            etag = f'"{tag}"'
            last_modified = http_date(max(at for _, at in state).timestamp())
            if etag in request.headers.get("If-None-Match", ""):
                response = HttpResponse(status=304)
            else:
                cached = cache.get(f"portal:{tag}")
                if cached is None:
                    rendered = view(request, *args, **kwargs)
                    if hasattr(rendered, "render"):
                        rendered.render()
                    cached = (rendered.status_code, rendered["Content-Type"], rendered.content)
                    if rendered.status_code in (200, 404):
                        cache.set(f"portal:{tag}", cached, SERVER_COPY_SECONDS)
                    else:
                        return rendered
                status, content_type, content = cached
                response = HttpResponse(content, content_type=content_type, status=status)
            response["ETag"] = etag
            response["Last-Modified"] = last_modified
            response["Cache-Control"] = CACHE_CONTROL
            return response

        return wrapper

    return decorate
