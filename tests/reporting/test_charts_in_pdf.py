"""A published report printed to PDF shows each chart whole: its title, every category label and every bar are on
one page, inside the page, the bars between the title and the labels, and no body text runs through the chart (the
exact 28 pt body line once cut charts to a sliver). The Chinese labels are text in the PDF, drawn by the printer's
fonts: nothing was rasterised on the server."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from gongkai.report.render import pdf as pdf_render
from gongkai.report.render.charts import THIS_YEAR
from gongkai.reporting import services
from reporting.helpers import finish, publish

pytestmark = pytest.mark.slow
CJK_FONT = re.compile(r"CJK|Han|Hei|Song|Sun|Kai|Fang|Ming|WenQuanYi|Fallback|YaHei|PingFang", re.IGNORECASE)
DARK = tuple(int(THIS_YEAR[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_bar(rect) -> bool:
    colour = rect.get("non_stroking_color")
    return (
        bool(rect.get("fill"))
        and isinstance(colour, tuple | list)
        and len(colour) == 3
        and all(abs(a - b) < 0.02 for a, b in zip(colour, DARK, strict=True))
    )


def test_each_chart_is_whole_in_the_published_pdf(demo, erin, lena):
    if pdf_render.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    agency = demo["invented"]
    draft = services.draft_start(agency=agency, year=2025, actor=erin)
    finish(draft, erin)
    version = publish(draft, lena)
    charts = services.publication_prepare(agency=agency, year=2025, on=version.published_on).charts
    assert [c.section for c in charts] == ["1", "3", "6"]
    assert services.version_store_pdf(version_id=version.pk)  # what the commit hook does
    version.refresh_from_db()

    with pdfplumber.open(io.BytesIO(bytes(version.pdf))) as document:
        pages = [(page, _squeeze(page.extract_text() or "")) for page in document.pages]
        for chart in charts:
            found = [(page, text) for page, text in pages if _squeeze(chart.title) in text]
            assert len(found) == 1, f"{chart.title}: on {len(found)} pages"
            page, text = found[0]
            for label in chart.categories:
                assert _squeeze(label) in text, f"{chart.title}: label {label} missing"
            words = page.extract_words()
            title = next(w for w in words if _squeeze(chart.title).startswith(_squeeze(w["text"])[:6]))
            labels = [w for w in words if w["text"] in chart.categories]
            top = title["top"]
            bottom = max(w["bottom"] for w in labels)
            assert bottom - top > 100, f"{chart.title}: only {bottom - top:.0f} pt tall"
            assert top >= 0 and bottom <= page.height
            bars = [r for r in page.rects if _is_bar(r) and top < r["top"] <= bottom]
            drawn = [v for v in chart.series[-1][1] if v]
            assert len(bars) == len(drawn), f"{chart.title}: {len(bars)} bars for {len(drawn)} values"
            for bar in bars:
                assert bar["x0"] >= 0 and bar["x1"] <= page.width
                if not chart.horizontal:  # columns stand above their labels
                    assert top < bar["top"] and bar["bottom"] <= min(w["top"] for w in labels) + 1
            if chart.horizontal:  # each drawn bar beside its label
                centre = {w["text"]: (w["top"] + w["bottom"]) / 2 for w in labels}
                for label, value in zip(chart.categories, chart.series[-1][1], strict=True):
                    if value:
                        assert any(abs((b["top"] + b["bottom"]) / 2 - centre[label]) < 6 for b in bars), label
            # Drawn with a font that has Chinese glyphs (a Latin-only fallback would print empty boxes).
            cjk = [c for c in page.chars if top - 2 < c["top"] < bottom and ord(c["text"][0]) > 0x2E80]
            assert cjk and all(CJK_FONT.search(c["fontname"]) for c in cjk), {c["fontname"] for c in cjk}
            body = [c for c in page.chars if c["size"] >= 15 and top - 2 < c["top"] < bottom]
            assert body == [], f"{chart.title}: body text inside the chart"
