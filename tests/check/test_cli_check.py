"""`gongkai check` from the command line: outputs, batch, pairing and exit codes."""

from __future__ import annotations

import io
import json
import re
import shutil

import openpyxl
import pytest

from gongkai.check.batch import ProgressBar
from gongkai.cli import main


@pytest.fixture
def batch(tmp_path, corpus, seed_text):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("2021.page.txt", "2022.page.txt"):
        shutil.copy(corpus / name, folder / f"pingtan-{name}")
    shutil.copy(seed_text, folder / "seed.txt")
    (folder / "empty.html").write_bytes(b"")
    (folder / "notes.rtf").write_text("not read: not a report extension")
    return folder


def test_it_prints_a_summary_and_exits_1_when_a_report_breaks_a_hard_rule(batch, capsys):
    assert main(["check", str(batch)]) == 1
    out = capsys.readouterr().out
    assert "淄博市张店区机关事务服务中心 2022年度" in out
    assert "[S1 错误]" in out and "行政法复议" in out
    assert "空文件" in out
    assert "共 4 个文件" in out


def test_it_exits_0_when_nothing_is_wrong(seed_text, capsys):
    assert main(["check", str(seed_text)]) == 0
    assert "[T4 提醒]" in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.pdf")]) == 2
    assert "找不到" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 2  # an empty folder
    assert main(["check", "-j", "0", str(tmp_path)]) == 2


def test_json_uses_the_machine_names_one_object_per_report(batch, capsys):
    main(["check", "--json", str(batch)])
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 4
    by_name = {item["source"].rsplit("/", 1)[-1]: item for item in data}
    later = by_name["pingtan-2022.page.txt"]
    assert {"source", "agency", "year", "format_version", "tables", "sections", "findings"} <= later.keys()
    assert later["tables"]["table_b"]["carried_over"]["total"] == 1
    assert later["tables"]["table_c"]["reconsideration"]["total"] == 2
    assert later["previous"].endswith("pingtan-2021.page.txt")
    assert later["sections"]["4"].startswith("四、政府信息公开行政法复议")
    finding = next(f for f in later["findings"] if f["rule"] == "S1")
    assert finding["severity"] == "error" and finding["cells"] == ["sections.4"]
    p1 = next(f for f in later["findings"] if f["rule"] == "P1")
    assert later["tables"]["table_a"]["normative_documents"]["issued"] is None
    assert p1["evidence"]["candidates"]
    assert by_name["empty.html"]["status"] == "empty" and by_name["empty.html"]["tables"] is None


def test_xlsx_has_a_row_per_report_and_a_sheet_of_findings(batch, tmp_path, capsys):
    target = tmp_path / "out.xlsx"
    main(["check", "-q", "--xlsx", str(target), str(batch)])
    workbook = openpyxl.load_workbook(target)
    reports = list(workbook["报告"].values)
    assert len(reports) == 5
    header = reports[0]
    row = next(r for r in reports if r[0].endswith("pingtan-2021.page.txt"))
    assert row[header.index("机关")] == "平潭综合实验区" and row[header.index("年度")] == 2021
    assert row[5:9] == (70, 0, 69, 1)
    findings = list(workbook["问题"].values)
    assert any(r[3] == "S1" and r[4] == "错误" for r in findings[1:])


def test_html_highlights_the_failing_cells(tmp_path, seed_text, capsys):
    text = seed_text.read_text(encoding="utf-8")
    broken = re.sub(r"(本年新收政府信息公开申请数量\n\t)0", r"\g<1>5", text, count=1)
    assert broken != text
    source = tmp_path / "broken.txt"
    source.write_text(broken, encoding="utf-8")
    target = tmp_path / "out.html"
    assert main(["check", "--html", str(target), str(source)]) == 1
    page = target.read_text(encoding="utf-8")
    assert "政府信息公开工作年度报告检查结果" in page
    assert 'data-cell="table_b.new_received.natural_person" class="error"' in page
    assert 'data-cell="table_b.granted.total"' in page  # a cell without findings stays plain


def test_a_row_that_breaks_its_own_sum_cannot_be_split_and_says_so(tmp_path, corpus, capsys):
    text = (corpus / "2022.page.txt").read_text(encoding="utf-8").replace("723000075", "723000076")
    source = tmp_path / "broken.txt"
    source.write_text(text, encoding="utf-8")
    main(["check", "--json", str(source)])
    data = json.loads(capsys.readouterr().out)[0]
    p1 = [f for f in data["findings"] if f["rule"] == "P1" and f["cells"][0].startswith("table_b.total_processed")]
    assert p1 and p1[0]["evidence"]["candidates"] == []
    assert data["tables"]["table_b"]["total_processed"]["total"] is None


def test_previous_pairs_a_single_report(corpus, capsys):
    main(["check", "--json", "--previous", str(corpus / "2021.page.txt"), str(corpus / "2022.page.txt")])
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 1 and data[0]["previous"].endswith("2021.page.txt")
    assert "Y1" not in {f["rule"] for f in data[0]["findings"]}


def test_jobs_give_the_same_result(batch, capsys):
    main(["check", "--json", str(batch)])
    one = json.loads(capsys.readouterr().out)
    main(["check", "--json", "-j", "2", str(batch)])
    two = json.loads(capsys.readouterr().out)
    assert one == two


def test_the_progress_bar_draws_only_on_a_terminal():
    quiet = io.StringIO()
    ProgressBar(quiet)(1, 2, "a.pdf")
    assert quiet.getvalue() == ""
    shown = io.StringIO()
    ProgressBar(shown, enabled=True)(1, 2, "a.pdf")
    assert "1/2" in shown.getvalue()


def test_a_copied_report_is_paired_with_last_years_json_and_flagged_d2(tmp_path, seed_text, seed_report_path, capsys):
    copied = tmp_path / "2023.txt"
    copied.write_text(seed_text.read_text(encoding="utf-8").replace("2022", "2023"), encoding="utf-8")
    main(["check", "--json", "--previous", str(seed_report_path), str(copied)])
    data = json.loads(capsys.readouterr().out)[0]
    assert data["year"] == 2023 and data["previous"] == str(seed_report_path)
    assert "D2" in {f["rule"] for f in data["findings"]}
    assert "Y1" not in {f["rule"] for f in data["findings"]}
