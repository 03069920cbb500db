"""`gongkai report validate|render|schema` and `gongkai demo`, as a user runs them."""

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from factories import make_report, previous_of
from gongkai.cli import main
from gongkai.report import model


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "2023.json"
    make_report().save(path)
    return path


def test_validate_exits_0_and_says_so_for_a_good_report(report_file, capsys):
    assert main(["report", "validate", str(report_file)]) == 0
    out = capsys.readouterr().out
    assert "示例市示例区司法局 2023年度报告" in out
    assert "未发现问题" in out


def test_validate_exits_1_on_an_error_and_lists_it(tmp_path, capsys):
    path = tmp_path / "r.json"
    make_report(table_b__granted__total=7).save(path)
    assert main(["report", "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "错误 B3" in out
    assert "table_b.granted.total" in out


def test_validate_exits_0_with_warnings_only(seed_report_path, capsys):
    assert main(["report", "validate", str(seed_report_path)]) == 0
    assert "0 个错误，1 个警告" in capsys.readouterr().out


def test_validate_prints_findings_as_json(tmp_path, capsys):
    path = tmp_path / "r.json"
    make_report(table_c__reconsideration__total=2).save(path)
    assert main(["report", "validate", str(path), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert (out["errors"], out["warnings"]) == (1, 0)
    (finding,) = out["findings"]
    assert set(finding) == {"rule", "severity", "message", "cells", "evidence"}
    assert finding["rule"] == "C1"
    assert finding["evidence"] == {"total": 2, "sum": 1}
    assert finding["severity"] == "error"


def test_validate_uses_last_years_report(tmp_path, capsys):
    report = make_report()
    previous = previous_of(report)
    previous.set("table_b.carried_forward.natural_person", 4)
    report.save(tmp_path / "2023.json")
    previous.save(tmp_path / "2022.json")
    code = main(["report", "validate", str(tmp_path / "2023.json"), "--previous", str(tmp_path / "2022.json")])
    assert code == 1
    assert "错误 Y1" in capsys.readouterr().out


def test_validate_refuses_a_previous_report_of_the_wrong_year(report_file, tmp_path, capsys):
    make_report(2020).save(tmp_path / "2020.json")
    assert main(["report", "validate", str(report_file), "--previous", str(tmp_path / "2020.json")]) == 2
    assert "应为 2022 年度的报告" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "不是有效的 JSON"),
        ('{"agency": "x"}', "缺少"),
        ("", "不是有效的 JSON"),
    ],
)
def test_validate_exits_2_with_a_message_naming_the_file(tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["report", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert message in err
    assert "Traceback" not in err


def test_validate_names_a_negative_cell(report_file, capsys):
    data = json.loads(report_file.read_text(encoding="utf-8"))
    data["table_c"]["reconsideration"]["upheld"] = -1
    report_file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", "validate", str(report_file)]) == 2
    assert "table_c.reconsideration.upheld 为负数" in capsys.readouterr().err


@pytest.mark.parametrize("to", ["docx", "html", "xlsx", "json"])
def test_render_writes_each_format(report_file, tmp_path, to, capsys):
    out = tmp_path / "sub" / f"report.{to}"
    assert main(["report", "render", str(report_file), "--to", to, "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert f"已生成 {out}" in capsys.readouterr().out
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left behind


def test_render_infers_the_format_from_the_file_name(report_file, tmp_path):
    out = tmp_path / "report.docx"
    assert main(["report", "render", str(report_file), "-o", str(out)]) == 0
    assert docx.Document(str(out)).tables


def test_render_refuses_an_unknown_format(report_file, tmp_path, capsys):
    assert main(["report", "render", str(report_file), "-o", str(tmp_path / "report.pdf")]) == 2
    assert "--to" in capsys.readouterr().err


def test_render_never_leaves_a_half_file(report_file, tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    out.write_bytes(b"the previous version")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(model.os, "replace", disk_full)
        assert main(["report", "render", str(report_file), "-o", str(out)]) == 2
    assert out.read_bytes() == b"the previous version"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_schema_prints_a_json_schema(capsys):
    assert main(["report", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "table_b" in schema["required"]


def test_demo_renders_the_seed_report_into_out(tmp_path, capsys):
    assert main(["demo", "--render-only", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for suffix in ("docx", "html", "xlsx", "json"):
        path = tmp_path / f"2022-annual-report.{suffix}"
        assert path.stat().st_size > 0
        assert str(path) in out
    assert "淄博市张店区机关事务服务中心" in out


def test_the_console_command_is_installed(report_file):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gongkai"), "report", "validate", str(report_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "未发现问题" in result.stdout
