"""An anonymous visitor is sent to the login page from every staff page."""

from __future__ import annotations

import pytest
from helpers_platform import pdf_with_text
from test_permissions import STAFF_URLS

from gongkai.publishing import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_sends_anonymous_visitors_to_login_from_every_staff_page(page, agency, make_item, alice):
    item = make_item()
    services.attachment_add(item=item, actor=alice, name="a.pdf", data=pdf_with_text("x"), max_bytes=10**6)
    attachment = item.attachments.get()
    for _name, method, path, _state, _allowed in STAFF_URLS:
        if method != "get":
            continue
        url = page.base + path.format(agency=agency.pk, item=item.pk, attachment=attachment.pk)
        page.goto(url)
        assert "/accounts/login/" in page.url, url
        assert page.locator("#id_username").is_visible()
