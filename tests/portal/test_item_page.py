"""The item page shows the metadata table as government sites do, the body, attachments and its neighbours."""

from __future__ import annotations

from datetime import date

from personas import NOW


def test_it_shows_the_metadata_table(client, publish):
    item = publish(document_number="测发〔2026〕1号", written_on=date(2026, 2, 27))
    page = client.get(f"/gk/item/{item.pk}/").text
    for label, value in [
        ("索引号", item.index_number),
        ("发布机构", "测试局"),
        ("文号", "测发〔2026〕1号"),
        ("成文日期", "2026-02-27"),
        ("发布日期", NOW.strftime("%Y-%m-%d")),
        ("主题分类", "政策文件"),
        ("有效性", "有效"),
    ]:
        assert f'<th scope="row">{label}</th><td>' in page and value in page, label
    assert "为进一步增强节约意识" in page
    assert 'property="og:title" content="关于开展公共机构节能宣传周活动的通知"' in page
    assert f'rel="canonical" href="http://testserver/gk/item/{item.pk}/"' in page


def test_it_links_the_previous_and_next_item_in_the_category(client, publish, time_machine):
    first = publish("第一篇")
    time_machine.shift(60)
    second = publish("第二篇")
    time_machine.shift(60)
    third = publish("第三篇")
    publish("别的分类", category="业务动态")
    page = client.get(f"/gk/item/{second.pk}/").text
    assert f'href="/gk/item/{third.pk}/" rel="prev">第三篇' in page
    assert f'href="/gk/item/{first.pk}/" rel="next">第一篇' in page
    assert "别的分类" not in page


def test_it_shows_nothing_of_an_unpublished_item(client, agency, staff):
    from gongkai.publishing import services

    draft = services.item_create(
        agency=agency, actor=staff["alice"], title="草稿", formed_on=NOW.date(), category=agency.categories.first()
    )
    assert client.get(f"/gk/item/{draft.pk}/").status_code == 404
