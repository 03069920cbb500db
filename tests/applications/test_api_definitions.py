"""The OpenAPI document publishes the very definitions the API validates with: what it says is what is enforced."""

from __future__ import annotations

import json
from datetime import date

from jsonschema import Draft7Validator

from gongkai.applications import services
from gongkai.applications.api_schema import STAFF_APPLICATION, STEP_SCHEMAS


def _auth(alice) -> dict:
    _, key = services.api_token_create(user=alice, name="测试")
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_the_document_carries_each_steps_definition(client):
    document = client.get("/api/v1/openapi.json").json()
    for step, schema in STEP_SCHEMAS.items():
        body = document["paths"][f"/api/v1/staff/applications/{{number}}/{step}"]["post"]["requestBody"]
        assert body["content"]["application/json"]["schema"] == json.loads(json.dumps(schema, ensure_ascii=False))
    fields = document["components"]["schemas"]["StaffApplication"]["properties"]
    for name in (
        "number",
        "status",
        "received_on",
        "due_date",
        "provisional",
        "paused",
        "overdue",
        "outcome",
        "events",
    ):
        assert name in fields


def test_a_body_the_definition_refuses_is_refused_with_each_field(client, submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    url = f"/api/v1/staff/applications/{application.number}/extend"
    body = '{"workdays": 21, "approved_by": "", "reason": "x", "colour": "red"}'
    response = client.post(url, body, content_type="application/json", **_auth(alice))
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert set(fields) == {"workdays", "approved_by", "colour"}
    assert fields["workdays"] == ["数值过大（范围1至20）"]
    overflow = '{"workdays": 1e309, "approved_by": "王主任", "reason": "x"}'
    assert client.post(url, overflow, content_type="application/json", **_auth(alice)).status_code == 400
    application.refresh_from_db()
    assert application.extension_workdays == 0


def test_what_the_api_returns_matches_the_definition(client, submit, alice):
    application, _ = submit(received_on=date(2026, 2, 2), channel="post")
    data = client.get(f"/api/v1/staff/applications/{application.number}", **_auth(alice)).json()
    assert list(Draft7Validator(STAFF_APPLICATION).iter_errors(data)) == []
