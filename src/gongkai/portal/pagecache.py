"""The page cache's backend: Django's file-based cache, with the size check made cheap.

Django's FileBasedCache counts its entries by listing the whole folder on every `set` (to cull when it is over
MAX_ENTRIES). With thousands of pages that listing costs more than rendering the page (27 ms at 3,000 entries, and it
grows with the folder), and every uncached item page and search pays it. Here the folder is listed on about one
`set` in CHECK_EVERY, chosen at random so that the server processes sharing the folder need not agree: the cache may
run over MAX_ENTRIES by about that many pages before a check culls it, a bound that costs nothing to keep."""

from __future__ import annotations

import random

from django.core.cache.backends.filebased import FileBasedCache

CHECK_EVERY = 200


class PageCache(FileBasedCache):
    def _cull(self) -> None:
        if random.randrange(CHECK_EVERY) == 0:
            super()._cull()
