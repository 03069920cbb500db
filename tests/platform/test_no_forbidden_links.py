"""No staff page offers a person a link that ends in 403 or 404: each persona follows every staff link from
待我处理 two clicks deep (the pages the agency nav, the dashboard and the lists lead to) and every one opens."""

from __future__ import annotations

import re

import pytest

from gongkai.publishing import services
from personas import paper_application

HREF = re.compile(r'href="(/staff/[^"#?]*)')
DOWNLOADS = (".docx", ".pdf", ".xlsx", ".csv")


@pytest.fixture
def day_of_work(agency, make_item, alice, bob, cindy, dave, erin, frank, root):
    item = make_item(title="关于春季防火的通知")
    services.item_submit(item=item, actor=alice)
    paper_application(agency, description="本局2025年公务用车的数量")
    return {u.username: u for u in (alice, bob, cindy, dave, erin, frank, root)}


@pytest.mark.parametrize("username", ["alice", "bob", "cindy", "dave", "erin", "frank", "root"])
def test_every_staff_link_opens(client, day_of_work, username):
    client.force_login(day_of_work[username])
    seen: set[str] = set()
    broken: list[str] = []
    frontier = {"/staff/"}
    for _ in range(3):  # the home page, then two clicks
        following: set[str] = set()
        for path in sorted(frontier - seen):
            seen.add(path)
            response = client.get(path, follow=True)
            if response.status_code != 200:
                broken.append(f"{path} → {response.status_code}")
                continue
            if path.endswith(DOWNLOADS) or "text/html" not in response["Content-Type"]:
                continue
            following |= {p for p in HREF.findall(response.content.decode()) if not p.endswith("/logout/")}
        frontier = following
    assert len(seen) > 3 and not broken, broken
