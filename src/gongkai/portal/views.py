"""Public pages: the site home, an agency's home and guide, lists by category and by catalog indicator, the item
page, search. Anonymous, served through the version-keyed cache (gongkai.portal.http)."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from gongkai.agencies.models import Agency
from gongkai.common.params import int_param
from gongkai.portal import item_page, paging
from gongkai.portal.http import public_page
from gongkai.portal.jinja import render_page as render_jinja
from gongkai.portal.search import Results, highlight, search, terms_of
from gongkai.publishing.files import attachment_response
from gongkai.publishing.models import Attachment, CatalogEntry, Category, Item, Status, Validity

LATEST_ON_HOME = 10
SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGE = 50


def applications_url(agency: Agency) -> str | None:
    """The applications app's public form, once it exists (issue: 依申请公开)."""
    for name, args in (("application-apply", [agency.pk]), ("applications:apply", [agency.pk])):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


@public_page(lambda: ["site"])
def home(request):
    agencies = (
        Agency.objects.select_related("region")
        .annotate(published=Count("items", filter=Q(items__status=Status.PUBLISHED)))
        .order_by("region__name", "name")
    )
    regions = [(region, list(group)) for region, group in groupby(agencies, key=lambda a: a.region)]
    return render(request, "portal/home.html", {"regions": regions})


def _catalog_tree(agency: Agency) -> list[tuple[CatalogEntry, list[CatalogEntry]]]:
    entries = list(agency.catalog.all())
    children: dict[int, list[CatalogEntry]] = {}
    for entry in entries:
        if entry.parent_id:
            children.setdefault(entry.parent_id, []).append(entry)
    return [(entry, children.get(entry.pk, [])) for entry in entries if not entry.parent_id]


@public_page(lambda agency_id: [f"agency:{agency_id}"])
def agency_home(request, agency_id: int):
    agency = get_object_or_404(Agency, pk=agency_id)
    latest = Item.objects.public().filter(agency=agency).select_related("category").order_by("-published_at", "-id")
    context = {
        "agency": agency,
        "guide": getattr(agency, "guide", None),
        "tree": _catalog_tree(agency),
        "categories": agency.categories.annotate(n=Count("items", filter=Q(items__status=Status.PUBLISHED))),
        "latest": latest[:LATEST_ON_HOME],
        "applications_url": applications_url(agency),
    }
    return render(request, "portal/agency.html", context)


@public_page(lambda agency_id: [f"agency:{agency_id}"])
def guide(request, agency_id: int):
    agency = get_object_or_404(Agency, pk=agency_id)
    context = {"agency": agency, "guide": getattr(agency, "guide", None), "applications_url": applications_url(agency)}
    return render(request, "portal/guide.html", context)


def _list(request, *, agency, items, heading: str, feed_url: str | None, extra: dict):
    result = paging.page(items.select_related("category"), request.GET)
    context = {"agency": agency, "page": result, "heading": heading, "feed_url": feed_url, **extra}
    return render(request, "portal/list.html", context)


@public_page(lambda agency_id, category_id: [f"category:{category_id}"])
def category_items(request, agency_id: int, category_id: int):
    category = get_object_or_404(Category.objects.select_related("agency"), pk=category_id, agency_id=agency_id)
    items = Item.objects.public().filter(category=category)
    return _list(
        request,
        agency=category.agency,
        items=items,
        heading=category.name,
        feed_url=reverse("portal-category-feed", args=[agency_id, category_id]),
        extra={"category": category, "total": items.count()},
    )


@public_page(lambda agency_id, entry_id: [f"catalog:{entry_id}"])
def catalog_items(request, agency_id: int, entry_id: int):
    entry = get_object_or_404(CatalogEntry.objects.select_related("agency", "parent"), pk=entry_id, agency_id=agency_id)
    children = list(entry.children.all())
    items = Item.objects.public().filter(catalog_entry_id__in=[entry.pk, *(c.pk for c in children)])
    return _list(
        request,
        agency=entry.agency,
        items=items,
        heading=entry.name,
        feed_url=None,
        extra={"entry": entry, "children": children, "total": items.count()},
    )


def _item_scopes(pk: int) -> list[str]:
    return [f"item:{pk}"]


@public_page(_item_scopes)
def item(request, pk: int):
    page = item_page.load(pk)  # the same page the fast path writes as a file (gongkai.portal.item_page)
    if page is None:
        raise Http404
    return HttpResponse(item_page.render(page, request))


def _int_param(request, name: str) -> int | None:
    return int_param(request.GET.get(name))


def _year_param(request) -> int | None:
    """A year the search can look up (its order keys run from 2000 to 2139); any other is ignored, not a 500."""
    year = _int_param(request, "year")
    return year if year is not None and 2000 <= year <= 2139 else None


# Up to this many agencies, the search form lists them all in a select; beyond (a province's platform lists
# thousands, which made every search page hundreds of kilobytes), the visitor types part of a name.
AGENCY_CHOICES_MAX = 200
AGENCY_MATCHES_SHOWN = 20


def _agency_choice(request) -> dict:
    """The search form's agency: `agency` (an id, from a link or the select) or the part of a name typed in
    `agency_name`, which chooses the agency whose name or short name it is, or the only one whose name holds it.
    Gives the agency's id (or None), what the form shows (`agencies` for the select, None for the text box;
    `agency_name`), and, for a typed name that chooses no agency, the agencies whose names hold it (`matches`)."""
    agencies = list(Agency.objects.values("pk", "name")[: AGENCY_CHOICES_MAX + 1])
    choice = {"agency_id": _int_param(request, "agency"), "agency_name": "", "matches": None, "more_matches": False}
    choice["agencies"] = agencies if len(agencies) <= AGENCY_CHOICES_MAX else None
    if choice["agency_id"]:
        if choice["agencies"] is None:  # the text box shows the agency's name (the select marks its option)
            found = Agency.objects.filter(pk=choice["agency_id"]).values_list("name", flat=True).first()
            choice["agency_name"] = found or ""
        return choice
    typed = request.GET.get("agency_name", "").strip()[: Agency._meta.get_field("name").max_length]
    if not typed:
        return choice
    choice["agency_name"] = typed
    named = Agency.objects.filter(Q(name=typed) | Q(short_name=typed)).values_list("pk", flat=True)[:2]
    if len(named) == 1:
        choice["agency_id"] = named[0]
        return choice
    matches = list(Agency.objects.filter(name__contains=typed).values("pk", "name")[: AGENCY_MATCHES_SHOWN + 1])
    if len(matches) == 1:
        choice["agency_id"], choice["agency_name"] = matches[0]["pk"], matches[0]["name"]
        return choice
    choice["more_matches"] = len(matches) > AGENCY_MATCHES_SHOWN
    choice["matches"] = matches[:AGENCY_MATCHES_SHOWN]
    for match in choice["matches"]:  # the same search, with this agency
        params = request.GET.copy()
        for name in ("agency_name", "page"):
            params.pop(name, None)
        params["agency"] = match["pk"]
        match["href"] = "?" + params.urlencode()
    return choice


@public_page(lambda: ["site"])
def search_page(request):
    query = request.GET.get("q", "").strip()
    page_number = min(max(_int_param(request, "page") or 1, 1), SEARCH_MAX_PAGE)
    agency = _agency_choice(request)
    filters = {
        "agency_id": agency["agency_id"],
        "category_id": _int_param(request, "category"),
        "year": _year_param(request),
        "validity": request.GET.get("validity") if request.GET.get("validity") in Validity.values else None,
    }
    if agency["matches"] is None:
        results = search(query=query, offset=(page_number - 1) * SEARCH_PAGE_SIZE, limit=SEARCH_PAGE_SIZE, **filters)
    else:  # the typed name chose no agency: the visitor chooses one of its matches first
        results = Results(items=[], count=0, exact=True, more=False)
    terms = terms_of(query)
    hits = [
        {"item": hit, "title": highlight(hit.title, terms, window=300), "snippet": highlight(hit.text, terms)}
        for hit in results.items
    ]
    context = {
        "query": query,
        "hits": hits,
        "results": results,
        "filters": filters,
        "agency": agency,
        "categories": list(Category.objects.filter(agency_id=filters["agency_id"]).values("pk", "name"))
        if filters["agency_id"]
        else [],
        "validities": Validity.choices,
        "page_number": page_number,
        "has_next": results.more and page_number < SEARCH_MAX_PAGE,
    }
    return HttpResponse(render_jinja("portal/search.html", context, request))


def attachment(request, pk: int):
    found = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    if found.item.status != Status.PUBLISHED:
        raise Http404
    return attachment_response(found)
