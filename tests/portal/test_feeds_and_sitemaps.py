"""Atom feeds per agency and category, the sitemap index and its parts, robots.txt."""

from __future__ import annotations

from xml.etree import ElementTree

from gongkai.portal import sitemaps

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_it_publishes_atom_feeds(client, agency, publish):
    item = publish()
    publish("业务动态的信息", category="业务动态")
    feed = ElementTree.fromstring(client.get(f"/gk/{agency.pk}/feed.atom").content)
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == ["业务动态的信息", item.title]
    category = ElementTree.fromstring(client.get(f"/gk/{agency.pk}/c/{item.category_id}/feed.atom").content)
    entries = list(category.iter(f"{ATOM}entry"))
    assert len(entries) == 1 and entries[0].find(f"{ATOM}link").get("href").endswith(f"/gk/item/{item.pk}/")


def test_it_splits_the_sitemap(client, agency, publish, monkeypatch):
    monkeypatch.setattr(sitemaps, "PART_SIZE", 2)
    items = [publish(f"信息{n}") for n in range(3)]
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    parts = [loc.text.removeprefix("http://testserver") for loc in index.iter(f"{SITEMAP}loc")]
    assert parts[0] == "/sitemap-pages.xml" and len(parts) == 1 + items[-1].pk // 2 - items[0].pk // 2 + 1
    urls = set()
    for part in parts[1:]:
        urls |= {loc.text for loc in ElementTree.fromstring(client.get(part).content).iter(f"{SITEMAP}loc")}
    assert urls == {f"http://testserver/gk/item/{i.pk}/" for i in items}
    pages = client.get("/sitemap-pages.xml").text
    assert f"/gk/{agency.pk}/" in pages


def test_it_serves_robots_txt(client):
    text = client.get("/robots.txt").text
    assert "Disallow: /staff/" in text and "Sitemap: http://testserver/sitemap.xml" in text
