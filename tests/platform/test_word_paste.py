"""Pasting from Word: the sanitiser keeps headings, lists and tables and drops Word's styling."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from gongkai.publishing.sanitize import clean_html

WORD = (Path(__file__).resolve().parents[1] / "fixtures" / "word-paste.html").read_text(encoding="utf-8")


def _soup():
    return BeautifulSoup(clean_html(WORD), "html.parser")


def test_it_keeps_the_headings_below_the_page_title():
    soup = _soup()
    assert [h.get_text(strip=True) for h in soup.find_all("h2")] == ["关于开展节能宣传周活动的通知", "一、活动时间"]
    assert soup.find("h1") is None


def test_it_turns_word_list_paragraphs_into_nested_lists():
    soup = _soup()
    ordered = soup.find("ol")
    items = ordered.find_all("li", recursive=False)
    texts = ["".join(t for t in li.find_all(string=True) if t.find_parent("ul") is None).strip() for li in items]
    assert texts == ["6月10日至16日为节能宣传周；", "6月12日为全国低碳日。"]
    nested = items[1].find("ul")
    assert nested is not None and nested.get_text(strip=True) == "当天机关食堂开展节能主题活动。"
    bullets = [ul for ul in soup.find_all("ul") if ul.find_parent("ol") is None]
    assert len(bullets) == 1 and bullets[0].get_text(strip=True) == "联系人：办公室"
    assert bullets[0].find("strong") or bullets[0].find("b")  # the bold stays


def test_it_drops_the_list_markers_typed_by_word():
    text = _soup().get_text()
    for marker in ("1.", "2.", "Ø", "·"):
        assert marker not in text.replace("6月12日", "")


def test_it_keeps_the_table_with_its_merged_cell():
    table = _soup().find("table")
    rows = table.find_all("tr")
    assert [c.get_text(strip=True) for c in rows[0].find_all(["td", "th"])] == ["日期", "活动"]
    assert rows[0].find_all("td")[1].get("colspan") == "2"
    assert [c.get_text(strip=True) for c in rows[1].find_all("td")] == ["6月12日", "低碳日", "熄灯一小时"]


def test_it_drops_words_styling():
    html = clean_html(WORD)
    for residue in ("style=", "class=", "mso-", "<o:p", "font-family", "@font-face", "supportLists", "<xml", "width="):
        assert residue not in html, residue
