"""`gongkai fee` on the command line."""

import json

import pytest

from gongkai.cli import main


def run(capsys, *argv):
    code = main(["fee", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_the_amount_and_the_breakdown(capsys):
    code, out, err = run(capsys, "--count", "35")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "信息处理费：3000元",
        "按件计收：同一申请人一个自然月内35件，信息处理费3000元（109号，超额累进）",
        "  第1—10件：免费",
        "  第11—30件：20件 × 100元 = 2000元",
        "  第31—35件：5件 × 200元 = 1000元",
    ]


def test_it_prints_json_for_scripts(capsys):
    code, out, _ = run(capsys, "--pages", "150", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["amount_yuan"] == 1700
    assert [band["amount_yuan"] for band in data["breakdown"]] == [0, 700, 1000]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--count", "35", "--pages", "150"], "同一申请只能选择按件或按量一种方式计收"),
        ([], "请指定按件计收的申请件数或按量计收的页数"),
        (["--pages", "many"], "--pages 应为整数，收到“many”"),
        (["--count", "-3"], "申请件数不能为负数：-3"),
    ],
)
def test_it_exits_2_with_one_line_for_bad_input(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("gongkai fee: ")
    assert message in err
    assert err.count("\n") == 1
