"""Every fact the corpus README lists, recovered from each corpus file, and the findings each must (not) raise."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.check import check_paths
from gongkai.check.read import Status, read_file

TOTALS = ("new_received", "carried_over", "total_processed", "carried_forward")

FACTS = [
    # file (relative to the shared folder), agency, year, format version, 一, 二, （七）, 四
    ("seed/zhangdian-jgsw-2022-annual-report.txt", "淄博市张店区机关事务服务中心", 2022, "2021", (0, 0, 0, 0)),
    ("corpus/pingtan/2019.page.txt", "平潭综合实验区", 2019, "2019", (23, 0, 23, 0)),
    ("corpus/pingtan/2021.page.txt", "平潭综合实验区", 2021, "2021", (70, 0, 69, 1)),
    ("corpus/pingtan/2022.page.txt", "平潭综合实验区", 2022, "2021", (74, 1, 75, 0)),
    ("corpus/pingtan/2022.article.html", "平潭综合实验区", 2022, "2021", (74, 1, 75, 0)),
]


@pytest.mark.parametrize(("name", "agency", "year", "version", "totals"), FACTS, ids=[f[0] for f in FACTS])
def test_it_recovers_the_readme_facts(shared, name, agency, year, version, totals):
    outcome = read_file(shared / name)
    assert outcome.status is Status.REPORT, outcome.reason
    report = outcome.report
    assert (report.agency, report.year, str(report.format_version)) == (agency, year, version)
    assert tuple(report.get(f"table_b.{row}.total") for row in TOTALS) == totals
    assert sorted(report.sections) == ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize("name", [f[0] for f in FACTS])
def test_every_table_b_and_c_cell_is_read_and_adds_up(shared, name):
    """All 25 (2019: 23) rows x 7 columns of table B and the 15 numbers of table C are numbers, not blanks."""
    report = read_file(shared / name).report
    cells = [(ref.name, value) for ref, value in report.cells() if ref.table in ("table_b", "table_c")]
    assert all(value is not None for _, value in cells), [n for n, v in cells if v is None]
    rows = 23 if report.format_version == "2019" else 25
    assert len(cells) == rows * 7 + 15


def test_it_reads_the_pingtan_rows_whose_split_needs_the_columns(corpus):
    """予以公开 in 2021 splits two ways as a row (2,7,0,0,20,1,30 / 27,0,0,2,0,1,30); only one makes columns add up."""
    report = read_file(corpus / "2021.page.txt").report
    assert report.table_b["granted"] == {
        "natural_person": 27, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 2,
        "legal_service_org": 0, "other_org": 1, "total": 30,
    }  # fmt: skip
    assert report.table_b["new_received"]["natural_person"] == 64
    assert report.table_c["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 2, "pending": 0, "total": 3}
    assert report.table_c["litigation_direct"]["total"] == 12


def test_the_2022_page_and_article_agree_cell_for_cell(corpus):
    page = read_file(corpus / "2022.page.txt").report
    article = read_file(corpus / "2022.article.html").report
    assert page.table_b == article.table_b
    assert page.table_c == article.table_c
    assert article.table_a["normative_documents"] == {"issued": 88, "repealed": 55, "in_force": 698}
    assert article.table_a["fees"]["amount"] == Decimal("9116.36")


def test_an_ambiguous_run_together_row_is_a_p1_finding_with_blank_cells(corpus):
    outcome = check_paths([corpus / "2021.page.txt"])[0]
    p1 = [f for f in outcome.findings if f.rule == "P1"]
    assert len(p1) == 1
    assert p1[0].cells == tuple(f"table_a.normative_documents.{c}" for c in ("issued", "repealed", "in_force"))
    assert ["69", "3", "665"] in p1[0].evidence["candidates"]
    assert outcome.report.table_a["normative_documents"] == {"issued": None, "repealed": None, "in_force": None}
    # Single-number rows are not ambiguous.
    assert outcome.report.table_a["licensing"]["decisions"] == 2293


def test_the_2019_report_reads_as_the_2019_format(corpus):
    outcome = check_paths([corpus / "2019.page.txt"])[0]
    report = outcome.report
    assert report.table_b["other"]["total"] == 0
    assert report.published_on.isoformat() == "2020-01-20"
    assert report.table_a["regulations"] == {"made": 0, "published": 0, "public_total": 0}
    rules = {f.rule for f in outcome.findings}
    assert "V1" not in rules
    assert not [f for f in outcome.findings if f.severity == "error"]


def test_cross_year_pingtan_2021_to_2022_keeps_y1(corpus):
    outcomes = {o.source: o for o in check_paths([corpus / "2021.page.txt", corpus / "2022.page.txt"])}
    later = outcomes[str(corpus / "2022.page.txt")]
    assert later.previous_source == str(corpus / "2021.page.txt")
    assert "Y1" not in {f.rule for f in later.findings}


def test_a_wrong_carry_over_breaks_y1(corpus, tmp_path):
    text = (corpus / "2022.page.txt").read_text(encoding="utf-8")
    changed = text.replace("二、上年结转政府信息公开申请数量 1000001", "二、上年结转政府信息公开申请数量 2000002")
    assert changed != text
    (tmp_path / "2022.txt").write_text(changed, encoding="utf-8")
    outcome = check_paths([tmp_path / "2022.txt"], previous=[corpus / "2021.page.txt"])[0]
    y1 = [f for f in outcome.findings if f.rule == "Y1"]
    assert {f.cells[0] for f in y1} == {"table_b.carried_over.natural_person", "table_b.carried_over.total"}


def test_the_known_defects_of_the_sources_are_found(shared, corpus):
    seed = check_paths([shared / "seed" / "zhangdian-jgsw-2022-annual-report.txt"])[0]
    assert [f.rule for f in seed.findings] == ["T4"]
    assert seed.report.section_heading("3").startswith("3、")
    for name in ("2022.page.txt", "2022.article.html"):
        outcome = check_paths([corpus / name])[0]
        s1 = [f for f in outcome.findings if f.rule == "S1"]
        assert len(s1) == 1 and "行政法复议" in s1[0].evidence["heading"]


def test_a_table_c_whose_group_does_not_add_up_is_p1_with_blank_cells(corpus, tmp_path):
    text = (corpus / "2021.page.txt").read_text(encoding="utf-8").replace("10203120001200000", "10203120001200001")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    outcome = check_paths([tmp_path / "c.txt"])[0]
    p1 = [f for f in outcome.findings if f.rule == "P1" and f.cells[0].startswith("table_c")]
    assert len(p1) == 1 and len(p1[0].cells) == 15 and p1[0].evidence["candidates"] == []
    assert set(outcome.report.table_c["reconsideration"].values()) == {None}
