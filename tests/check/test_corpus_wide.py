"""The wide corpus of real reports (tests/corpus/): its metadata is complete, and the checker keeps what it already gets
right there. Defects the checker still has are written in the expected files (`known_false`, `known_missed`,
`known_wrong`, each with its issue-16 class); anything wrong that is not written there fails, so a regression cannot
pass silently, and so does a listed defect that has disappeared (delete its entry: the files must stay true)."""

from __future__ import annotations

import fnmatch
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from gongkai.report.format import FormatVersion
from gongkai.report.model import Report
from gongkai.report.rules import RULES

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"
BENCH = REPO / "benchmarks" / "bench_corpus.py"
NOT_DOCUMENTS = {"README.md", "SOURCES.md"}
READER_RULES = {"P1"}  # raised by the readers, not by the rules module
CLASSES = {str(n) for n in range(1, 10)}  # issue 16's classes 1-8, and 9: a rule applied where it does not apply
KINDS = {"text", "page-text", "pdf-text", "html", "word-html", "docx", "pdf", "markdown", "ocr-text"}
STATUSES = {"report", "no_tables", "not_report", "empty", "unsupported", "too_large", "unsafe", "encrypted", "corrupt",
            "timeout"}  # fmt: skip


def _bench():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _bench()
EXPECTED = bench.expected_files(CORPUS)
IDS = [str(bench.document_of(p).relative_to(CORPUS)) for p in EXPECTED]


def documents() -> list[Path]:
    return sorted(
        p
        for p in CORPUS.rglob("*")
        if p.is_file() and not p.name.endswith(bench.SUFFIX) and p.name not in NOT_DOCUMENTS
    )


def sources_table() -> dict[str, str]:
    """SOURCES.md rows: | `file` | source … |, keyed by the file's path relative to tests/corpus."""
    rows = {}
    for line in (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`([^`]+)`\s*\|(.+)\|\s*$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_it_holds_real_documents_each_with_an_expected_file_and_a_source():
    docs = documents()
    assert docs, "the corpus is empty"
    sources = sources_table()
    for doc in docs:
        name = str(doc.relative_to(CORPUS))
        assert doc.with_name(doc.name + bench.SUFFIX).exists(), f"{name} has no expected file"
        assert name in sources, f"{name} has no row in SOURCES.md"
        assert len(sources[name].strip()) > 20, f"{name}: its source is not described"
    for expected in EXPECTED:
        assert bench.document_of(expected).exists(), f"{expected.name} describes no file"
    assert set(sources) <= {str(d.relative_to(CORPUS)) for d in docs}, "SOURCES.md lists files that are not there"


def test_it_stays_small():
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert total < 25 * 1024 * 1024
    assert all(p.stat().st_size < 1024 * 1024 for p in documents())


def _cell_names(version: str) -> set[str]:
    report = Report.blank("x", 2019 if version == "2019" else 2022, FormatVersion(version))
    return {ref.name for ref, _ in report.cells()}


CELL_NAMES = {v: _cell_names(v) for v in ("2019", "2021")}


@pytest.mark.parametrize("path", EXPECTED, ids=IDS)
def test_every_expected_file_is_valid(path):
    data = bench.load_expected(path)
    assert data["input_kind"] in KINDS
    assert isinstance(data["truncated"], bool)
    assert isinstance(data.get("note", ""), str) and data.get("note"), "say what you decided in a note"
    status = data["status"]
    assert set(status if isinstance(status, list) else [status]) <= STATUSES
    if "year" in data:
        assert data["year"] is None or 2008 <= data["year"] <= 2030
    version = data.get("format_version")
    assert version in (None, "2019", "2021")
    names = CELL_NAMES[version] if version else CELL_NAMES["2019"] | CELL_NAMES["2021"]
    for cell, value in data["cells"].items():
        assert cell in names, f"{cell} is not a cell of the {version or any} format"
        assert value is None or ((isinstance(value, int | float) and value >= 0) or cell.endswith(".change"))
    rules = set(RULES) | READER_RULES
    findings = data["findings"]
    assert set(findings["expected"]) <= rules and set(findings["optional"]) <= rules
    assert findings["scope"] == "all" or set(findings["scope"]) <= rules
    for key in ("known_false", "known_missed"):
        for entry in data[key]:
            assert entry["rule"] in rules and entry["class"] in CLASSES and entry["why"]
    for entry in data["known_wrong"]:
        assert entry["class"] in CLASSES and entry["why"]
        assert entry["what"] in bench.META_FIELDS or any(fnmatch.fnmatchcase(c, entry["what"]) for c in data["cells"])


@pytest.fixture(scope="module")
def results():
    return {r.name: r for r in bench.run(CORPUS)}


def _listed(entries, key, what):
    return any(entry[key] == what or (key == "what" and fnmatch.fnmatchcase(what, entry[key])) for entry in entries)


@pytest.mark.parametrize("name", IDS)
def test_the_checker_recovers_the_cells_and_fields_it_already_gets_right(results, name):
    result = results[name]
    known = result.expected["known_wrong"]
    new_cells = [(c, want, got) for c, want, got in result.wrong_cells if not _listed(known, "what", c)]
    new_fields = [(k, want, got) for k, want, got in result.wrong_meta if not _listed(known, "what", k)]
    assert not new_cells, f"cells read wrong (expected, got): {new_cells}"
    assert not new_fields, f"fields read wrong (expected, got): {new_fields}"


@pytest.mark.parametrize("name", IDS)
def test_every_false_or_missed_finding_is_a_known_defect(results, name):
    result = results[name]
    unlisted_false = [r for r in result.false_rules if not _listed(result.expected["known_false"], "rule", r)]
    unlisted_missed = [r for r in result.missed_rules if not _listed(result.expected["known_missed"], "rule", r)]
    assert not unlisted_false, {r: result.messages[r] for r in unlisted_false}
    assert not unlisted_missed, f"true findings no longer raised: {unlisted_missed}"


def test_every_known_defect_still_exists(results):
    """A `known_*` entry that describes nothing (the defect was fixed) must be deleted, so the files stay true."""
    assert not bench.stale_entries(list(results.values()))


def test_the_benchmark_counts_a_false_finding_and_a_wrong_cell(tmp_path):
    """The scoring itself: a real document, an expected file that disagrees with it in one cell and one rule."""
    source = CORPUS / "fragments" / "guangdong-longgang-dept-2024.page.txt"
    doc = tmp_path / source.name
    doc.write_bytes(source.read_bytes())
    data = bench.load_expected(source.with_name(source.name + bench.SUFFIX))
    data["cells"]["table_b.new_received.total"] = 67  # the page says 66
    data["findings"]["scope"] = "all"  # so the S1 about the sections the fragment lacks counts as false
    (tmp_path / (source.name + bench.SUFFIX)).write_text(bench.json.dumps(data, ensure_ascii=False), "utf-8")
    [result] = bench.run(tmp_path)
    assert ("table_b.new_received.total", 67, 66) in result.wrong_cells
    assert "S1" in result.false_rules
    summary = bench.summarise([result])["overall"]
    assert summary.cells_total == len(data["cells"]) and summary.cells_right == summary.cells_total - 1
    assert summary.precision is not None and summary.precision < 1
