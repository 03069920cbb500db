"""Edges that were 500s (issue 15, items 7 and 8): a 30000×30000 identity image, year=9999 and year=1 in the
search, `workdays: 1e309`, and every error under /api/ answered in JSON, oversized bodies included."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest
from django.test import Client

from gongkai.applications.services import api_token_create
from gongkai.applications.uploads import check_identity_file
from gongkai.publishing.files import BadFile
from personas import person
from security.conftest import APPLICANT, answered_challenge


def _png_declaring(width: int, height: int) -> bytes:
    """A tiny, valid PNG whose header declares `width`×`height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [30000, 12000])
def test_a_huge_declared_image_is_refused_clearly(side):
    with pytest.raises(BadFile, match="图片尺寸过大"):
        check_identity_file(_png_declaring(side, side))


def test_a_huge_declared_image_is_refused_by_the_api_not_a_500(client, agency):
    body = {
        **APPLICANT,
        **answered_challenge(client),
        "identity_document": base64.b64encode(_png_declaring(30000, 30000)).decode(),
    }
    client.raise_request_exception = False
    response = client.post(f"/api/v1/agencies/{agency.pk}/applications", body, content_type="application/json")
    assert response.status_code == 400 and "图片尺寸过大" in response.json()["fields"]["identity_document"][0]


@pytest.mark.parametrize("year", ["9999", "1", "0", "2140", "99999999"])
def test_the_search_ignores_a_year_it_cannot_look_up(client, agency, year):
    client.raise_request_exception = False
    assert client.get("/search/", {"q": "预算", "year": year}).status_code == 200


@pytest.mark.parametrize("number", ["1e309", "-1e309", "Infinity", "NaN", "9" * 5000])
def test_a_staff_step_with_an_impossible_number_is_a_json_400(client, agency, number):
    from gongkai.agencies.models import Role

    handler = person("hank", agency, Role.AGENCY_ADMIN)
    _, key = api_token_create(user=handler, name="t")
    body = {**APPLICANT, **answered_challenge(client)}
    created = client.post(f"/api/v1/agencies/{agency.pk}/applications", body, content_type="application/json").json()
    client.raise_request_exception = False
    response = client.post(
        f"/api/v1/staff/applications/{created['number']}/extend",
        f'{{"workdays": {number}, "approved_by": "局长", "reason": "需要调查"}}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 400 and "error" in response.json()


def test_an_oversized_api_body_is_a_json_error(client, agency, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.raise_request_exception = False
    body = {**APPLICANT, **answered_challenge(client), "description": "很长" * 2000}
    response = client.post(f"/api/v1/agencies/{agency.pk}/applications", body, content_type="application/json")
    assert response.status_code == 413 and "过大" in response.json()["error"]


def test_unknown_api_paths_and_server_errors_answer_json(client, agency, monkeypatch):
    client.raise_request_exception = False
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json" and missing.json()["error"]
    from gongkai.applications import api

    monkeypatch.setattr(api, "public_status", lambda application: 1 / 0)
    body = {**APPLICANT, **answered_challenge(client)}
    created = client.post(f"/api/v1/agencies/{agency.pk}/applications", body, content_type="application/json").json()
    response = client.get(
        "/api/v1/applications/status", {"number": created["number"], "code": created["tracking_code"]}
    )
    assert response.status_code == 500 and response.json()["error"]


def test_a_page_outside_the_api_keeps_its_html_404(db):
    response = Client().get("/gk/item/999999/")
    assert response.status_code == 404 and "<h1>未找到</h1>" in response.content.decode()


@pytest.mark.parametrize("year", [0, 1, 99999999])
def test_a_year_in_a_url_that_no_record_can_have_is_a_404(client, erin, agency, year):
    client.force_login(erin)
    client.raise_request_exception = False
    for path in (f"/staff/{agency.pk}/reports/{year}/", f"/staff/{agency.pk}/reports/{year}/categories/1/"):
        assert client.get(path).status_code == 404, path
