"""Item pages written as files for nginx: written on the first anonymous request, deleted by every change that
retires the page's token, and never written from a token a change has retired."""

from __future__ import annotations

import threading
import time
from email.utils import parsedate_to_datetime

import pytest
from django.db import connection, transaction

from gongkai.portal import page_files, sync, versions
from gongkai.publishing import services
from gongkai.publishing.models import Validity


@pytest.fixture
def files(settings, tmp_path):
    settings.GONGKAI_PAGE_FILES_DIR = str(tmp_path / "pages")
    return tmp_path / "pages"


def _file(files, item) -> str | None:
    path = files / "gk" / "item" / f"{item.pk}.html"
    return path.read_text() if path.exists() else None


def test_the_first_anonymous_visit_writes_the_page_as_served(client, files, publish):
    item = publish()
    response = client.get(f"/gk/item/{item.pk}/")
    assert response.status_code == 200
    assert _file(files, item) == response.text and item.title in response.text
    path = files / "gk" / "item" / f"{item.pk}.html"
    assert int(path.stat().st_mtime) == parsedate_to_datetime(response["Last-Modified"]).timestamp()  # nginx's too
    assert not list(path.parent.glob(".*.tmp"))


def test_a_query_a_missing_item_or_a_signed_in_visit_writes_nothing(client, files, publish, staff):
    item = publish()
    assert client.get(f"/gk/item/{item.pk}/?from=feed").status_code == 200
    assert client.get("/gk/item/999999/").status_code == 404
    client.force_login(staff["alice"])
    assert client.get(f"/gk/item/{item.pk}/").status_code == 200
    assert not (files / "gk").exists() or not any((files / "gk").rglob("*.html"))


def test_nothing_is_written_when_the_setting_is_empty(client, settings, publish, tmp_path):
    settings.GONGKAI_PAGE_FILES_DIR = ""
    item = publish()
    assert client.get(f"/gk/item/{item.pk}/").status_code == 200
    assert not any(tmp_path.rglob("*.html"))


def test_withdrawal_deletes_the_file_and_the_neighbours_files(client, files, publish, staff, time_machine):
    older = publish("较早的一篇")
    time_machine.shift(60)
    item = publish()
    time_machine.shift(60)
    newer = publish("较新的一篇")
    for each in (older, item, newer):
        client.get(f"/gk/item/{each.pk}/")
    assert item.title in _file(files, older) and item.title in _file(files, newer)
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    assert _file(files, item) is None
    assert _file(files, older) is None and _file(files, newer) is None  # their 上一篇/下一篇 named it
    assert client.get(f"/gk/item/{item.pk}/").status_code == 404 and _file(files, item) is None
    client.get(f"/gk/item/{older.pk}/")
    assert item.title not in _file(files, older) and newer.title in _file(files, older)


def test_a_change_to_a_public_item_replaces_the_file_on_the_next_visit(client, files, publish, staff):
    item = publish()
    client.get(f"/gk/item/{item.pk}/")
    assert "废止" not in _file(files, item)
    services.item_set_validity(
        item=item, actor=staff["erin"], validity=Validity.REPEALED, on=item.published_at.date(), reason="废止决定"
    )
    assert _file(files, item) is None
    client.get(f"/gk/item/{item.pk}/")
    assert "废止" in _file(files, item)


def test_a_page_rendered_before_a_withdrawal_is_never_written_after_it(client, files, publish, staff):
    item = publish()
    url = f"/gk/item/{item.pk}/"
    rendered = client.get(url).content
    (files / "gk" / "item" / f"{item.pk}.html").unlink()
    stale = versions.tokens((f"item:{item.pk}",))[0]
    services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
    assert page_files.store_item(item.pk, stale, rendered, item.published_at) is None
    assert _file(files, item) is None


def test_reindex_deletes_every_file(client, files, publish):
    items = [publish(), publish("第二篇")]
    for item in items:
        client.get(f"/gk/item/{item.pk}/")
    sync.reindex()
    assert all(_file(files, item) is None for item in items)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="in-memory test SQLite shares one lock table")
@pytest.mark.parametrize("change", ["withdrawal", "reindex"])
def test_a_write_waits_for_an_uncommitted_change_and_then_writes_nothing(client, files, publish, staff, change):
    """The race the lock closes: a render that read the item before a withdrawal (or a reindex, which retires every
    page) tries to write while the change is deleting the files and has not committed yet."""
    item = publish()
    url = f"/gk/item/{item.pk}/"
    rendered = client.get(url).content
    (files / "gk" / "item" / f"{item.pk}.html").unlink()
    stale = versions.tokens((f"item:{item.pk}",))[0]
    outcome: dict[str, object] = {}

    def render_late() -> None:
        started = time.monotonic()
        outcome["stored"] = page_files.store_item(item.pk, stale, rendered, item.published_at) is not None
        outcome["waited"] = time.monotonic() - started
        connection.close()

    writer = threading.Thread(target=render_late)
    with transaction.atomic():
        if change == "withdrawal":
            services.item_withdraw(item=item, actor=staff["erin"], reason="信息有误")
        else:
            sync.reindex()
        writer.start()
        time.sleep(0.5)  # the writer is now blocked on the lock the change holds
        assert writer.is_alive()
    writer.join(10)
    assert outcome == {"stored": False, "waited": pytest.approx(0.5, abs=0.4)}
    assert _file(files, item) is None
