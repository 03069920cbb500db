"""What publishing calls when a public item changes: the search text and the version tokens of the pages showing it.

Called explicitly by publishing.services (never from a signal), inside the transaction of the change."""

from __future__ import annotations

from django.db import models

from gongkai.portal import versions
from gongkai.portal.models import SearchDocument
from gongkai.portal.paging import NEWER_THAN, OLDER_THAN, seek_params
from gongkai.portal.search import sort_key
from gongkai.publishing.models import CatalogEntry, Category, Item, Status
from gongkai.publishing.sanitize import html_to_text

NAMES_BATCH = 2000


def scopes_of(item: Item) -> set[str]:
    """Every scope whose pages show this item: its lists, its feeds, the sitemap, its own page and its neighbours'
    pages (their 上一篇/下一篇 links name it)."""
    scopes = {"site", f"agency:{item.agency_id}", f"category:{item.category_id}", f"item:{item.pk}"}
    if item.catalog_entry_id:
        scopes.add(f"catalog:{item.catalog_entry_id}")
        if item.catalog_entry.parent_id:
            scopes.add(f"catalog:{item.catalog_entry.parent_id}")
    if item.published_at:
        scopes.update(f"item:{pk}" for pk in _neighbour_ids(item))
    return scopes


def _neighbour_ids(item: Item) -> list[int]:
    around = Item.objects.public().filter(category_id=item.category_id).exclude(pk=item.pk)
    key = seek_params(item.published_at, item.pk)
    newer = around.extra(where=[NEWER_THAN], params=key).order_by("published_at", "id")
    older = around.extra(where=[OLDER_THAN], params=key).order_by("-published_at", "-id")
    return [pk for qs in (newer, older) for pk in qs.values_list("pk", flat=True)[:1]]


def search_text(item: Item) -> str:
    return "\n".join(part for part in (item.title, item.document_number, html_to_text(item.body)) if part)


def _search_fields(item: Item) -> dict:
    return {"title": item.title, "text": search_text(item), "sort_key": sort_key(item.published_at, item.pk)}


def item_public_changed(item: Item, *, also: set[str] | None = None) -> None:
    """The item was published, withdrawn or edited while public: index or unindex it, and retire every cached page
    that shows it. `also` adds scopes it showed before an edit (an old category)."""
    if item.status == Status.PUBLISHED:
        SearchDocument.objects.update_or_create(item=item, defaults=_search_fields(item))
    else:
        SearchDocument.objects.filter(item=item).delete()
    versions.bump(scopes_of(item) | (also or set()))


def names_changed(*, agency_id: int | None = None, category_id: int | None = None, entry_id: int | None = None) -> None:
    """An agency, category or catalog indicator was edited in the admin: retire every public page that prints its
    name, the item pages (and their files) included. Call inside the transaction of the edit."""
    items = Item.objects.public()
    scopes = {"site"}
    if agency_id is not None:
        items = items.filter(agency_id=agency_id)
        scopes.add(f"agency:{agency_id}")
        scopes.update(
            f"category:{pk}" for pk in Category.objects.filter(agency_id=agency_id).values_list("pk", flat=True)
        )
        scopes.update(
            f"catalog:{pk}" for pk in CatalogEntry.objects.filter(agency_id=agency_id).values_list("pk", flat=True)
        )
    if category_id is not None:
        items = items.filter(category_id=category_id)
        scopes.add(f"category:{category_id}")
    if entry_id is not None:
        items = items.filter(models.Q(catalog_entry_id=entry_id) | models.Q(catalog_entry__parent_id=entry_id))
        scopes.add(f"catalog:{entry_id}")
    versions.bump(scopes)
    pks = list(items.values_list("pk", flat=True))
    for start in range(0, len(pks), NAMES_BATCH):  # SQLite takes at most 32,766 parameters in one statement
        versions.bump(f"item:{pk}" for pk in pks[start : start + NAMES_BATCH])


def agency_page_changed(agency_id: int) -> None:
    """The agency's own pages changed (its 指南): its home and the site home that lists it."""
    versions.bump({"site", f"agency:{agency_id}"})


def reindex(items=None) -> int:
    """Rebuild the search text of these items (all by default) after writes that bypassed the services (bulk loads),
    and retire every cached page. Safe to run twice."""
    items = Item.objects.all() if items is None else items
    public = list(items.public().only("pk", "title", "document_number", "body", "published_at"))
    SearchDocument.objects.filter(item__in=items).exclude(item__status=Status.PUBLISHED).delete()
    SearchDocument.objects.filter(item__in=public).delete()
    SearchDocument.objects.bulk_create([SearchDocument(item=i, **_search_fields(i)) for i in public], batch_size=1000)
    versions.bump_all()  # item pages too: a bulk write may have withdrawn items without the services
    return len(public)
