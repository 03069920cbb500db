"""One header on every page: the portal, apply, track, login, 404 and the staff pages share it, with the search box.
The portal's pages are cached for everyone, so their header never names the person looking."""

from __future__ import annotations

import re

import pytest


def _headers(page: str) -> list[str]:
    return re.findall(r'<header class="site-header">.*?</header>', page, re.S)


@pytest.fixture
def public_paths(agency) -> list[str]:
    return [
        "/",
        f"/gk/{agency.pk}/",
        "/search/?q=通知",
        "/apply/",
        f"/apply/{agency.pk}/",
        "/track/",
        "/accounts/login/",
    ]


def test_every_public_page_has_the_one_header_with_the_search_box(client, public_paths):
    shown = set()
    for path in public_paths:
        response = client.get(path)
        assert response.status_code == 200, path
        headers = _headers(response.content.decode())
        assert len(headers) == 1, path
        assert 'id="site-q"' in headers[0] and 'action="/search/"' in headers[0], path
        assert 'href="/accounts/login/"' in headers[0] and 'href="/apply/"' in headers[0], path
        shown.add(headers[0])
    assert len(shown) == 1  # the very same header, character for character


def test_the_404_page_has_it_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    headers = _headers(response.content.decode())
    assert len(headers) == 1 and 'id="site-q"' in headers[0]


def test_staff_pages_have_it_with_the_workspace_links(client, alice, agency):
    client.force_login(alice)
    for path in ("/staff/", f"/staff/{agency.pk}/items/", f"/staff/{agency.pk}/applications/", "/track/"):
        header = _headers(client.get(path).content.decode())[0]
        assert 'id="site-q"' in header and 'id="nav-inbox"' in header and "退出" in header, path


def test_the_cached_portal_never_shows_the_signed_in_person(client, alice, agency):
    client.force_login(alice)
    for path in ("/", f"/gk/{agency.pk}/"):
        header = _headers(client.get(path).content.decode())[0]
        assert "Alice" not in header and "nav-inbox" not in header and 'href="/accounts/login/"' in header
