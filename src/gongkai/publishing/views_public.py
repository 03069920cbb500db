"""The public side: each agency's published items, listed and shown with their metadata. Anonymous, cacheable."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control

from gongkai.agencies.models import Agency
from gongkai.publishing.models import Attachment, Item, Status
from gongkai.publishing.views import attachment_response

# Short: a withdrawal must leave every public page quickly, even through a cache.
public_cache = cache_control(public=True, max_age=60)


@public_cache
def home(request):
    agencies = Agency.objects.annotate(published=Count("items", filter=Q(items__status=Status.PUBLISHED)))
    return render(request, "public/home.html", {"agencies": agencies})


@public_cache
def agency_items(request, agency_id: int):
    agency = get_object_or_404(Agency, pk=agency_id)
    items = Item.objects.public().filter(agency=agency).select_related("category")
    categories = agency.categories.annotate(n=Count("items", filter=Q(items__status=Status.PUBLISHED)))
    category = request.GET.get("c", "")
    if category.isdigit():
        items = items.filter(category_id=int(category))
    return render(
        request,
        "public/agency.html",
        {
            "agency": agency,
            "items": items[:200],
            "categories": categories,
            "category": category,
        },
    )


@public_cache
def item(request, pk: int):
    found = get_object_or_404(Item.objects.public().select_related("agency", "category", "catalog_entry"), pk=pk)
    return render(request, "public/item.html", {"item": found, "attachments": found.attachments.all()})


def attachment(request, pk: int):
    found = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    if found.item.status != Status.PUBLISHED:
        raise Http404
    return attachment_response(found)
