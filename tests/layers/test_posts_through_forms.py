"""Every POST goes through a form: no view reads `request.POST` itself.

The one allowed use of `request.POST` in src/ is handing it to a form (`SomeForm(request.POST, ...)`, also as
`request.POST or None` or `data=request.POST`); the form's `cleaned_data` is what the view passes to a service, and
bad input is a Chinese error on the page. The middleware that refuses control characters in any submitted value
reads every field by design.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai"
FORM_CALLEES = ("Form", "form_class")  # a form class, or a view factory's form_class parameter
ALLOWED_FILES = {"site/middleware.py"}  # refuses control characters in every posted value, before any view
DIRECT = re.compile(r"request\.POST(\.get\(|\[|\.items\(|\.lists\(|\.getlist\()|in request\.POST\b")


def _is_post(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "POST" and getattr(node.value, "id", None) == "request"


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _reads(tree: ast.AST) -> list[int]:
    """Lines where `request.POST` is used other than as an argument of a form's constructor."""
    handed: set[int] = set()  # ids of request.POST nodes passed to a form
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call) and _callee(n).endswith(FORM_CALLEES)):
        for arg in [*call.args, *(k.value for k in call.keywords)]:
            candidates = [arg, *(arg.values if isinstance(arg, ast.BoolOp) else [])]
            handed.update(id(c) for c in candidates if _is_post(c))
    return [n.lineno for n in ast.walk(tree) if _is_post(n) and id(n) not in handed]


def _sources():
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if "migrations" not in relative and relative not in ALLOWED_FILES:
            yield relative, path.read_text(encoding="utf-8")


def test_no_view_reads_request_post_itself():
    direct = [
        f"{name}:{number}: {line.strip()}"
        for name, text in _sources()
        for number, line in enumerate(text.splitlines(), 1)
        if DIRECT.search(line) and not line.lstrip().startswith("#")
    ]
    assert direct == [], "read request.POST through a form:\n" + "\n".join(direct)


def test_request_post_is_only_handed_to_forms():
    found = [f"{name}:{line}" for name, text in _sources() for line in _reads(ast.parse(text))]
    assert found == [], "hand request.POST to a form instead:\n" + "\n".join(found)


def test_the_check_finds_a_direct_read():
    """The walk above can fail: a view reading a field itself is found, a form given the data is not."""
    view = "def v(request):\n    f = ThingForm(request.POST or None)\n    x = request.POST.get('x')\n"
    assert _reads(ast.parse(view)) == [3]
    assert DIRECT.search("    if 'read' in request.POST:")
