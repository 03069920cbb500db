"""The fast path for repeat visits to public pages: a middleware placed right after SecurityMiddleware that answers
an anonymous GET or HEAD from the page cache, before sessions, auth, CSRF, messages and URL resolution run.

It knows a URL only once its view has rendered it through `portal.http.public_page`, which leaves the URL's scope
names in the cache. Then it reads those scopes' tokens in one primary-key query, computes the same key the view
would, and serves the stored page (or a 304). Anything it cannot answer (a new URL, a changed token, a staff
visitor with a session, a request with a body) goes down the normal path, which renders and fills the cache.

Item pages, when page files are on, are its own: it sends the page's file if one exists (a request that reached
Django anyway), else renders the page (gongkai.portal.item_page), the first visit of every page a crawler makes, and
from the page's second visit writes its file.

It never decides freshness itself: the tokens are read from the database on every request, exactly as the view
does, so a withdrawal committed before the request is seen by it."""

from __future__ import annotations

from django.core.exceptions import DisallowedHost

from gongkai.portal import http, item_page, page_files, versions


class PortalFastPath:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and http.is_anonymous(request):
            response = cached_page(request)
            if response is not None:
                return response
        return self.get_response(request)


def cached_page(request):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the normal path answers it (400)
    full_path = request.get_full_path()
    item = page_files.FILE_PAGE.match(full_path)
    if item is not None and page_files.root() is not None:
        # An item page with page files on: nginx found no file (crawlers, the first visit after a change), or there
        # is no nginx in front. Either way the file is the page's cache, not the page cache.
        if page_files.path_of(int(item.group(1))).exists():
            response = item_page.serve_file(request, host, int(item.group(1)))
        else:
            response = item_page.serve_uncached(request, host, int(item.group(1)))
        return None if response is None else _with_fixed_headers(response)
    names = http.cache_get(http.scopes_key(host, full_path))
    if names is None:
        return None
    tokens = versions.tokens(names)
    if tokens is None:
        return None
    tag = http.page_tag(host, full_path, names, tokens)
    entry = http.cache_get(f"portal:{tag}")
    if entry is None:
        return None
    return _with_fixed_headers(http.cached_response(entry, tag, request.META.get("HTTP_IF_NONE_MATCH", "")))


def _with_fixed_headers(response):
    for header, value in http.FIXED_HEADERS.items():
        response[header] = value
    response["Content-Length"] = str(len(response.content))
    return response
