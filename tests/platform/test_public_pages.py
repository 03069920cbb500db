from helpers_platform import review_to_publication

from gongkai.publishing import services


def test_it_lists_only_published_items(client, agency, make_item, alice, bob, cindy, dave):
    draft = make_item(title="还在起草的通知")
    published = review_to_publication(
        services.item_submit(item=make_item(title="已经发布的通知", document_number="测发〔2026〕1号"), actor=alice),
        bob,
        cindy,
        dave,
    )
    page = client.get(f"/gk/{agency.pk}/").text
    assert published.title in page and draft.title not in page
    detail = client.get(f"/gk/item/{published.pk}/").text
    assert published.index_number in detail and "测发〔2026〕1号" in detail
    assert client.get(f"/gk/item/{draft.pk}/").status_code == 404


def test_it_keeps_drafts_from_other_agencies_staff(client, make_item, charlie):
    client.force_login(charlie)
    assert client.get(f"/staff/items/{make_item().pk}/").status_code == 403


def test_it_is_cacheable(client, agency):
    # Public and revalidated with an ETag on every visit (docs/portal.md): cacheable, yet a withdrawal shows at once.
    response = client.get(f"/gk/{agency.pk}/")
    assert "public" in response["Cache-Control"] and response["ETag"]
    assert client.get(f"/gk/{agency.pk}/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
