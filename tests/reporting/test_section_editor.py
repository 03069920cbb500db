"""Report sections in the editor of item bodies: Word pasted into a section keeps its headings, lists and tables and
loses its styling; the section's text (what the rules read) is a line per paragraph, item and table row; the DOCX
lays the blocks out in the document's own styles and `gongkai check` reads it back with the statistical tables
intact; a section written before the editor stays plain text and opens in the editor as paragraphs."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from gongkai.check.read import read_bytes
from gongkai.reporting import services
from gongkai.reporting.forms import DraftForm
from gongkai.reporting.models import ReportDraft
from gongkai.reporting.selectors import report_current

WORD = (Path(__file__).resolve().parents[1] / "fixtures" / "word-paste.html").read_text(encoding="utf-8")


def test_the_form_cleans_word_paste_as_item_bodies_are():
    form = DraftForm({"title": "", "preamble": "", "section-5": WORD})
    assert form.is_valid(), form.errors
    body = form.bodies()["5"]
    assert "<h2>" in body and "<ol>" in body and "<ul>" in body and "<table>" in body
    assert "mso-" not in body and "style=" not in body and "<o:p>" not in body and "<span" not in body
    assert list(form.bodies()) == ["5"]  # only the sections the page sent


def test_the_form_keeps_plain_text_plain():
    form = DraftForm({"title": "", "preamble": "", "section-5": "第一段\n第二段"})
    assert form.is_valid() and form.bodies() == {"5": "第一段\n第二段"}


def _save(client, agency, **data):
    return client.post(f"/staff/{agency.pk}/reports/2025/", {"title": "", "preamble": "引言。", **data})


def test_the_page_saves_the_html_and_the_text_the_rules_read(client, demo, alice):
    agency = demo["invented"]
    client.force_login(alice)
    assert _save(client, agency, **{"section-5": WORD}).status_code == 302
    draft = ReportDraft.objects.get(agency=agency, year=2025)
    assert "<table>" in draft.sections_html["5"] and "mso-" not in draft.sections_html["5"]
    lines = draft.sections["5"].splitlines()
    assert lines[0] == "五、存在的主要问题及改进情况"
    assert "1. 6月10日至16日为节能宣传周；" in lines and "6月12日　低碳日　熄灯一小时" in lines
    page = client.get(f"/staff/{agency.pk}/reports/2025/").content.decode()
    assert "data-rich-text" in page and "/assets/editor.js" in page
    assert "&lt;table&gt;" in page  # the saved HTML back in the editor's field


def test_the_docx_lays_out_the_blocks_and_check_reads_it_back(client, demo, alice):
    agency = demo["invented"]
    client.force_login(alice)
    _save(client, agency, **{"section-5": WORD})
    publication = services.publication_prepare(agency=agency, year=2025)
    document = docx.Document(io.BytesIO(publication.docx))
    paragraphs = {p.text: p for p in document.paragraphs}
    assert "1. 6月10日至16日为节能宣传周；" in paragraphs and "· 当天机关食堂开展节能主题活动。" in paragraphs
    assert paragraphs["· 当天机关食堂开展节能主题活动。"].paragraph_format.left_indent > 0  # nested one level
    heading = paragraphs["一、活动时间"]
    assert heading.runs[0].font.name == "楷体_GB2312"  # an h2 as the document's level-2 headings
    contact = paragraphs["· 联系人：办公室"]
    assert [run.font.bold for run in contact.runs if run.text == "联系人"] == [True]
    added = [t for t in document.tables if "熄灯一小时" in "".join(c.text for row in t.rows for c in row.cells)]
    assert len(added) == 1
    first_row = added[0].rows[0].cells
    assert first_row[1].text == first_row[2].text == "活动"  # the merged header cell
    assert "mso" not in "".join(p.text for p in document.paragraphs)

    current = report_current(agency=agency, year=2025)
    read = read_bytes(publication.docx, "report.docx")
    assert read.ok, read
    for ref, value in current.report.cells():
        assert read.report.get(ref.name) == value, ref.name
    assert "6月12日为全国低碳日" in read.report.sections["5"]

    html = publication.html.decode("utf-8")
    assert '<table class="section-table">' in html and "<ol><li>6月10日至16日为节能宣传周；" in html
    read = read_bytes(publication.html, "report.html")  # the HTML file, read back as well
    assert read.ok, read
    for ref, value in current.report.cells():
        assert read.report.get(ref.name) == value, ref.name


def test_the_published_version_keeps_the_html(client, demo, erin, settings):
    settings.GONGKAI_REPORT_SIGNING_ROLE = "agency_admin"  # erin, the admin, signs here
    from reporting.helpers import finish, publish

    agency = demo["invented"]
    draft = services.draft_start(agency=agency, year=2025, actor=erin)
    finish(draft, erin)
    services.draft_update(draft=draft, actor=erin, preamble=draft.preamble, bodies={"5": WORD})
    version = publish(draft, erin)
    assert "<table>" in version.report().sections_html["5"]
    assert "6月12日为全国低碳日" in version.report().sections["5"]


def test_a_section_written_before_the_editor_opens_as_paragraphs_and_renders_as_before(client, demo, alice):
    agency = demo["invented"]
    draft = services.draft_start(agency=agency, year=2025, actor=alice)
    assert draft.sections_html == {}  # drafted from the records: plain text
    client.force_login(alice)
    page = client.get(f"/staff/{agency.pk}/reports/2025/").content.decode()
    textarea = page.split('id="id_section-5"', 1)[1].split("</textarea>", 1)[0]
    assert "&lt;p&gt;2025年，" in textarea
    _save(client, agency, **{"section-5": "<p>改进措施一。</p><p>改进措施二。</p>"})
    draft.refresh_from_db()
    assert draft.sections["5"].splitlines()[1:] == ["改进措施一。", "改进措施二。"]
    assert "1" in draft.sections and "1" not in draft.sections_html  # sections not sent are left as they were


def test_who_may_not_write_reads_the_sections_without_an_editor(client, demo, alice, frank):
    agency = demo["invented"]
    client.force_login(alice)
    _save(client, agency, **{"section-5": WORD})
    client.force_login(frank)  # the supervisor reads the draft
    page = client.get(f"/staff/{agency.pk}/reports/2025/").content.decode()
    assert "data-rich-text" not in page and "/assets/editor.js" not in page
    five = page.split('id="section-text-5"', 1)[1].split("</div>", 1)[0]
    assert "<ol><li>6月10日至16日为节能宣传周；" in five and "熄灯一小时" in five
    assert client.post(f"/staff/{agency.pk}/reports/2025/", {"preamble": "改"}).status_code == 403
