"""The public JSON submit endpoint (issue 15, item 3): another website cannot file applications through its
visitors' browsers. JSON only, a browser's Origin must be ours, and the same challenge the form asks, unless the
agency's own integration signs with an API token."""

from __future__ import annotations

import json

from gongkai.applications.models import Application
from gongkai.applications.services import api_token_create
from personas import person
from security.conftest import APPLICANT, answered_challenge


def _url(agency) -> str:
    return f"/api/v1/agencies/{agency.pk}/applications"


def test_it_refuses_a_form_encoded_or_text_body(client, agency):
    body = {**APPLICANT, **answered_challenge(client)}
    assert client.post(_url(agency), body).status_code == 415
    text = client.post(_url(agency), json.dumps(body), content_type="text/plain")
    assert text.status_code == 415 and "JSON" in text.json()["error"]
    assert not Application.objects.exists()


def test_it_refuses_a_browser_request_from_another_website(client, agency):
    body = {**APPLICANT, **answered_challenge(client)}
    response = client.post(_url(agency), body, content_type="application/json", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403 and not Application.objects.exists()
    ours = client.post(_url(agency), body, content_type="application/json", HTTP_ORIGIN="http://testserver")
    assert ours.status_code == 201


def test_it_asks_the_challenge_the_form_asks(client, agency):
    response = client.post(_url(agency), APPLICANT, content_type="application/json")
    assert response.status_code == 400 and "challenge" in response.json()["fields"]
    wrong = {**APPLICANT, **answered_challenge(client), "challenge": "99"}
    assert client.post(_url(agency), wrong, content_type="application/json").status_code == 400
    assert not Application.objects.exists()


def test_the_challenge_token_does_not_carry_its_answer(client):
    from django.core import signing

    found = client.get("/api/v1/challenge").json()
    data = signing.loads(found["challenge_token"], salt="gongkai.applications.challenge")
    assert "answer" not in data and set(data) == {"nonce", "digest"}


def test_an_agency_integration_signs_with_a_token_instead(client, agency):
    from gongkai.agencies.models import Role

    handler = person("hank", agency, Role.AGENCY_ADMIN)
    stranger = person("sam")
    _, key = api_token_create(user=handler, name="本机关网站")
    _, other = api_token_create(user=stranger, name="别人")
    refused = client.post(_url(agency), APPLICANT, content_type="application/json", HTTP_AUTHORIZATION=f"Token {other}")
    assert refused.status_code == 400
    signed = client.post(_url(agency), APPLICANT, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}")
    assert signed.status_code == 201
