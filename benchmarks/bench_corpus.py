"""Measure `gongkai check` on the corpus of real published reports under tests/corpus/.

Every corpus file has beside it `<file>.expected.json`, written by reading the document (see tests/corpus/README.md):
the cells a reader must recover, the status, agency, year and format version, and the rules the report truly breaks.
This runs the checker over the whole corpus (one batch, as a supervisor would) and prints

- cell accuracy (expected cells recovered exactly; a blank is `null` and must stay `null`), overall and by input kind;
- metadata accuracy (status, agency, year, format version);
- finding precision and recall, counted per report and rule (a rule raised on a report whose document does not break
  it is one false finding, whatever the number of messages), overall, by rule and by input kind;
- every false finding, every missed finding and every wrong cell or field, with the defect class of issue 16 that the
  expected file gives it (`known_false`, `known_missed`, `known_wrong`), or "unclassified" when it is new.

A truncated document (a fragment: only the beginning of a page survives) is judged only on the rules in its `scope`:
findings about the parts the fragment lacks say nothing about the checker.

Exits 1 when cell accuracy is below 98% or finding precision below 95%.

    python benchmarks/bench_corpus.py [--json FILE] [-v]
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from gongkai.check import check_paths
from gongkai.check.read import Outcome

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus"
SUFFIX = ".expected.json"
TARGET_CELLS = 0.98
TARGET_PRECISION = 0.95
META_FIELDS = ("status", "agency", "year", "format_version")


@dataclass
class Result:
    """What one corpus document scored."""

    name: str
    kind: str
    expected: dict[str, Any]
    outcome: Outcome
    cells_total: int = 0
    cells_right: int = 0
    wrong_cells: list[tuple[str, Any, Any]] = field(default_factory=list)  # name, expected, got
    wrong_meta: list[tuple[str, Any, Any]] = field(default_factory=list)
    meta_total: int = 0
    true_rules: set[str] = field(default_factory=set)
    false_rules: set[str] = field(default_factory=set)
    missed_rules: set[str] = field(default_factory=set)
    messages: dict[str, list[str]] = field(default_factory=dict)  # rule -> messages raised


def expected_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(corpus.rglob("*" + SUFFIX))


def document_of(expected_path: Path) -> Path:
    return expected_path.with_name(expected_path.name[: -len(SUFFIX)])


def load_expected(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _same(expected: Any, got: Any) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    try:
        return Decimal(str(expected)) == Decimal(str(got))
    except (InvalidOperation, ValueError):
        return str(expected) == str(got)


def _got_cell(outcome: Outcome, name: str) -> Any:
    report = outcome.report
    if report is None:
        return None
    try:
        return report.get(name)
    except (KeyError, ValueError):  # a cell of the other format version
        return None


def _got_meta(outcome: Outcome, key: str) -> Any:
    if key == "status":
        return str(outcome.status)
    report = outcome.report
    if report is None:
        return None
    if key == "agency":
        return report.agency or None
    if key == "year":
        return report.year or None
    return str(report.format_version) if report.format_version else None


def _meta_matches(key: str, expected: Any, got: Any) -> bool:
    if key == "status" and isinstance(expected, list):
        return got in expected
    if key == "agency" and expected is not None and got is not None:
        return _normalise_agency(expected) == _normalise_agency(got)
    return expected == got


def _normalise_agency(name: str) -> str:
    return "".join(name.split()).replace("(", "（").replace(")", "）")


def scope_of(expected: dict[str, Any], rules: set[str]) -> set[str]:
    scope = expected.get("findings", {}).get("scope", "all")
    return set(rules) if scope == "all" else set(scope) & set(rules) | set(scope)


def score(name: str, expected: dict[str, Any], outcome: Outcome) -> Result:
    result = Result(name, expected.get("input_kind", "?"), expected, outcome)
    for cell, value in expected.get("cells", {}).items():
        got = _got_cell(outcome, cell)
        result.cells_total += 1
        if _same(value, got):
            result.cells_right += 1
        else:
            result.wrong_cells.append((cell, value, got))
    for key in META_FIELDS:
        if key not in expected:
            continue
        result.meta_total += 1
        got = _got_meta(outcome, key)
        if not _meta_matches(key, expected[key], got):
            result.wrong_meta.append((key, expected[key], got))
    raised: dict[str, list[str]] = defaultdict(list)
    for finding in outcome.findings:
        raised[finding.rule].append(finding.message)
    findings = expected.get("findings", {})
    scope = findings.get("scope", "all")
    in_scope = (lambda rule: True) if scope == "all" else (lambda rule: rule in scope)
    wanted = {r for r in findings.get("expected", []) if in_scope(r)}
    optional = set(findings.get("optional", []))
    got = {r for r in raised if in_scope(r)}
    result.true_rules = got & wanted
    result.false_rules = got - wanted - optional
    result.missed_rules = wanted - got
    result.messages = {r: raised[r] for r in got}
    return result


def run(corpus: Path = CORPUS) -> list[Result]:
    pairs = [(document_of(path), load_expected(path)) for path in expected_files(corpus)]
    outcomes = {o.source: o for o in check_paths([doc for doc, _ in pairs])}
    return [score(str(doc.relative_to(corpus)), expected, outcomes[str(doc)]) for doc, expected in pairs]


def classify(expected: dict[str, Any], key: str, what: str) -> str:
    """The defect class the expected file gives this false/missed rule or wrong field, else 'unclassified'."""
    for entry in expected.get(key, []):
        target = entry.get("rule") if key != "known_wrong" else entry.get("what")
        if target == what or (key == "known_wrong" and fnmatch.fnmatchcase(what, target)):
            return str(entry.get("class", "unclassified"))
    return "unclassified"


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def pct(value: float | None) -> str:
    return "  n/a " if value is None else f"{100 * value:6.2f}%"


@dataclass
class Summary:
    cells_right: int = 0
    cells_total: int = 0
    meta_right: int = 0
    meta_total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    reports: int = 0

    def add(self, r: Result) -> None:
        self.reports += 1
        self.cells_right += r.cells_right
        self.cells_total += r.cells_total
        self.meta_right += r.meta_total - len(r.wrong_meta)
        self.meta_total += r.meta_total
        self.tp += len(r.true_rules)
        self.fp += len(r.false_rules)
        self.fn += len(r.missed_rules)

    @property
    def cell_accuracy(self) -> float | None:
        return ratio(self.cells_right, self.cells_total)

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)


def summarise(results: list[Result]) -> dict[str, Any]:
    overall = Summary()
    by_kind: dict[str, Summary] = defaultdict(Summary)
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for r in results:
        overall.add(r)
        by_kind[r.kind].add(r)
        for rule in r.true_rules:
            by_rule[rule][0] += 1
        for rule in r.false_rules:
            by_rule[rule][1] += 1
        for rule in r.missed_rules:
            by_rule[rule][2] += 1
    return {"overall": overall, "by_kind": dict(by_kind), "by_rule": dict(by_rule)}


def defects(results: list[Result]) -> list[dict[str, Any]]:
    """Every false finding, missed finding, wrong field and wrong cell, with its class."""
    out: list[dict[str, Any]] = []
    for r in results:
        for rule in sorted(r.false_rules):
            out.append({
                "report": r.name, "kind": r.kind, "type": "false finding", "what": rule,
                "class": classify(r.expected, "known_false", rule), "detail": "；".join(r.messages.get(rule, []))[:300],
            })  # fmt: skip
        for rule in sorted(r.missed_rules):
            out.append({
                "report": r.name, "kind": r.kind, "type": "missed finding", "what": rule,
                "class": classify(r.expected, "known_missed", rule), "detail": "",
            })  # fmt: skip
        for key, want, got in r.wrong_meta:
            out.append({
                "report": r.name, "kind": r.kind, "type": "wrong field", "what": key,
                "class": classify(r.expected, "known_wrong", key), "detail": f"expected {want!r}, got {got!r}",
            })  # fmt: skip
        for cell, want, got in r.wrong_cells:
            out.append({
                "report": r.name, "kind": r.kind, "type": "wrong cell", "what": cell,
                "class": classify(r.expected, "known_wrong", cell), "detail": f"expected {want!r}, got {got!r}",
            })  # fmt: skip
    return out


def stale_entries(results: list[Result]) -> list[str]:
    """`known_*` entries that no longer describe anything: the defect is fixed, so the entry should go."""
    out = []
    for r in results:
        for entry in r.expected.get("known_false", []):
            if entry["rule"] not in r.false_rules:
                out.append(f"{r.name}: known_false {entry['rule']} (class {entry['class']}) is no longer raised")
        for entry in r.expected.get("known_missed", []):
            if entry["rule"] not in r.missed_rules:
                out.append(f"{r.name}: known_missed {entry['rule']} (class {entry['class']}) is now raised")
        wrong = [name for name, _, _ in r.wrong_cells] + [key for key, _, _ in r.wrong_meta]
        for entry in r.expected.get("known_wrong", []):
            if not any(fnmatch.fnmatchcase(name, entry["what"]) for name in wrong):
                out.append(f"{r.name}: known_wrong {entry['what']} (class {entry['class']}) is now read right")
    return out


def print_report(results: list[Result], seconds: float, verbose: bool = False) -> bool:
    s = summarise(results)
    overall: Summary = s["overall"]
    provinces = {r.expected.get("province") for r in results if r.expected.get("province")}
    complete = sum(1 for r in results if not r.expected.get("truncated"))
    kinds = ", ".join(sorted(s["by_kind"]))
    print(
        f"corpus: {len(results)} documents ({complete} complete, {len(results) - complete} fragments), "
        f"{len(provinces)} provinces, input kinds: {kinds}; checked in {seconds:.1f} s"
    )
    print()
    print(f"{'':24}{'reports':>8}{'cells':>14}{'cell acc':>10}{'fields':>10}{'TP':>5}{'FP':>5}{'FN':>5}"
          f"{'precision':>11}{'recall':>9}")  # fmt: skip

    def line(label: str, x: Summary) -> None:
        cells = f"{x.cells_right:>7}/{x.cells_total:<6}{pct(x.cell_accuracy):>10}"
        fields = f"{x.meta_right:>5}/{x.meta_total:<4}"
        rules = f"{x.tp:>5}{x.fp:>5}{x.fn:>5}{pct(x.precision):>11}{pct(x.recall):>9}"
        print(f"{label:24}{x.reports:>8}{cells}{fields}{rules}")

    line("overall", overall)
    for kind, x in sorted(s["by_kind"].items()):
        line(f"  kind {kind}", x)
    print()
    print(f"{'rule':8}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>9}")
    for rule, (tp, fp, fn) in sorted(s["by_rule"].items()):
        print(f"{rule:8}{tp:>5}{fp:>5}{fn:>5}{pct(ratio(tp, tp + fp)):>11}{pct(ratio(tp, tp + fn)):>9}")
    found = defects(results)
    by_class: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in found:
        by_class[d["class"]].append(d)
    print()
    print(f"{len(found)} defects (false/missed findings, wrong fields, wrong cells), by issue-16 class:")
    for cls in sorted(by_class, key=lambda c: (not c.isdigit(), c.zfill(3))):
        items = by_class[cls]
        print(f"\n  class {cls}: {len(items)}")
        shown = items if verbose else _compress(items)
        for d in shown:
            detail = f" — {d['detail']}" if d["detail"] else ""
            print(f"    [{d['type']}] {d['report']}: {d['what']}{detail}")
    stale = stale_entries(results)
    if stale:
        print(f"\n{len(stale)} known defects are gone (delete them from the expected files):")
        for line_ in stale:
            print(f"    {line_}")
    ok = (overall.cell_accuracy or 0) >= TARGET_CELLS and (
        overall.precision is None or overall.precision >= TARGET_PRECISION
    )
    print()
    print(
        f"targets: cell accuracy ≥ {TARGET_CELLS:.0%} ({pct(overall.cell_accuracy).strip()}), "
        f"finding precision ≥ {TARGET_PRECISION:.0%} ({pct(overall.precision).strip()}): {'met' if ok else 'MISSED'}"
    )
    return ok


def _compress(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Wrong cells of one report and class on one line each (they come in runs); everything else as is."""
    out: list[dict[str, Any]] = []
    runs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for d in items:
        if d["type"] == "wrong cell":
            runs[(d["report"], d["class"])].append(d)
        else:
            out.append(d)
    for cells in runs.values():
        if len(cells) <= 3:
            out.extend(cells)
            continue
        names = ", ".join(c["what"] for c in cells[:3])
        out.append({**cells[0], "what": f"{len(cells)} cells ({names}, …)", "detail": cells[0]["detail"] + " …"})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write every defect and the summary to this JSON file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong cell separately")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run()
    seconds = time.perf_counter() - started
    ok = print_report(results, seconds, args.verbose)
    if args.json:
        s = summarise(results)
        data = {
            "overall": vars(s["overall"]),
            "by_kind": {k: vars(v) for k, v in s["by_kind"].items()},
            "by_rule": {k: dict(zip(("tp", "fp", "fn"), v, strict=True)) for k, v in s["by_rule"].items()},
            "defects": defects(results),
            "stale_known_entries": stale_entries(results),
        }
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
