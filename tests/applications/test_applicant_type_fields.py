"""The apply form (public) and the staff intake form show the fields of the chosen applicant type only: a natural
person's identity document, an organisation's credit code, contact person and type reason. The server hides the
other group once a type is submitted and drops its values; a served script (no inline script: the CSP) hides it
as soon as the type changes. No select starts at Django's "---------"."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from applications.conftest import PERSON, png
from gongkai.applications.models import Application
from personas import PASSWORD, credit_code, solve_challenge


def _group(page: str, name: str) -> str:
    return re.search(rf'<fieldset[^>]*data-applicant-group="{name}"[^>]*>', page).group(0)


def _post(client, agency, **overrides):
    page = client.get(f"/apply/{agency.pk}/").content.decode()
    token = re.search(r'name="challenge_token" value="([^"]+)"', page).group(1)
    identity = SimpleUploadedFile("id.png", png(), "image/png")
    data = {**PERSON, "challenge_token": token, "challenge": solve_challenge(page), "website": ""}
    data |= {"identity_document": identity} | overrides
    return client.post(f"/apply/{agency.pk}/", data)


def test_it_prompts_in_chinese_and_shows_both_groups_before_a_type_is_chosen(client, agency):
    page = client.get(f"/apply/{agency.pk}/").content.decode()
    assert "---------" not in page
    assert '<option value="" selected>请选择申请人类型</option>' in page
    assert '<option value="" selected>请选择证件类型</option>' in page
    assert "hidden" not in _group(page, "person") and "hidden" not in _group(page, "organisation")
    assert "自然人填写" in page and "法人或其他组织填写" in page
    assert 'id="field-applicant_type_reason"' in page
    assert re.search(r'<script src="/assets/applicant\.js" defer></script>', page)
    assert "<script>" not in page


def test_it_shows_only_the_organisation_fields_after_an_organisation_submits(client, agency):
    response = _post(client, agency, applicant_type="commercial_enterprise", id_type="", id_number="")
    page = response.content.decode()
    assert response.status_code == 200  # the credit code is missing
    assert "hidden" in _group(page, "person")
    assert "hidden" not in _group(page, "organisation")
    assert re.search(r'id="field-credit_code".*?须填写统一社会信用代码', page, re.S)


def test_it_drops_the_other_types_fields_whatever_the_browser_sends(client, agency):
    response = _post(client, agency, credit_code=credit_code("91370303000000001"), contact_person="李四")
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.credit_code, application.contact_person, application.applicant_type_reason) == ("", "", "")
    assert application.id_number == PERSON["id_number"]


def test_an_organisation_is_not_asked_for_an_identity_document(client, agency):
    response = _post(
        client,
        agency,
        applicant_type="other_org",
        id_type="passport",
        id_number="not a passport number at all, far too long to be one" * 2,
        credit_code=credit_code("51370303000000009"),
        contact_person="李四",
    )
    assert response.status_code == 302, response.content.decode()
    application = Application.objects.get()
    assert (application.id_type, application.id_number) == ("", "")
    assert application.contact_person == "李四"


def test_the_staff_intake_form_groups_the_same_fields(client, agency, alice):
    client.login(username=alice.username, password=PASSWORD)
    page = client.get(f"/staff/{agency.pk}/applications/new/").content.decode()
    assert "---------" not in page
    assert "hidden" not in _group(page, "person")
    # Each field appears once, in its group.
    assert page.count('id="field-credit_code"') == 1 and page.count('id="field-id_number"') == 1
    assert '<option value="post" selected>信函</option>' in page


def test_the_script_is_served_and_hides_by_the_chosen_type(client):
    response = client.get("/assets/applicant.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    script = response.content.decode()
    assert "data-applicant-group" in script and "natural_person" in script
