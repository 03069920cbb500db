"""Every staff page is reachable from the header in at most two clicks, and the header's 依申请公开 leads staff to
the application queue (the public form is for applicants)."""

from __future__ import annotations

import contextlib
import re

import pytest
from django.urls import Resolver404, resolve

from gongkai.agencies.models import Agency, Membership, Role
from personas import credit_code

HREF = re.compile(r'href="(/[^"#?]*)')


def _header(page: str) -> str:
    return page.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def _reach(client, clicks: int) -> set[str]:
    """The URL names reachable from the header of the staff home in `clicks` clicks (redirects followed)."""
    seen_paths, names = set(), set()
    frontier = set(HREF.findall(_header(client.get("/staff/").content.decode())))
    for _ in range(clicks):
        following = set()
        for path in frontier - seen_paths:
            seen_paths.add(path)
            if not path.startswith("/staff/"):
                continue
            response = client.get(path, follow=True)
            if response.status_code != 200:
                continue
            final = response.redirect_chain[-1][0] if response.redirect_chain else path
            for p in (path, final):
                with contextlib.suppress(Resolver404):
                    names.add(resolve(p).url_name)
            if "html" in response.get("Content-Type", ""):
                following |= set(HREF.findall(response.content.decode()))
        frontier = following
    for path in frontier - seen_paths:
        with contextlib.suppress(Resolver404):
            names.add(resolve(path).url_name)
    return names


COMMON = {"staff-home", "agency-dashboard", "item-list", "report-draft", "catalog", "figures"}


@pytest.mark.parametrize(
    ("persona", "wanted"),
    [
        ("erin", COMMON | {"application-queue", "application-intake", "audit-trail"}),  # agency admin
        ("alice", COMMON | {"item-new", "application-queue", "application-intake"}),  # drafter, handles applications
        ("bob", COMMON),  # section head
    ],
)
def test_every_staff_page_is_two_clicks_from_the_header(client, team, persona, wanted):
    client.force_login(team[persona])
    reached = _reach(client, 2)
    assert wanted <= reached, wanted - reached


def test_a_supervisor_reaches_the_region_pages_from_the_header(client, frank, agency):
    client.force_login(frank)
    assert {"supervision", "report-region", "agency-dashboard"} <= _reach(client, 1)


def test_the_header_leads_staff_to_the_application_queue(client, alice, agency):
    anonymous = _header(client.get("/accounts/login/").content.decode())
    assert 'href="/apply/"' in anonymous
    client.force_login(alice)
    header = _header(client.get("/staff/").content.decode())
    assert 'href="/apply/"' not in header
    response = client.get("/staff/go/applications/")
    assert response.status_code == 302 and response["Location"] == f"/staff/{agency.pk}/applications/"


def test_someone_in_two_agencies_chooses_one(client, alice, agency, region):
    second = Agency.objects.create(name="第二局", credit_code=credit_code("11370399000000003"), region=region)
    Membership.objects.create(user=alice, agency=second, role=Role.DRAFTER)
    client.force_login(alice)
    page = client.get("/staff/go/items/").content.decode()
    assert f'href="/staff/{agency.pk}/items/"' in page and f'href="/staff/{second.pk}/items/"' in page


def test_a_reviewer_without_application_roles_is_not_sent_to_a_403(client, bob):
    client.force_login(bob)
    response = client.get("/staff/go/applications/")
    assert response.status_code == 200
    assert "没有办理这项工作的岗位" in response.content.decode()


@pytest.mark.parametrize("persona", ["frank", "root"])
def test_the_shortcuts_never_end_in_a_403_for_supervisors_and_system_admins(client, team, persona):
    client.force_login(team[persona])
    for path in ("/staff/go/items/", "/staff/go/applications/", "/staff/go/reports/"):
        assert client.get(path, follow=True).status_code == 200, path
    page = client.get("/staff/").content.decode()
    for href in re.findall(r'<section id="overview">.*?</section>', page, re.S)[0:1]:
        for link in HREF.findall(href):
            assert client.get(link, follow=True).status_code == 200, link
