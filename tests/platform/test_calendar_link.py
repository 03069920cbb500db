"""The working-day calendar is a click away from 待我处理 for everyone who may enter it (every agency admin and the
system admin), whether or not next year's schedule is missing; others are not offered it."""

from __future__ import annotations


def _home(client, user) -> str:
    client.force_login(user)
    return client.get("/staff/").content.decode()


def test_agency_and_system_admins_find_the_calendar(client, erin, root):
    for user in (erin, root):
        page = _home(client, user)
        assert 'href="/staff/calendar/" id="nav-calendar"' in page
        assert client.get("/staff/calendar/").status_code == 200


def test_the_system_admin_is_led_to_the_admin_site_too(client, root, erin):
    assert 'href="/admin/">系统管理' in _home(client, root)
    assert 'href="/admin/">系统管理' not in _home(client, erin)


def test_others_are_not_offered_the_calendar(client, alice, bob, frank):
    for user in (alice, bob, frank):
        assert "/staff/calendar/" not in _home(client, user)
