"""A locked database or a read-only data folder (issue 15, items 5 and 6): a clear 503 with Retry-After, never a
400 or a bare 500; public pages are still served when the page cache cannot be written."""

from __future__ import annotations

import errno

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.test import Client

from personas import NOW


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


def test_a_signed_in_page_answers_503_when_the_session_cannot_be_saved(quiet_client, alice, agency, monkeypatch):
    quiet_client.force_login(alice)

    def locked(self, must_create=False):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SessionStore, "save", locked)
    response = quiet_client.get(f"/staff/{agency.pk}/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "系统繁忙" in response.content.decode()


def test_a_locked_database_in_a_view_is_a_503_and_json_under_the_api(quiet_client, agency, monkeypatch):
    from gongkai.applications import api

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(api.Agency.objects, "order_by", locked)
    response = quiet_client.get("/api/v1/agencies")
    assert response.status_code == 503 and "系统繁忙" in response.json()["error"]


def test_a_read_only_media_folder_is_a_clear_503(quiet_client, alice, agency, today, monkeypatch):
    from gongkai.publishing import services
    from gongkai.publishing.models import Category

    category = Category.objects.create(agency=agency, name="通知公告")
    item = services.item_create(
        agency=agency, actor=alice, title="通知", body="正文", category=category, formed_on=today
    )

    def read_only(self, name, content):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(FileSystemStorage, "_save", read_only)
    quiet_client.force_login(alice)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from security.test_api_and_input_edges import _png_declaring

    picture = SimpleUploadedFile("a.png", _png_declaring(8, 8), "image/png")
    response = quiet_client.post(f"/staff/items/{item.pk}/attachments/", {"file": picture})
    assert response.status_code == 503 and "存储不可写" in response.content.decode()


def test_public_pages_are_served_without_a_writable_page_files_folder(client, agency, alice, monkeypatch):
    from gongkai.portal import page_files
    from gongkai.publishing.models import Category, Item

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    category = Category.objects.create(agency=agency, name="政策文件")
    item = Item.objects.create(
        agency=agency, category=category, title="只读时的信息", index_year=2026, index_sequence=1,
        index_number="X/2026-00001", issuing_body="测试局", formed_on=NOW.date(), published_at=NOW,
        status="published", created_by=alice,
    )  # fmt: skip
    monkeypatch.setattr(page_files, "_write_temporary", read_only)
    assert client.get("/").status_code == 200
    assert client.get(f"/gk/{agency.pk}/").status_code == 200
    assert "只读时的信息" in client.get(f"/gk/item/{item.pk}/").text  # the fast path: rendered, not written
    assert "只读时的信息" in client.get(f"/gk/item/{item.pk}/?from=feed").text  # the view
    assert not page_files.path_of(item.pk).exists()


def test_sqlite_writers_wait_longer_for_the_lock(monkeypatch):
    import importlib

    from gongkai.site import settings as site_settings

    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert "busy_timeout=20000" in importlib.reload(site_settings).DATABASES["default"]["OPTIONS"]["init_command"]
    monkeypatch.setenv("GONGKAI_DB_BUSY_SECONDS", "45")
    assert "busy_timeout=45000" in importlib.reload(site_settings).DATABASES["default"]["OPTIONS"]["init_command"]
    monkeypatch.delenv("GONGKAI_DB_BUSY_SECONDS")
    importlib.reload(site_settings)


@pytest.mark.django_db(transaction=True)
def test_a_read_only_database_fails_a_submission_at_once_with_a_503(quiet_client, agency):
    """No more waiting out a retry loop (22 s) on a database that cannot be written: the first write answers 503."""
    import time

    from django.db import connection

    from security.conftest import APPLICANT, answered_challenge

    if connection.vendor != "sqlite":
        pytest.skip("PRAGMA query_only makes SQLite read-only; PostgreSQL's read-only mode needs a superuser")
    body = {**APPLICANT, **answered_challenge(quiet_client)}
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        started = time.perf_counter()
        url = f"/api/v1/agencies/{agency.pk}/applications"
        response = quiet_client.post(url, body, content_type="application/json")
        elapsed = time.perf_counter() - started
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
    assert response.status_code == 503 and "存储不可写" in response.json()["error"]
    assert elapsed < 2


def test_a_refused_application_gives_its_attempt_back(client, agency, settings):
    from security.conftest import APPLICANT, answered_challenge

    settings.GONGKAI_APPLY_PER_HOUR = 2
    url = f"/api/v1/agencies/{agency.pk}/applications"
    for _ in range(3):  # a missing field is not spam
        body = {**APPLICANT, **answered_challenge(client), "description": ""}
        assert client.post(url, body, content_type="application/json").status_code == 400
    statuses = [
        client.post(url, {**APPLICANT, **answered_challenge(client)}, content_type="application/json").status_code
        for _ in range(3)
    ]
    assert statuses == [201, 201, 429]
