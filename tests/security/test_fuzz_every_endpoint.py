"""Hypothesis posts random and hostile values to every form and API endpoint, as each persona, and fails on any
5xx (issue 15). Bounded: a fixed number of examples per persona, no deadline per example, the demo as data.

Every URL pattern of the site is visited (its parameters filled with real and absurd values); a form's fields are
read from the page the persona gets, an API body is JSON. Values include control characters, 5,000-digit numbers,
1e309, impossible dates, markup, SQL, path tricks and long text; file fields get random or hostile bytes.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = [
    "",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 5000,
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "\x00",
    "正文\x01\x0b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "字" * 20000,
    "granted",
    "natural_person",
    "on",
]
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200), st.integers().map(str))
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), TEXT),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)),
    max_leaves=10,
)
RAW_JSON = st.sampled_from(["1e309", '{"a": Infinity}', "[" * 5000, "9" * 5000, '"\\ud800"', "{", "null"])
FILES = st.one_of(
    st.binary(max_size=2048),
    st.sampled_from([b"%PDF-1.4\n%%EOF", b"PK\x03\x04garbage", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b""]),
)
RAW_TYPES = [
    "application/json",
    "application/json; charset=latin-1",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=xyz",
    "text/plain",
    "application/octet-stream",
]
_NAME = re.compile(r'<(input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>', re.S)


def _patterns(resolvers=None, prefix=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name or ""


def _fill(route: str, name: str, ids: dict, draw) -> str:
    def value(match: re.Match) -> str:
        converter, key = match.group(1) or "str", match.group(2)
        if converter == "int":
            real = ids.get(key if key != "pk" else name.split("-")[0], ids.get(key))
            return str(draw(st.sampled_from([real or 1, 1, 0, 2026, 2022, 99999999]), label=key))
        if key == "number":
            return draw(st.sampled_from([ids["number"], "x", "9" * 40]), label=key)
        if key == "step":
            return draw(st.sampled_from(["extend", "decide", "deliver", "close", "request_correction", "nope"]))
        if key == "cell":
            return draw(st.sampled_from(["table_b.granted.total", "table_a.fees.amount", "x.y.z", "字"]))
        return draw(st.sampled_from(["portal.js", "x", "a" * 300]), label=key)

    path = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


@pytest.fixture
def world(db, settings, tmp_path):
    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Channel
    from gongkai.applications.services import api_token_create, application_submit
    from gongkai.publishing.models import Item
    from gongkai.site.demo_data import demo_load
    from security.conftest import applicant_fields

    settings.GONGKAI_APPLY_PER_HOUR = 10_000
    settings.GONGKAI_LOGIN_MAX_FAILURES = 10_000
    demo_load()
    agency = Agency.objects.filter(is_demo=True).order_by("pk").first()
    application, _ = application_submit(agency=agency, channel=Channel.POST, **applicant_fields())
    from django.contrib.auth.models import User

    people = {user.username: user for user in User.objects.all()}
    _, key = api_token_create(user=people["agency_admin"], name="fuzz")
    item = Item.objects.filter(agency=agency).first()
    ids = {
        "agency_id": agency.pk,
        "item": item.pk,
        "application": application.pk,
        "appeal": 1,
        "letter": 1,
        "attachment": 1,
        "identity": 1,
        "year": 2022,
        "number": application.number,
    }
    return {"people": people, "ids": ids, "token": key}


PERSONAS = ["anonymous", "drafter", "section_head", "leader", "secrecy", "agency_admin", "supervisor", "admin"]


@pytest.mark.slow
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_input_makes_a_server_error(world, persona, time_machine):
    routes = [(route, name) for route, name in _patterns() if not route.startswith("admin/")]
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    form_fields: dict[str, list[tuple[str, bool]]] = {}

    def fields_of(path: str) -> list[tuple[str, bool]]:
        if path not in form_fields:
            page = client.get(path)
            html = page.content.decode("utf-8", "replace") if page.status_code == 200 else ""
            form_fields[path] = [
                (name, 'type="file"' in tag) for tag, name in ((m.group(0), m.group(2)) for m in _NAME.finditer(html))
            ]
        return form_fields[path]

    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def one_request(data):
        route, name = data.draw(st.sampled_from(routes), label="route")
        path = _fill(route, name, world["ids"], data.draw)
        query = data.draw(st.dictionaries(st.sampled_from(["q", "year", "page", "agency", "status", "x"]), TEXT))
        headers = {}
        if data.draw(st.booleans(), label="token") and path.startswith("/api/"):
            headers["HTTP_AUTHORIZATION"] = f"Token {world['token']}"
        method = data.draw(st.sampled_from(["get", "post", "raw"]), label="method")
        if method == "get":
            response = client.get(path, query, **headers)
        elif method == "raw":  # any bytes under any declared type: broken multipart, bad UTF-8, wrong JSON
            body = data.draw(st.one_of(st.binary(max_size=512), FILES), label="body")
            content_type = data.draw(st.sampled_from(RAW_TYPES), label="content_type")
            response = client.generic("POST", path, body, content_type=content_type, **headers)
        elif path.startswith("/api/"):
            if data.draw(st.booleans(), label="raw"):
                body = data.draw(RAW_JSON)
            else:
                body = json.dumps(data.draw(st.dictionaries(TEXT, JSON_VALUE, max_size=8)), ensure_ascii=False)
            response = client.post(path, body, content_type="application/json", **headers)
        else:
            form = {}
            for field, is_file in fields_of(path):
                if field == "csrfmiddlewaretoken":
                    continue
                if is_file:
                    form[field] = SimpleUploadedFile("f.bin", data.draw(FILES, label=field))
                else:
                    form[field] = data.draw(TEXT, label=field)
            response = client.post(path, form, **headers)
        assert response.status_code < 500, f"{method.upper()} {path} as {persona}: {response.status_code}"

    one_request()
