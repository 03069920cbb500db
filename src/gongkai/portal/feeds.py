"""Atom feeds: an agency's latest public items, and one category's."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.portal.http import public_page
from gongkai.publishing.models import Category, Item
from gongkai.publishing.sanitize import html_to_text

FEED_SIZE = 30


class _ItemFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return html_to_text(item.body)[:300]

    def item_link(self, item: Item) -> str:
        return reverse("public-item", args=[item.pk])

    def item_pubdate(self, item: Item):
        return item.published_at

    def item_author_name(self, item: Item) -> str:
        return item.issuing_body


class AgencyFeed(_ItemFeed):
    def get_object(self, request, agency_id: int):
        return get_object_or_404(Agency, pk=agency_id)

    def title(self, agency: Agency) -> str:
        return f"{agency.name} 政府信息公开"

    def link(self, agency: Agency) -> str:
        return reverse("public-agency", args=[agency.pk])

    def items(self, agency: Agency):
        return Item.objects.public().filter(agency=agency).order_by("-published_at", "-id")[:FEED_SIZE]


class CategoryFeed(_ItemFeed):
    def get_object(self, request, agency_id: int, category_id: int):
        return get_object_or_404(Category.objects.select_related("agency"), pk=category_id, agency_id=agency_id)

    def title(self, category: Category) -> str:
        return f"{category.agency.name} {category.name}"

    def link(self, category: Category) -> str:
        return reverse("portal-category", args=[category.agency_id, category.pk])

    def items(self, category: Category):
        return Item.objects.public().filter(category=category).order_by("-published_at", "-id")[:FEED_SIZE]


agency_feed = public_page(lambda agency_id: [f"agency:{agency_id}"])(AgencyFeed())
category_feed = public_page(lambda agency_id, category_id: [f"category:{category_id}"])(CategoryFeed())
