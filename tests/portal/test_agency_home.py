"""The site home lists agencies by region; an agency's home has its guide, catalog tree, latest items and slots."""

from __future__ import annotations

from gongkai.agencies.models import Agency, Region


def test_it_lists_agencies_by_region(client, agency):
    Agency.objects.create(name="别的局", credit_code="91370300MA3C0000X5", region=Region.objects.create(name="别的区"))
    page = client.get("/").text
    assert page.index("别的区") < page.index("别的局") < page.index("测试区") < page.index("测试局")


def test_it_shows_the_catalog_tree_and_latest_items(client, agency, publish):
    item = publish()
    page = client.get(f"/gk/{agency.pk}/").text
    assert "法定主动公开内容" in page and "规范性文件" in page
    assert item.title in page and "政府信息公开指南" in page
    assert 'id="annual-reports"' in page and 'id="applications"' in page


def test_it_lists_a_catalog_indicator_with_its_children(client, agency, publish):
    child = agency.catalog.get(name="规范性文件")
    item = publish(catalog_entry=child)
    page = client.get(f"/gk/{agency.pk}/m/{child.parent_id}/").text
    assert item.title in page and "规范性文件" in page
    assert "本机关制发的规范性文件" in client.get(f"/gk/{agency.pk}/m/{child.pk}/").text
