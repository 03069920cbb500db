from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Frame:
    """What `portal/base.html` shows on every public page and that no page changes: the site header (the same links
    for everyone on a public page), the script and the robots link. Worked out once per process, so that both
    template engines can print them as plain variables."""

    header: SafeString
    script_url: str
    robots_url: str


@cache
def frame() -> Frame:
    return Frame(
        header=SafeString(render_to_string("_header.html", {"public": True})),
        script_url=reverse("site-asset", args=["portal.js"]),
        robots_url=reverse("portal-robots"),
    )


def site_url(request) -> dict:
    """The absolute origin for canonical and Open Graph links (GONGKAI_PUBLIC_URL, else this request's), and the
    portal's frame."""
    return {"site_url": origin(request), "portal": frame()}


def origin(request) -> str:
    return settings.GONGKAI_PUBLIC_URL or f"{request.scheme}://{request.get_host()}"
