"""Plain helpers shared by the portal tests (fixtures live in conftest.py)."""

from __future__ import annotations

from gongkai.publishing.models import Item, Status
from personas import NOW


def public_item(agency, *, sequence: int, title: str, body: str, published_at, category, actor) -> Item:
    """An unsaved public item of 2026 with its 索引号, for bulk_create (then `sync.reindex()`, as the demo loader)."""
    return Item(
        agency=agency,
        index_year=2026,
        index_sequence=sequence,
        index_number=f"{agency.credit_code}/2026-{sequence:05d}",
        title=title,
        body=body,
        issuing_body=agency.name,
        formed_on=NOW.date(),
        published_at=published_at,
        category=category,
        status=Status.PUBLISHED,
        created_by=actor,
    )
