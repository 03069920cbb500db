"""The page cache lists its folder rarely, and still keeps to its size."""

from __future__ import annotations

from gongkai.portal.pagecache import CHECK_EVERY, PageCache


def test_it_lists_its_folder_on_few_sets_and_still_culls(tmp_path, monkeypatch):
    cache = PageCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2}})
    listings = 0
    original = PageCache._list_cache_files

    def counting(self):
        nonlocal listings
        listings += 1
        return original(self)

    monkeypatch.setattr(PageCache, "_list_cache_files", counting)
    sets = 20 * CHECK_EVERY
    for n in range(sets):
        cache.set(f"page-{n}", b"x" * 10)
    assert 0 < listings < sets / CHECK_EVERY * 3  # about one set in CHECK_EVERY, never every set
    entries = len(original(cache))
    assert entries <= 50 + 10 * CHECK_EVERY  # culled, not grown to all 4,000
