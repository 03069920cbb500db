"""The agency admin edits the 政府信息公开指南; it shows on the portal at once, cleaned of unsafe HTML."""

from __future__ import annotations

from personas import PASSWORD


def test_it_lets_the_agency_admin_edit_the_guide(client, agency, staff):
    client.get(f"/gk/{agency.pk}/guide/")  # cached before the edit
    client.login(username="erin", password=PASSWORD)
    body = "<h2>一、公开范围</h2><p>本机关主动公开……</p><script>alert(1)</script>"
    response = client.post(f"/staff/{agency.pk}/guide/", {"body": body})
    assert response.status_code == 302
    client.logout()
    page = client.get(f"/gk/{agency.pk}/guide/").text
    assert "一、公开范围" in page and "alert(1)" not in page
    assert "本机关主动公开" in client.get(f"/gk/{agency.pk}/").text


def test_it_refuses_other_staff(client, agency, staff):
    client.login(username="alice", password=PASSWORD)
    assert client.get(f"/staff/{agency.pk}/guide/").status_code == 403
