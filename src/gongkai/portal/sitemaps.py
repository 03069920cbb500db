"""sitemap.xml (an index), its parts, and robots.txt. Items are split into parts by id range, so each part is one
index range scan of at most PART_SIZE rows however many items there are (the protocol's limit is 50,000 URLs)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max, Min
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.portal.http import public_page
from gongkai.publishing.models import Category, Item

PART_SIZE = 40_000


def site_url(request) -> str:
    return settings.GONGKAI_PUBLIC_URL or f"{request.scheme}://{request.get_host()}"


@public_page(lambda: ["site"])
def sitemap_index(request):
    span = Item.objects.public().aggregate(low=Min("pk"), high=Max("pk"))
    numbers = range(span["low"] // PART_SIZE, span["high"] // PART_SIZE + 1) if span["high"] else []
    parts = [reverse("portal-sitemap-items", args=[n]) for n in numbers]
    return render(
        request,
        "portal/sitemap_index.xml",
        {"base": site_url(request), "parts": [reverse("portal-sitemap-pages"), *parts]},
        content_type="application/xml; charset=utf-8",
    )


@public_page(lambda: ["site"])
def sitemap_pages(request):
    urls = [reverse("public-home"), reverse("portal-search")]
    for agency in Agency.objects.only("pk"):
        urls += [reverse("public-agency", args=[agency.pk]), reverse("portal-guide", args=[agency.pk])]
    urls += [reverse("portal-category", args=[c.agency_id, c.pk]) for c in Category.objects.only("pk", "agency_id")]
    rows = [{"loc": url, "lastmod": None} for url in urls]
    return render(
        request, "portal/sitemap.xml", {"base": site_url(request), "rows": rows}, content_type="application/xml"
    )


@public_page(lambda part: ["site"])
def sitemap_items(request, part: int):
    items = (
        Item.objects.public()
        .filter(pk__gte=part * PART_SIZE, pk__lt=(part + 1) * PART_SIZE)
        .order_by("pk")
        .values_list("pk", "published_at")
    )
    rows = [{"loc": reverse("public-item", args=[pk]), "lastmod": at} for pk, at in items]
    return render(
        request, "portal/sitemap.xml", {"base": site_url(request), "rows": rows}, content_type="application/xml"
    )


def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Allow: /",
        f"Sitemap: {site_url(request)}{reverse('portal-sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
