from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.parse.text import parse_text
from gongkai.report.render.docx import render_docx
from gongkai.report.render.pdf import docx_to_pdf, soffice_path


@pytest.fixture
def corpus(shared: Path) -> Path:
    return shared / "corpus" / "pingtan"


@pytest.fixture
def seed_text(shared: Path) -> Path:
    return shared / "seed" / "zhangdian-jgsw-2022-annual-report.txt"


@pytest.fixture(scope="session")
def report_pdf() -> bytes:
    """A real report as PDF: the seed agency's report rendered to DOCX by gongkai, then printed by LibreOffice."""
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from gongkai.demo import seed_report_path
    from gongkai.report.model import load_report

    report = load_report(seed_report_path())
    # Numbers that are not all zero, so that a misread cell shows.
    report.set("table_b.new_received.natural_person", 12)
    report.set("table_b.new_received.commercial_enterprise", 3)
    report.set("table_b.new_received.total", 15)
    report.set("table_b.granted.natural_person", 10)
    report.set("table_b.granted.commercial_enterprise", 3)
    report.set("table_b.granted.total", 13)
    report.set("table_b.unavailable_not_held.natural_person", 2)
    report.set("table_b.unavailable_not_held.total", 2)
    report.set("table_b.total_processed.natural_person", 12)
    report.set("table_b.total_processed.commercial_enterprise", 3)
    report.set("table_b.total_processed.total", 15)
    report.set("table_c.reconsideration.upheld", 1)
    report.set("table_c.reconsideration.total", 1)
    return docx_to_pdf(render_docx(report))


def parse_file(path: Path):
    return parse_text(path.read_text(encoding="utf-8"), str(path))
