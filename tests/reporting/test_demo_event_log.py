"""The demo's applications are made through the services: each has its events, and replaying them gives exactly the
state stored on it (verify_applications finds no difference)."""

from __future__ import annotations

from django.core.management import call_command

from gongkai.applications.models import Application, EventKind


def test_every_demo_application_has_its_events_and_verifies(demo, capsys):
    applications = Application.objects.all()
    assert applications.count() > 100
    without_receipt = applications.exclude(events__kind=EventKind.RECEIVED)
    assert list(without_receipt.values_list("number", flat=True)) == []
    call_command("verify_applications")
    out = capsys.readouterr().out
    assert f"核对{applications.count()}件申请，差异0处" in out
