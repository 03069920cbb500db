"""What publishing tells the public site when a public item or a name on public pages changes.

Publishing sits below the portal: it never imports it. The portal connects its `sync` module here at start-up
(PortalConfig.ready), and publishing's services call these functions explicitly, inside their transaction, as
before; with no public site connected (a bare publishing app) they do nothing.
"""

from __future__ import annotations

from typing import Protocol


class PublicSite(Protocol):
    def item_public_changed(self, item, *, also: set[str] | None = None) -> None: ...

    def scopes_of(self, item) -> set[str]: ...

    def names_changed(self, *, agency_id=None, category_id=None, entry_id=None) -> None: ...


_site: PublicSite | None = None


def connect(site: PublicSite) -> None:
    global _site
    _site = site


def item_public_changed(item, *, also: set[str] | None = None) -> None:
    """The item's search text and the cached pages showing it (and, with `also`, the pages that showed it)."""
    if _site is not None:
        _site.item_public_changed(item, also=also)


def scopes_of(item) -> set[str]:
    """Every scope of the public pages showing this item now (before an edit changes which pages show it)."""
    return _site.scopes_of(item) if _site is not None else set()


def names_changed(*, agency_id=None, category_id=None, entry_id=None) -> None:
    """An agency, category or catalog entry was renamed: the public pages printing its name."""
    if _site is not None:
        _site.names_changed(agency_id=agency_id, category_id=category_id, entry_id=entry_id)
