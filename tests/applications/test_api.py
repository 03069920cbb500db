"""The JSON API: public list, submission and status exactly as issue 7 names them; token-authenticated staff steps."""

from __future__ import annotations

import base64

from applications.conftest import PERSON, answered_challenge, person_json
from gongkai.applications.services import api_token_create


def test_it_lists_agencies_and_serves_its_openapi_document(client, agency):
    assert client.get("/api/v1/agencies").json() == [{"id": agency.pk, "name": "测试局"}]
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for path in ("/api/v1/agencies", "/api/v1/agencies/{agency_id}/applications", "/api/v1/applications/status"):
        assert path in document["paths"]


def test_it_takes_a_submission_and_answers_the_status(client, agency):
    body = {**person_json(), **answered_challenge(client)}
    response = client.post(f"/api/v1/agencies/{agency.pk}/applications", body, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= {"number", "tracking_code", "due_date"} and body["due_date"] == "2026-03-30"
    status = client.get("/api/v1/applications/status", {"number": body["number"], "code": body["tracking_code"]})
    assert status.json()["status"] == "received" and status.json()["outcome"] is None


def test_it_names_the_fields_that_are_wrong(client, agency):
    bad = {
        **PERSON,
        **answered_challenge(client),
        "description": "",
        "identity_document": base64.b64encode(b"MZ\x90\x00not a pdf").decode(),
    }
    response = client.post(f"/api/v1/agencies/{agency.pk}/applications", bad, content_type="application/json")
    assert response.status_code == 400 and "description" in response.json()["fields"]
    bad = {
        **PERSON,
        **answered_challenge(client),
        "identity_document": base64.b64encode(b"MZ\x90\x00not a pdf").decode(),
    }
    response = client.post(f"/api/v1/agencies/{agency.pk}/applications", bad, content_type="application/json")
    assert response.status_code == 400 and "identity_document" in response.json()["fields"]


def test_it_records_staff_steps_with_a_token(client, agency, alice, charlie, submit):
    application, code = submit()
    _, key = api_token_create(user=alice, name="省平台")
    _, other = api_token_create(user=charlie, name="别的局")
    url = f"/api/v1/staff/applications/{application.number}/decide"
    step = {"outcome": "granted", "on": "2026-03-02"}
    assert client.post(url, step, content_type="application/json").status_code == 401
    assert (
        client.post(url, step, content_type="application/json", HTTP_AUTHORIZATION=f"Token {other}").status_code == 403
    )
    response = client.post(url, step, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200 and response.json()["outcome"] == "granted"
    listed = client.get(f"/api/v1/staff/agencies/{agency.pk}/applications", HTTP_AUTHORIZATION=f"Token {key}")
    assert listed.json()[0]["applicant_name"] == "张三"
    status = client.get("/api/v1/applications/status", {"number": application.number, "code": code}).json()
    assert status["outcome"] == "granted" and status["answered_on"] == "2026-03-02"


def test_the_staff_list_filters_by_year_and_refuses_a_year_that_is_not_one(client, agency, alice, submit):
    application, _ = submit()
    _, key = api_token_create(user=alice, name="省平台")
    url, auth = f"/api/v1/staff/agencies/{agency.pk}/applications", {"HTTP_AUTHORIZATION": f"Token {key}"}
    year = application.received_on.year
    assert [a["number"] for a in client.get(url, {"year": year}, **auth).json()] == [application.number]
    assert client.get(url, {"year": year + 1}, **auth).json() == []
    for bad in ("99999", "0", "²⁰²⁵", "1066", "20x5"):  # each made the ORM's year lookup raise: a 500
        response = client.get(url, {"year": bad}, **auth)
        assert response.status_code == 400 and response.json()["fields"] == {"year": ["不是有效的年份"]}, bad
