"""Security headers (issue 15, item 11): Django's pages carry the Content-Security-Policy, and the nginx site sends
the same headers, HSTS included when it is configured, with the item pages it serves from files."""

from __future__ import annotations

from gongkai.portal import nginx
from gongkai.site.middleware import CONTENT_SECURITY_POLICY, security_headers


def test_pages_carry_the_policy(client, agency):
    for path in ("/", f"/gk/{agency.pk}/", "/accounts/login/", "/apply/", "/api/v1/agencies"):
        response = client.get(path)
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
    cached = client.get("/")  # the second visit is answered by the portal's fast path
    assert cached["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_the_policy_forbids_inline_script_and_framing():
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_the_nginx_site_sends_the_same_headers_hsts_included(settings, tmp_path):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = False
    text = nginx.site(listen="80", upstream="127.0.0.1:8000", page_files=tmp_path)
    assert f'add_header Content-Security-Policy "{CONTENT_SECURITY_POLICY}" always;' in text
    assert 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;' in text
    for name, value in security_headers().items():
        assert f'add_header {name} "{value}" always;' in text


def test_the_site_script_is_a_file_with_a_validator(client, db):
    response = client.get("/assets/portal.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    again = client.get("/assets/portal.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/assets/..%2Fsettings.py").status_code == 404
