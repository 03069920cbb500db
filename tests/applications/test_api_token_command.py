"""`gongkai manage api_token USERNAME` prints a new key once; the key opens the staff API for that person."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from gongkai.applications.models import ApiToken


def test_it_prints_a_working_key_once(client, alice, capsys):
    call_command("api_token", "alice", "--name", "办公系统对接")
    key = capsys.readouterr().out.strip()
    assert key.startswith("gk_") and ApiToken.objects.get().name == "办公系统对接"
    assert key not in ApiToken.objects.values_list("key_hash", flat=True)  # only its hash is kept
    agency = alice.memberships.first().agency
    response = client.get(f"/api/v1/staff/agencies/{agency.pk}/applications", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200


def test_it_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="没有启用的用户“nobody”"):
        call_command("api_token", "nobody")
