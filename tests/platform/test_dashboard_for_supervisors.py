"""A supervisor reaches an agency's dashboard from their home: it lists the agency's overdue applications by number
and dates (never the applicant or the request), and the agency's navigation offers only the pages they may open."""

from __future__ import annotations

from datetime import date

from personas import paper_application

SECRET_REQUEST = "本人2025年的低保审批材料"


def _overdue(agency):
    # 20 working days ran out in February; today is 2 March 2026
    return paper_application(agency, received_on=date(2026, 1, 5), description=SECRET_REQUEST)


def test_it_lists_overdue_applications_without_personal_data(client, agency, frank):
    application = _overdue(agency)
    client.force_login(frank)
    page = client.get(f"/staff/{agency.pk}/").content.decode()
    section = page.split('id="overdue-applications"')[1].split("</section>")[0]
    assert application.number in section and "个工作日" in section
    assert f"/staff/applications/{application.pk}/" not in section  # a supervisor may not open it
    assert "钱七" not in page and SECRET_REQUEST not in page and "11010519491231002X" not in page


def test_it_links_the_overdue_application_for_its_handlers(client, agency, alice):
    application = _overdue(agency)
    client.force_login(alice)
    page = client.get(f"/staff/{agency.pk}/").content.decode()
    assert f'href="/staff/applications/{application.pk}/"' in page


def test_the_agency_nav_offers_a_supervisor_no_forbidden_page(client, agency, frank, erin):
    client.force_login(frank)
    nav = client.get(f"/staff/{agency.pk}/").content.decode().split('class="agency-nav"')[1].split("</nav>")[0]
    hrefs = [part.split('"')[0] for part in nav.split('href="')[1:]]
    assert hrefs and all(client.get(href).status_code == 200 for href in hrefs)
    assert f"/staff/{agency.pk}/applications/" not in hrefs and f"/staff/{agency.pk}/audit/" not in hrefs

    client.force_login(erin)  # the agency admin sees them all
    nav = client.get(f"/staff/{agency.pk}/").content.decode().split('class="agency-nav"')[1].split("</nav>")[0]
    for path in (f"/staff/{agency.pk}/items/", f"/staff/{agency.pk}/applications/", f"/staff/{agency.pk}/audit/"):
        assert f'href="{path}"' in nav


def test_the_home_page_links_only_pages_each_member_may_open(client, agency, alice, bob, erin):
    for user in (alice, bob, erin):
        client.force_login(user)
        mine = client.get("/staff/").content.decode().split('id="my-agencies"')[1].split("</p>")[0]
        hrefs = [part.split('"')[0] for part in mine.split('href="')[1:]]
        assert hrefs and all(client.get(href).status_code == 200 for href in hrefs), user.username
    client.force_login(bob)  # a section head reviews items; applicants' personal data is not his to see
    assert f"/staff/{agency.pk}/applications/" not in client.get("/staff/").content.decode()
