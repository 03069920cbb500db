"""The Content-Security-Policy (issue 15, item 11): portal and staff pages carry it and pass it in a real Chromium
(the `page` fixture fails a test on any violation); the portal's script, now a file, still works."""

from __future__ import annotations

import pytest

from gongkai.site.middleware import CONTENT_SECURITY_POLICY
from personas import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_portal_and_staff_pages_pass_the_policy(page, agency, alice):
    response = page.goto(f"{page.base}/")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY.split("script-src", 1)[1].split(";", 1)[0]
    page.click("#large-text")
    assert "large" in page.evaluate("document.documentElement.className")
    page.reload()  # remembered, and applied by the file in <head>
    assert "large" in page.evaluate("document.documentElement.className")
    assert page.get_attribute("#large-text", "aria-pressed") == "true"
    for path in ("/search/?q=预算", f"/gk/{agency.pk}/", "/apply/", f"/apply/{agency.pk}/", "/track/"):
        assert page.goto(page.base + path).status == 200, path
    sign_in(page, "alice")  # lands on 待我处理, the staff home
    for path in (f"/staff/{agency.pk}/items/", f"/staff/{agency.pk}/items/new/", f"/staff/{agency.pk}/reports/2025/"):
        assert page.goto(page.base + path).status == 200, path


def test_an_inline_script_would_be_caught(page, agency):
    """The guard itself: a page with an inline script under our policy produces the console message it watches."""
    page.route(
        f"{page.base}/csp-probe",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": CONTENT_SECURITY_POLICY},
            body="<!doctype html><script>document.title='ran'</script>",
        ),
    )
    page.goto(f"{page.base}/csp-probe")
    assert page.title() != "ran"
    assert any("inline script" in text for text in page.csp_violations)
    page.csp_violations.clear()  # expected here; anywhere else it fails the test
