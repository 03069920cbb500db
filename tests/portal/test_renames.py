"""Renaming an agency, a category or a catalog indicator in the admin retires every public page that prints the
name at once, item pages and their files included."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from gongkai.publishing.models import CatalogEntry


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("root", password="x-" * 8))
    return client


def _page_file(settings, item) -> Path:
    return Path(settings.GONGKAI_PAGE_FILES_DIR) / "gk" / "item" / f"{item.pk}.html"


def _admin_change(admin_client, path: str, data: dict) -> None:
    response = admin_client.post(path, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_renamed_category_shows_at_once_and_its_item_files_go(admin_client, settings, agency, publish):
    item = publish()
    other = publish("另一分类的节能信息", category="业务动态")
    anonymous = Client()
    for each in (item, other):
        assert anonymous.get(f"/gk/item/{each.pk}/").status_code == 200
    assert _page_file(settings, item).exists() and _page_file(settings, other).exists()
    category = item.category
    _admin_change(admin_client, f"/admin/publishing/category/{category.pk}/change/",
                  {"agency": agency.pk, "name": "规范性文件汇编", "position": category.position})  # fmt: skip
    assert not _page_file(settings, item).exists()
    assert _page_file(settings, other).exists()  # another category's page does not print the name
    assert "规范性文件汇编" in anonymous.get(f"/gk/item/{item.pk}/").text
    assert "规范性文件汇编" in anonymous.get(f"/gk/{agency.pk}/c/{category.pk}/").text
    assert "规范性文件汇编" in anonymous.get("/search/", {"q": "节能宣传周"}).text


def test_a_renamed_agency_shows_on_its_item_pages_at_once(admin_client, settings, agency, publish):
    item = publish()
    anonymous = Client()
    assert agency.name in anonymous.get(f"/gk/item/{item.pk}/").text
    kept = ("credit_code", "address", "postcode", "phone", "email", "short_name", "supervising_body", "level")
    data = {field: getattr(agency, field) for field in (*kept, "review_levels")}
    data |= {"name": "更名后的测试局", "region": agency.region_id, "memberships-TOTAL_FORMS": 0,
             "memberships-INITIAL_FORMS": 0}  # fmt: skip
    _admin_change(admin_client, f"/admin/agencies/agency/{agency.pk}/change/", data)
    assert not _page_file(settings, item).exists()
    assert "更名后的测试局" in anonymous.get(f"/gk/item/{item.pk}/").text


def test_a_renamed_catalog_indicator_shows_on_its_item_pages(admin_client, settings, agency, publish):
    entry = CatalogEntry.objects.filter(agency=agency, parent__isnull=False).first()
    assert entry is not None
    item = publish(catalog_entry=entry)
    anonymous = Client()
    assert anonymous.get(f"/gk/item/{item.pk}/").status_code == 200
    response = admin_client.get(f"/admin/publishing/catalogentry/{entry.pk}/change/")
    data = {key: value for key, value in response.context["adminform"].form.initial.items() if value is not None}
    data["name"] = "更名后的目录指标"
    _admin_change(admin_client, f"/admin/publishing/catalogentry/{entry.pk}/change/", data)
    assert not _page_file(settings, item).exists()
    assert "更名后的目录指标" in anonymous.get(f"/gk/item/{item.pk}/").text
