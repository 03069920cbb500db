"""The apps under src/gongkai import each other without a cycle, and no app imports another app's views.

Every `import` and `from ... import` in every module counts, those inside functions too (an import moved into a
function to dodge a cycle still ties the two apps together); only imports under `if TYPE_CHECKING:` are left out.
A package counts as an app when it has an apps.py (a Django app) — the rest (report, workdays, check, common, ...)
are libraries that the apps may use.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai"
APPS = sorted(p.parent.name for p in SRC.glob("*/apps.py"))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST):
    """Every module name imported in `tree` (absolute names), outside `if TYPE_CHECKING:` blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            for alias in node.names:
                yield f"{node.module}.{alias.name}"
        stack.extend(ast.iter_child_nodes(node))


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "gongkai" and parts[1] in APPS:
        return parts[1]
    return None


def app_graph() -> dict[str, dict[str, list[str]]]:
    """app -> {imported app: [file that imports it, ...]}."""
    graph: dict[str, dict[str, list[str]]] = {app: {} for app in APPS}
    for app in APPS:
        for path in sorted((SRC / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # Django writes these; a migration's dependency is not a code dependency
            for module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
                other = app_of(module)
                if other and other != app:
                    graph[app].setdefault(other, []).append(str(path.relative_to(SRC)))
    return graph


def find_cycle(graph: dict[str, dict[str, list[str]]]) -> list[str] | None:
    """One cycle as a list of apps [a, b, ..., a], or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_walker_finds_a_cycle_when_there_is_one():
    graph = {"a": {"b": ["a/x.py"]}, "b": {"c": ["b/y.py"]}, "c": {"a": ["c/z.py"]}, "d": {}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": []}, "b": {}}) is None


def test_the_walker_sees_imports_inside_functions_but_not_type_checking_blocks():
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from gongkai.reporting.models import X\n"
        "def f():\n    from gongkai.publishing.models import Item\n"
    )
    found = {app_of(m) for m in _imports(tree)} - {None}
    assert found == {"publishing"}


def test_it_finds_the_apps():
    assert {"agencies", "publishing", "applications", "portal", "reporting", "workspace"} <= set(APPS)


def test_no_import_cycle_between_apps():
    graph = app_graph()
    cycle = find_cycle(graph)
    if cycle:
        steps = [f"{a} → {b} ({', '.join(sorted(set(graph[a][b])))})" for a, b in itertools.pairwise(cycle)]
        raise AssertionError("import cycle between apps:\n" + "\n".join(steps))


def test_no_app_imports_another_apps_views():
    offenders = []
    for app in APPS:
        for path in sorted((SRC / app).rglob("*.py")):
            for module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
                other = app_of(module)
                parts = module.split(".")
                if other and other != app and len(parts) >= 3 and parts[2].startswith("views"):
                    offenders.append(f"{path.relative_to(SRC)} imports {module}")
    assert not offenders, "\n".join(offenders)
