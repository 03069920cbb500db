"""The Jinja2 environment for the portal's hottest page, the item page (docs/portal.md, "The crawler case").

Django renders the other pages with its own engine; the item page is rendered by Jinja2 because it is what every
search-engine crawler asks for, a different page each time, and Django's engine spent about ten times as long on it
as Jinja2 does. Both engines extend the same `portal/base.html`, written in the syntax they share (blocks, variables,
a plain include), so the frame of every portal page has one source.

The filters the item template uses are Django's own functions under Django's names, so a value is formatted and
escaped as Django's template would: `date` converts to local time first, as Django's engine does before it calls the
filter; `default` replaces any false value (Django's meaning, not Jinja2's "undefined only")."""

from __future__ import annotations

import html

from django.template import defaultfilters
from django.urls import reverse
from django.utils.timezone import template_localtime
from jinja2 import Environment


def _escape(value) -> str:
    """django.utils.html.conditional_escape (html.escape of the text, unless it is safe already), which costs
    three times as much through its lazy-string wrapper: a page prints some thirty values."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _date(value, arg=None):
    return defaultfilters.date(template_localtime(value), arg)


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


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
        striptags=defaultfilters.striptags,
        truncatechars=defaultfilters.truncatechars,
        filesizeformat=defaultfilters.filesizeformat,
        upper=defaultfilters.upper,
    )
    env.globals.update(url=_url)
    return env
