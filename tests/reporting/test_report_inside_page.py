"""A published report shown inside a page (the portal's 年报 page, the staff's version page) brings its body and its
styles scoped to the report, not its own document: one <main>, one <head>, and no rule for the page's body (the
report's FangSong and 46em width restyled the portal's header around it)."""

from __future__ import annotations

import re

from gongkai.report.render.html import embedded, render_html


def _page_checks(html: str) -> None:
    assert html.count("<main") == 1 and html.count("<head>") == 1 and html.count("<html") == 1
    styles = "".join(re.findall(r"<style>(.*?)</style>", html.split("<main", 1)[1], re.S))  # the report's
    assert not re.search(r"(^|[\s}])body\s*\{", styles)
    assert ".report table{" in styles and ".report th,.report td{" in styles


def test_the_portal_report_page_embeds_the_body_only(demo, client):
    page = client.get(f"/gk/{demo['seed'].pk}/reports/2022/").content.decode()
    _page_checks(page)
    assert '<article class="report">' in page and "政府信息公开工作年度报告</h1>" in page


def test_the_staff_version_page_embeds_the_body_only(demo, client, frank):
    client.force_login(frank)  # supervises 张店区
    page = client.get(f"/staff/{demo['seed'].pk}/reports/2022/v1/").content.decode()
    _page_checks(page)


def test_embedded_keeps_every_table_and_section(seed_report):
    document = render_html(seed_report).decode()
    inside = embedded(document)
    assert "<main" not in inside and "<title>" not in inside and "<meta" not in inside
    for marker in ('<table id="table_a"', '<table id="table_b"', '<table id="table_c"', 'id="section-6"'):
        assert marker in document and marker in inside
