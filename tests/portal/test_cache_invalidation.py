"""Public pages carry ETags and answer 304; publishing or withdrawing an item changes exactly the pages showing it."""

from __future__ import annotations

from gongkai.publishing import services


def _etag(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response["ETag"]


def test_it_answers_a_conditional_get_with_304(client, publish):
    item = publish()
    url = f"/gk/item/{item.pk}/"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate" and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_it_withdraws_from_every_page_at_once(client, agency, publish, staff):
    item = publish()
    category = f"/gk/{agency.pk}/c/{item.category_id}/"
    urls = [f"/gk/{agency.pk}/", category, f"/gk/item/{item.pk}/", "/search/?q=节能宣传周",
            f"/gk/{agency.pk}/feed.atom", f"{category}feed.atom", "/sitemap-items-0.xml"]  # fmt: skip
    before = {url: client.get(url) for url in urls}  # now cached
    assert all(item.title in r.text or f"/gk/item/{item.pk}/" in r.text for r in before.values())
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    for url in urls:
        response = client.get(url, HTTP_IF_NONE_MATCH=before[url]["ETag"])
        assert response.status_code == 404 or response["ETag"] != before[url]["ETag"], url
        assert f"/gk/item/{item.pk}/" not in response.text and item.title not in response.text, url


def test_it_leaves_other_categories_pages_alone(client, agency, publish):
    other = publish("另一分类的信息", category="业务动态")
    other_item, other_list = f"/gk/item/{other.pk}/", f"/gk/{agency.pk}/c/{other.category_id}/"
    tags = {url: _etag(client, url) for url in (other_item, other_list)}
    item = publish()
    assert _etag(client, other_item) == tags[other_item]
    assert _etag(client, other_list) == tags[other_list]
    assert item.title in client.get(f"/gk/{agency.pk}/").text


def test_it_updates_the_neighbours_links(client, publish, time_machine):
    first = publish("第一篇")
    page = client.get(f"/gk/item/{first.pk}/").text
    assert "上一篇" not in page
    time_machine.shift(60)
    second = publish("第二篇")
    assert f'href="/gk/item/{second.pk}/" rel="prev"' in client.get(f"/gk/item/{first.pk}/").text
