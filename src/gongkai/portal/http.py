"""Serving public pages from the cache, with ETag/Last-Modified and 304s, keyed on the version tokens of the scopes
the page shows (gongkai.portal.versions).

Two ways in, one cache: `public_page` wraps the views (it renders on a miss), and `gongkai.portal.fastpath` answers
repeat requests before sessions, auth, CSRF and URL resolution run. Both compute the same key from the same tokens."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.http import http_date

from gongkai.portal import versions

# Visitors and proxies may keep a copy but must ask again each time (a cheap 304): a withdrawn item must never be
# shown from anyone's cache. The server's own copy is exact, so it can live long.
CACHE_CONTROL = "public, max-age=0, must-revalidate"
SERVER_COPY_SECONDS = 600
# Headers the full middleware chain adds to a page (clickjacking, locale); the fast path adds them itself.
FIXED_HEADERS = {"X-Frame-Options": "DENY", "Vary": "Accept-Language", "Content-Language": settings.LANGUAGE_CODE}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def page_tag(host: str, full_path: str, names: Sequence[str], tokens: Sequence[str]) -> str:
    """The page's identity: its URL and the current token of every scope it shows (scope names included, so two
    scopes that share a token after one bump can never stand in for each other)."""
    return _digest("|".join([host, full_path, *(f"{n}={t}" for n, t in zip(names, tokens, strict=True))]))


def scopes_key(host: str, full_path: str) -> str:
    """Where the scope names of a URL are remembered: they follow from the URL alone, so they never go stale."""
    return f"portal:scopes:{_digest(host + '|' + full_path)}"


def cache_get(key: str):
    """The page cache: this process's memory (settings.CACHES). A page stored under a key never changes, since the
    key names the tokens it was rendered from, so no process or node ever needs another's copy or a purge."""
    return cache.get(key)


def cache_set(key: str, value) -> None:
    cache.set(key, value, SERVER_COPY_SECONDS)


def cached_response(entry: tuple, tag: str, if_none_match: str) -> HttpResponse:
    """A 200 (or 404) from a cached (status, content type, body, Last-Modified), or a 304 for a matching ETag."""
    status, content_type, content, last_modified = entry
    etag = f'"{tag}"'
    if etag in if_none_match:
        response = HttpResponse(status=304, content_type=content_type)
    else:
        response = HttpResponse(content, content_type=content_type, status=status)
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    response["Cache-Control"] = CACHE_CONTROL
    return response


def is_anonymous(request) -> bool:
    """No session: the page is the one every visitor gets (a signed-in visitor's may name them)."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def public_page(scopes: Callable[..., list[str]]):
    """Decorate a public GET view. `scopes(**kwargs)` names what the page shows, from the URL alone."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return HttpResponseNotAllowed(["GET", "HEAD"])
            names = scopes(**kwargs)
            state = versions.read(names)
            host, full_path = request.get_host(), request.get_full_path()
            tag = page_tag(host, full_path, names, [token for token, _ in state])
            entry = cache_get(f"portal:{tag}")
            if entry is None:
                rendered = view(request, *args, **kwargs)
                if hasattr(rendered, "render"):
                    rendered.render()
                if rendered.status_code not in (200, 404):
                    return rendered
                last_modified = http_date(max(at for _, at in state).timestamp())
                entry = (rendered.status_code, rendered["Content-Type"], rendered.content, last_modified)
                cache_set(f"portal:{tag}", entry)
                cache_set(scopes_key(host, full_path), tuple(names))
            return cached_response(entry, tag, request.headers.get("If-None-Match", ""))

        return wrapper

    return decorate
