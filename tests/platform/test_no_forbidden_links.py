"""No staff page offers a person a link that ends in 403 or 404: each persona follows every staff link from
待我处理 two clicks deep (the pages the agency nav, the dashboard and the lists lead to) and every one opens."""

from __future__ import annotations

import re

import pytest

from gongkai.applications import services as applications
from gongkai.publishing import services

HREF = re.compile(r'href="(/staff/[^"#?]*)')
DOWNLOADS = (".docx", ".pdf", ".xlsx", ".csv")


@pytest.fixture
def day_of_work(agency, make_item, alice, bob, cindy, dave, erin, frank, root):
    item = make_item(title="关于春季防火的通知")
    services.item_submit(item=item, actor=alice)
    applications.application_submit(
        agency=agency,
        channel="post",
        applicant_type="natural_person",
        applicant_name="钱七",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13912345670",
        address="测试路8号",
        postcode="255000",
        description="本局2025年公务用车的数量",
        form="paper",
        delivery="post",
    )
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
