"""/api/v1/openapi.json describes the annual-report endpoint beside the applications API, and what the endpoint
returns has the shape it describes."""

from __future__ import annotations

from gongkai.reporting import services
from reporting.helpers import finish, publish


def test_it_describes_the_report_endpoint_in_the_one_openapi_document(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/agencies/{agency_id}/applications" in document["paths"]
    operation = document["paths"]["/api/v1/agencies/{agency_id}/reports/{year}"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["agency_id", "year"]
    assert set(operation["responses"]) == {"200", "404"}
    assert "AnnualReport" in document["components"]["schemas"]


def test_the_report_endpoint_answers_what_the_document_describes(demo, erin, lena, client):
    draft = services.draft_start(agency=demo["invented"], year=2025, actor=erin)
    finish(draft, erin)
    publish(draft, lena)
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["AnnualReport"]
    body = client.get(f"/api/v1/agencies/{demo['invented'].pk}/reports/2025").json()
    assert set(schema["required"]) <= set(body)
    assert set(body) <= set(schema["properties"])
    assert body["table_c"]["reconsideration"]["total"] >= 1
