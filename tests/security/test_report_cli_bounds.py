"""`gongkai report validate` and `render` on hostile JSON (issue 15, items 2 and 9): deep nesting, a 5,000-digit
integer, Infinity or 1e400 as a fee, control characters: exit 2 with a Chinese message, never a traceback; and a
report holding control characters still renders to DOCX and XLSX (the renderers strip what XML cannot hold)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import openpyxl
import pytest

from gongkai.cli import main
from gongkai.demo import seed_report_path
from gongkai.report.model import load_report
from gongkai.report.render.docx import render_docx
from gongkai.report.render.xlsx import render_xlsx


def _seed_text() -> str:
    return seed_report_path().read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8")
    return path


def _hostile(kind: str) -> str:
    seed = _seed_text()
    assert '"amount": 0' in seed
    if kind == "nested":
        return "[" * 50_000 + "]" * 50_000
    if kind == "digits":
        return seed.replace('"amount": 0', '"amount": ' + "7" * 5000, 1)
    if kind == "infinity":
        return seed.replace('"amount": 0', '"amount": Infinity', 1)
    if kind == "huge":
        return seed.replace('"amount": 0', '"amount": 1e400', 1)
    if kind == "control":
        data = json.loads(seed)
        data["preamble"] = "本报告\x01由\x0b本机关编制。"
        return json.dumps(data, ensure_ascii=False)
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["nested", "digits", "infinity", "huge", "control"])
@pytest.mark.parametrize("command", ["validate", "render"])
def test_it_refuses_hostile_report_json_with_exit_2_and_a_chinese_message(tmp_path, capsys, kind, command):
    path = _write(tmp_path, _hostile(kind))
    args = ["report", "validate", str(path)]
    if command == "render":
        args = ["report", "render", str(path), "--to", "xlsx", "-o", str(tmp_path / "out.xlsx")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "无法读取报告" in err and "Traceback" not in err
    assert any(word in err for word in ("嵌套过深", "超出范围", "不是有效的数字", "控制字符")), err
    assert not (tmp_path / "out.xlsx").exists()


def test_renderers_strip_characters_xml_cannot_hold(tmp_path):
    report = load_report(seed_report_path())
    report.preamble = "本报告\x01由\x0b本机关\x08编制。"
    first = next(iter(report.sections))
    report.sections[first] += "\n附\x1f注"
    document = docx.Document(io.BytesIO(render_docx(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本报告由本机关编制。" in text and "附注" in text
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    assert book.sheetnames[0] == "报告信息"
