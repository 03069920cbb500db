"""The staff item list: paged, searchable by title, 索引号 and 文号, filtered by status, year and overdue."""

from __future__ import annotations

from datetime import date

from gongkai.publishing import services


def _rows(client, agency, query: str = "") -> str:
    page = client.get(f"/staff/{agency.pk}/items/{query}").content.decode()
    return page.split('id="item-table"', 1)[1].split("</table>", 1)[0]


def test_it_finds_items_by_title_index_number_and_document_number(client, agency, alice, make_item):
    first = make_item(title="关于春季防火的通知", document_number="测防〔2026〕3号")
    make_item(title="关于夏季防汛的通知")
    client.force_login(alice)
    assert "春季防火" in _rows(client, agency, "?q=防火") and "夏季防汛" not in _rows(client, agency, "?q=防火")
    assert "春季防火" in _rows(client, agency, "?q=〔2026〕3号")
    found = _rows(client, agency, f"?q={first.index_number}")
    assert "春季防火" in found and "夏季防汛" not in found


def test_it_filters_by_status_year_and_overdue(client, agency, alice, make_item):
    old = make_item(title="去年形成的信息", formed_on=date(2025, 12, 1))  # 20 working days long past on 2 March
    services.item_submit(item=make_item(title="已提交审核的信息"), actor=alice)
    client.force_login(alice)
    assert "已提交审核的信息" not in _rows(client, agency, "?status=draft")
    assert "已提交审核的信息" in _rows(client, agency, "?status=section_review")
    assert "去年形成的信息" in _rows(client, agency, "?year=2025")
    assert "已提交审核的信息" not in _rows(client, agency, "?year=2025")
    overdue = _rows(client, agency, "?overdue=1")
    assert old.title in overdue and "已提交审核的信息" not in overdue


def test_it_pages_and_the_pager_keeps_the_search(client, agency, alice, make_item, monkeypatch):
    monkeypatch.setattr("gongkai.common.paging.PER_PAGE", 2)
    for n in range(5):
        make_item(title=f"第{n}号通知")
    make_item(title="无关的公告")
    client.force_login(alice)
    page = client.get(f"/staff/{agency.pk}/items/?q=号通知").content.decode()
    assert "共5条" in page and "第1页，共3页" in page
    assert "q=%E5%8F%B7%E9%80%9A%E7%9F%A5&amp;page=2" in page  # 下一页 keeps q
    last = client.get(f"/staff/{agency.pk}/items/?q=号通知&page=3").content.decode()
    assert "第5—5条，共5条" in last and "无关的公告" not in last
    assert client.get(f"/staff/{agency.pk}/items/?page=99").status_code == 200  # a bad page shows the last one
