"""The Jinja2 environment for the portal's pages that are rendered anew on most requests: the item page (docs/portal.md,
"The crawler case") and the search results page (docs/portal.md, "Search").

Django renders the other pages with its own engine; the item page is rendered by Jinja2 because it is what every
search-engine crawler asks for, a different page each time, and the search page because nearly every visitor's query
is a new URL; Django's engine spent many times as long on each as Jinja2 does (measured in docs/portal.md). Both
engines extend the same `portal/base.html`, written in the syntax they share (blocks, variables,
a plain include), so the frame of every portal page has one source.

The filters these templates use are Django's own functions under Django's names, so a value is formatted and
escaped as Django's template would: `date` converts to local time first, as Django's engine does before it calls the
filter; `default` replaces any false value (Django's meaning, not Jinja2's "undefined only")."""

from __future__ import annotations

import html
from functools import cache

from django.template import defaultfilters, engines
from django.urls import get_script_prefix, reverse
from django.utils.timezone import template_localtime
from jinja2 import Environment

from gongkai.portal.context import frame, origin


def _escape(value) -> str:
    """django.utils.html.conditional_escape (html.escape of the text, unless it is safe already), which costs
    three times as much through its lazy-string wrapper: a page prints some thirty values."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _date(value, arg=None):
    """Django's `date` filter; the two formats the item page prints are written out (a third of the render went
    to Django's general formatter), with Django's results: `Y-m-d` and `c` (isoformat)."""
    value = template_localtime(value)
    if value in (None, ""):
        return ""
    if arg == "Y-m-d":
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if arg == "c":
        return value.isoformat()
    return defaultfilters.date(value, arg)


# Reversing a URL cost as much as the rest of the item page's render: each (name, number of arguments) is reversed
# once with stand-in integers, and later calls fill the same places. Every argument here is an integer id.
_STAND_IN = 987_654_321_000


@cache
def _url_form(prefix: str, name: str, count: int) -> str:
    path = reverse(name, args=[_STAND_IN + n for n in range(count)]).replace("{", "{{").replace("}", "}}")
    for n in range(count):
        path = path.replace(str(_STAND_IN + n), f"{{{n}}}", 1)
    return path


def _url(name: str, *args: int) -> str:
    return _url_form(get_script_prefix(), name, len(args)).format(*(int(arg) for arg in args))


def environment(**options) -> Environment:
    # Escaping as Django's engine does, byte for byte (`&#x27;` and `&quot;`, where Jinja2's own gives `&#39;` and
    # `&#34;`): every printed value goes through `_escape`, which leaves safe strings (`|safe`, Django's SafeString)
    # alone. So Jinja2's own autoescape is off, and macros, which would then escape twice, are not used in these
    # templates. Django's engine also keeps a template's last newline; Jinja2 drops it unless told.
    options.update(autoescape=False, finalize=_escape, keep_trailing_newline=True)
    env = Environment(**options)
    env.filters.update(
        date=_date,
        default=defaultfilters.default,
        default_if_none=defaultfilters.default_if_none,
        striptags=defaultfilters.striptags,
        truncatechars=defaultfilters.truncatechars,
        filesizeformat=defaultfilters.filesizeformat,
        upper=defaultfilters.upper,
    )
    env.globals.update(url=_url)
    return env


def render_page(name: str, context: dict, request) -> str:
    """A portal page from its template in gongkai/jinja2/ and `context`, plus what the frame needs and Django's
    context processors would have given it (`site_url`, `portal`; the backend adds `request`): no other context
    processor runs, so a Jinja2 portal page shows nothing that depends on the visitor."""
    return (
        engines["jinja2"]
        .get_template(name)
        .render({**context, "site_url": origin(request), "portal": frame()}, request)
    )
