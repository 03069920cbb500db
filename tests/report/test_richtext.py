"""A section written in the editor: its HTML read into paragraphs, headings, numbered list items and tables, the
text the rules read, and HTML written anew (escaped) for the report's HTML file. Plain Python, no database."""

from __future__ import annotations

from pathlib import Path

from gongkai.report import richtext

WORD = (Path(__file__).resolve().parents[1] / "fixtures" / "word-paste.html").read_text(encoding="utf-8")

# What the editor (ProseMirror) writes: list items and table cells hold paragraphs.
EDITOR = (
    "<h2>（一）工作安排</h2><p>全年<strong>按计划</strong>完成。</p>"
    "<ol><li><p>甲项</p><ol><li><p>子项</p></li></ol></li><li><p>乙项</p><p>乙项续</p></li></ol>"
    "<ul><li><p>要点</p></li></ul>"
    '<table><tbody><tr><th colspan="2"><p>表头</p></th></tr><tr><td><p>收到</p></td><td><p>12件</p></td></tr>'
    "</tbody></table><blockquote><p>引文</p></blockquote>"
)


def test_it_reads_the_editor_html_into_blocks():
    blocks = richtext.blocks(EDITOR)
    assert [(b.kind, b.level, b.marker, b.text) for b in blocks if b.kind != "table"] == [
        ("heading", 2, "", "（一）工作安排"),
        ("p", 0, "", "全年按计划完成。"),
        ("item", 1, "1.", "甲项"),
        ("item", 2, "（1）", "子项"),
        ("item", 1, "2.", "乙项"),
        ("item", 1, "", "乙项续"),
        ("item", 1, "· ", "要点"),
        ("quote", 0, "", "引文"),
    ]
    assert [run.bold for run in blocks[1].runs] == [False, True, False]
    (table,) = [b for b in blocks if b.kind == "table"]
    assert [[(c.text, c.colspan, c.header) for c in row] for row in table.rows] == [
        [("表头", 2, True)],
        [("收到", 1, False), ("12件", 1, False)],
    ]


def test_its_text_is_a_line_per_paragraph_item_and_table_row():
    assert richtext.text_of(EDITOR).splitlines() == [
        "（一）工作安排",
        "全年按计划完成。",
        "1.甲项",
        "（1）子项",
        "2.乙项",
        "乙项续",
        "· 要点",
        "表头",
        "收到　12件",
        "引文",
    ]


def test_a_number_before_digits_is_parted_by_a_space():
    assert richtext.text_of("<ol><li>6月10日开始</li></ol>") == "1. 6月10日开始"


def test_the_html_is_written_anew_with_nested_lists_and_escaped_text():
    out = richtext.to_html(EDITOR + "<p>&lt;script&gt;x</p>")
    assert out.startswith("<h3>（一）工作安排</h3><p>全年<strong>按计划</strong>完成。</p>")
    assert "<ol><li>甲项<ol><li>子项</li></ol></li><li>乙项<p>乙项续</p></li></ol><ul><li>要点</li></ul>" in out
    assert '<th colspan="2">表头</th>' in out and "<td>12件</td>" in out
    assert "<p>&lt;script&gt;x</p>" in out and "<script" not in out


def test_attributes_and_unknown_tags_do_not_pass_through():
    out = richtext.to_html('<p onclick="x()" style="color:red">文字<img src="x" onerror="y()"></p>')
    assert out == "<p>文字</p>"


def test_plain_text_becomes_a_paragraph_a_line():
    assert richtext.html_from_text("第一段\n\n第二段 <b>\n") == "<p>第一段</p><p>第二段 &lt;b&gt;</p>"
    assert not richtext.looks_like_html("收到申请12件，其中3<5")
    assert richtext.looks_like_html("<p>x</p>")


def test_word_paste_cleaned_by_the_sanitiser_reads_as_lists_and_a_merged_table():
    from gongkai.publishing.sanitize import clean_html

    lines = richtext.text_of(clean_html(WORD)).splitlines()
    assert "1. 6月10日至16日为节能宣传周；" in lines and "2. 6月12日为全国低碳日。" in lines
    assert "· 当天机关食堂开展节能主题活动。" in lines
    assert "6月12日　低碳日　熄灯一小时" in lines
    assert not any("mso" in line or "Ø" in line for line in lines)
