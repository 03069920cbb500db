"""Logs are JSON lines carrying the request's id; the id comes from nginx when it is a plain token and goes back in
the response; personal data is masked in the line."""

from __future__ import annotations

import json
import logging

import pytest

from gongkai.site.logs import JsonFormatter, RequestIdFilter, request_id_var


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    first, second = client.get("/robots.txt"), client.get("/robots.txt")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    given = client.get("/robots.txt", HTTP_X_REQUEST_ID="a1b2c3d4e5f6a7b8")
    assert given["X-Request-ID"] == "a1b2c3d4e5f6a7b8"
    forged = client.get("/robots.txt", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert forged["X-Request-ID"] != "<script>alert(1)</script>" and len(forged["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_the_access_line_is_json_with_the_request_id_and_no_query_string(client, caplog):
    handler = logging.StreamHandler()
    lines = []
    handler.emit = lambda record: lines.append(handler.format(record))  # type: ignore[method-assign]
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    access = logging.getLogger("gongkai.request")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        response = client.get("/search/?q=13812345678", HTTP_X_REQUEST_ID="req-0001-abcd")
    finally:
        access.removeHandler(handler)
        access.setLevel(logging.NOTSET)
    line = json.loads(lines[-1])
    assert line["request_id"] == "req-0001-abcd" == response["X-Request-ID"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/search/", response.status_code)
    assert "13812345678" not in lines[-1] and "q=" not in lines[-1]
    assert isinstance(line["ms"], float) and line["level"] == "INFO"


def test_lines_outside_a_request_and_masked_personal_data():
    from gongkai.applications.privacy import PersonalDataFilter

    record = logging.LogRecord("gongkai.x", logging.ERROR, __file__, 1, "applicant 110101199003071234 failed", (), None)
    PersonalDataFilter().filter(record)
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "-" and line["message"] == "applicant *** failed"
    token = request_id_var.set("inside-request-1")
    try:
        other = logging.LogRecord("gongkai.x", logging.INFO, __file__, 1, "hello", (), None)
        RequestIdFilter().filter(other)
        assert json.loads(JsonFormatter().format(other))["request_id"] == "inside-request-1"
    finally:
        request_id_var.reset(token)


def test_the_configured_handler_writes_json_through_the_privacy_filter(settings):
    handler = settings.LOGGING["handlers"]["console"]
    assert handler["formatter"] == "json" and {"request_id", "privacy"} <= set(handler["filters"])
