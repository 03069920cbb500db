"""The site's scripts are answered before sessions: a signed-in page loading five of them writes no session (on SQLite
those writes queued on one lock and timed out into 503s while the editor loaded)."""

from __future__ import annotations


def test_an_asset_reads_and_writes_no_session(client, alice, django_assert_num_queries):
    client.force_login(alice)
    with django_assert_num_queries(0):
        response = client.get("/assets/portal.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert "sessionid" not in response.cookies  # nothing re-sent: the session was not touched


def test_an_unknown_asset_is_still_a_404(client):
    assert client.get("/assets/settings.py").status_code == 404
