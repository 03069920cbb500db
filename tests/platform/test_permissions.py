"""Every staff URL, visited by every persona: allowed (200 or a redirect after acting) or denied (403).

Anonymous visitors are sent to the login page from all of them.
"""

import pytest
from helpers_platform import pdf_with_text, review_to_publication

from gongkai.publishing import services
from gongkai.publishing.models import Attachment

MEMBERS = {"alice", "bob", "cindy", "dave", "erin"}
VIEWERS = MEMBERS | {"frank"}
EVERYONE = VIEWERS | {"charlie", "root"}
PDF = pdf_with_text("notice")

# (name, method, path template, item state, who may)
STAFF_URLS = [
    ("home", "get", "/staff/", None, EVERYONE),
    ("go-items", "get", "/staff/go/items/", None, EVERYONE),
    ("go-applications", "get", "/staff/go/applications/", None, EVERYONE),
    ("go-reports", "get", "/staff/go/reports/", None, EVERYONE),
    ("supervision", "get", "/staff/supervision/", None, {"frank"}),
    ("dashboard", "get", "/staff/{agency}/", None, VIEWERS),
    ("audit", "get", "/staff/{agency}/audit/", None, {"erin"}),
    ("item-list", "get", "/staff/{agency}/items/", None, MEMBERS),
    ("item-new", "get", "/staff/{agency}/items/new/", None, {"alice"}),
    ("catalog", "get", "/staff/{agency}/catalog/", None, VIEWERS),
    ("catalog-xlsx", "get", "/staff/{agency}/catalog.xlsx", None, VIEWERS),
    ("catalog-import", "post", "/staff/{agency}/catalog/import/", None, {"erin"}),
    ("figures", "get", "/staff/{agency}/figures/2026/", None, VIEWERS),
    ("figures-save", "post", "/staff/{agency}/figures/2026/", None, {"erin"}),
    ("figures-xlsx", "get", "/staff/{agency}/figures/2026.xlsx", None, VIEWERS),
    ("figures-import", "post", "/staff/{agency}/figures/2026/import/", None, {"erin"}),
    ("item-detail", "get", "/staff/items/{item}/", "draft", MEMBERS),
    ("item-edit", "get", "/staff/items/{item}/edit/", "draft", {"alice"}),
    ("item-edit-in-review", "get", "/staff/items/{item}/edit/", "section_review", {"bob"}),
    ("item-submit", "post", "/staff/items/{item}/submit/", "draft", {"alice"}),
    ("item-pass", "post", "/staff/items/{item}/pass/", "section_review", {"bob"}),
    ("item-reject", "post", "/staff/items/{item}/reject/", "section_review", {"bob"}),
    ("item-confirm", "post", "/staff/items/{item}/confirm/", "held", {"bob", "cindy", "dave"}),
    ("item-withdraw", "post", "/staff/items/{item}/withdraw/", "published", {"cindy", "erin"}),
    ("item-validity", "post", "/staff/items/{item}/validity/", "published", {"cindy", "erin"}),
    ("attachment-upload", "post", "/staff/items/{item}/attachments/", "draft", {"alice"}),
    ("attachment-download", "get", "/staff/attachments/{attachment}/", "draft", MEMBERS),
]
PERSONAS = sorted(EVERYONE)


def _item_in(state, make_item, people):
    alice, bob, cindy, dave = (people[n] for n in ("alice", "bob", "cindy", "dave"))
    item = make_item("<p>身份证号11010519491231002X</p>" if state == "held" else "<p>正文</p>")
    if state != "draft":
        item = services.item_submit(item=item, actor=alice)
    if state == "published":
        item = review_to_publication(item, bob, cindy, dave)
    return item


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
@pytest.mark.parametrize(("name", "method", "path", "state", "allowed"), STAFF_URLS, ids=[u[0] for u in STAFF_URLS])
def test_it_allows_or_denies(client, agency, team, make_item, persona, name, method, path, state, allowed):
    item = _item_in(state, make_item, team) if state else None
    attachment = None
    if name == "attachment-download":
        attachment = services.attachment_add(item=item, actor=team["alice"], name="a.pdf", data=PDF, max_bytes=10**6)
    url = path.format(agency=agency.pk, item=item.pk if item else 0, attachment=attachment.pk if attachment else 0)
    data = {"comment": "同意", "reason": "理由"} if method == "post" else None
    if persona != "anonymous":
        client.force_login(team[persona])
    response = getattr(client, method)(url, data)
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    elif persona in allowed:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert not response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403, response.status_code
    if name == "attachment-download" and persona not in allowed:
        assert Attachment.objects.count() == 1
