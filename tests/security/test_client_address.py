"""The client's address comes from X-Forwarded-For only through a trusted proxy (issue 15, item 1): behind the nginx
site every visitor used to be nginx, so one client's submissions made everyone else get 429."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from gongkai.common.clients import client_ip
from security.conftest import APPLICANT, answered_challenge


def _request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_it_believes_forwarded_for_only_from_a_trusted_proxy(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    # a client writing its own header through nginx: nginx appends the real address, which wins
    assert client_ip(_request("127.0.0.1", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    # through two trusted proxies (a load balancer in 10/8, then nginx)
    assert client_ip(_request("127.0.0.1", "203.0.113.9, 10.1.2.3")) == "203.0.113.9"
    # straight from the internet: the header is the client's own word and is ignored
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
    assert client_ip(_request("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"


def test_it_trusts_no_proxy_when_the_list_is_empty(settings):
    settings.GONGKAI_TRUSTED_PROXIES = []
    assert client_ip(_request("127.0.0.1", "203.0.113.9")) == "127.0.0.1"


def test_a_bad_trusted_proxy_setting_stops_start_up(monkeypatch):
    from gongkai.site.env import env_networks

    monkeypatch.setenv("GONGKAI_TRUSTED_PROXIES", "127.0.0.1,nginx.local")
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_TRUSTED_PROXIES"):
        env_networks("GONGKAI_TRUSTED_PROXIES", [])


def test_the_printed_nginx_site_passes_the_client_address_that_the_default_setting_trusts(settings, tmp_path):
    from gongkai.portal import nginx
    from gongkai.site.env import env_networks

    text = nginx.site(listen="80", upstream="127.0.0.1:8000", page_files=tmp_path)
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in text
    assert "GONGKAI_TRUSTED_PROXIES" in text
    assert "127.0.0.1" in env_networks("GONGKAI_TRUSTED_PROXIES_UNSET_IN_TESTS", ["127.0.0.1", "::1"])
    assert "127.0.0.1" in settings.GONGKAI_TRUSTED_PROXIES


def test_one_clients_submissions_do_not_limit_another_behind_the_proxy(client, agency, settings):
    settings.GONGKAI_APPLY_PER_HOUR = 3
    url = f"/api/v1/agencies/{agency.pk}/applications"

    def post(address: str) -> int:
        return client.post(
            url,
            {**APPLICANT, **answered_challenge(client)},
            content_type="application/json",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        ).status_code

    statuses = [post("203.0.113.9") for _ in range(4)]
    assert statuses[:3] == [201, 201, 201] and statuses[3] == 429
    assert post("198.51.100.7") == 201
