"""Personal data is for the agency's application handlers only: not other agencies, not reviewers, not the public,
not logs, not error reports."""

from __future__ import annotations

import logging
from unittest import mock

from applications.conftest import PERSON, answered_challenge


def test_it_shows_an_application_only_to_its_agencys_handlers(client, submit, alice, bob, charlie):
    application, _ = submit()
    for user, expected in ((alice, 200), (bob, 403), (charlie, 403)):
        client.force_login(user)
        assert client.get(f"/staff/applications/{application.pk}/").status_code == expected
    client.logout()
    assert client.get(f"/staff/applications/{application.pk}/").status_code == 302


def test_it_keeps_personal_data_off_the_status_page_and_the_public_api(client, submit):
    application, code = submit()
    page = client.post("/track/", {"number": application.number, "code": code}).content.decode()
    answer = client.get("/api/v1/applications/status", {"number": application.number, "code": code}).content.decode()
    assert application.number in page and "办理中" in page
    for value in (PERSON["applicant_name"], PERSON["id_number"], PERSON["phone"], PERSON["email"], PERSON["address"]):
        assert value not in page and value not in answer


def test_it_refuses_a_wrong_tracking_code(client, submit):
    application, _ = submit()
    assert "不正确" in client.post("/track/", {"number": application.number, "code": "WRONG"}).content.decode()
    assert client.get("/api/v1/applications/status", {"number": application.number, "code": "X"}).status_code == 404


def test_it_masks_personal_data_in_logs_and_error_reports(client, agency, caplog):
    from django.views.debug import ExceptionReporter

    from gongkai.applications import services

    client.raise_request_exception = False
    body = {**PERSON, **answered_challenge(client), "identity_document": ""}
    boom = RuntimeError(f"boom {PERSON['id_number']}")
    url = f"/api/v1/agencies/{agency.pk}/applications"
    with (
        mock.patch.object(services, "application_submit", side_effect=boom),
        caplog.at_level(logging.ERROR, logger="django.request"),
    ):
        response = client.post(url, body, content_type="application/json")
    assert response.status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    logged = caplog.text + (record.exc_text or "")
    for value in (PERSON["id_number"], PERSON["phone"], PERSON["email"]):
        assert value not in logged
    report = ExceptionReporter(record.request, *record.exc_info).get_traceback_text()
    assert PERSON["id_number"] not in report.replace(f"boom {PERSON['id_number']}", "")
