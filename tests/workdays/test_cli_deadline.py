"""`gongkai deadline` on the command line."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.cli import main


def run(capsys, *argv):
    code = main(["deadline", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_the_due_date_and_the_explanation(capsys):
    code, out, err = run(capsys, "--received", "2026-09-24", "--today", "2026-10-20")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "法定答复期限：2026年10月29日（星期四）"
    assert lines[1] == "剩余工作日：7"
    assert "  4. 收到申请当日不计入，自次日起计算；法定答复期限：2026年10月29日（第33条，20个工作日）" in lines


def test_it_prints_json_for_scripts(capsys):
    code, out, _ = run(capsys, "--received", "2026-02-09", "--channel", "online", "--today", "2026-03-16", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["due_date"] == "2026-03-13"
    assert data["working_days_left"] == -1
    assert data["overdue"] is True
    assert data["paused"] is False
    assert data["steps"][0] == "2026年2月9日 收到申请（网上申请，以双方确认之日为收到申请之日，第31条第（三）项）"


def test_it_applies_pauses_a_correction_and_an_extension(capsys):
    code, out, _ = run(
        capsys,
        "--received", "2026-09-01",
        "--correction-received", "2026-09-08",
        "--pause", "2026-09-10:2026-09-30",
        "--pause", "2026-10-22:2026-10-26",
        "--extend", "10",
        "--today", "2026-11-05",
        "--json",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0
    assert data["due_date"] == "2026-11-17"
    assert data["working_days_left"] == 8
    assert data["excluded_workdays"] == 16


def test_it_uses_today_in_beijing_when_not_told(capsys):
    # 2026-10-19 17:00 UTC is already 10-20 in Beijing.
    with time_machine.travel(datetime(2026, 10, 19, 17, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        code, out, _ = run(capsys, "--received", "2026-09-24", "--json")
    assert code == 0
    assert json.loads(out)["working_days_left"] == 7


def test_it_leaves_out_the_days_left_for_a_receipt_still_to_come(capsys):
    with time_machine.travel(datetime(2026, 9, 1, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        code, out, _ = run(capsys, "--received", "2026-09-24", "--json")
    data = json.loads(out)
    assert (code, data["due_date"], data["working_days_left"]) == (0, "2026-10-29", None)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--received", "2026-09-31"], "日期格式不正确：“2026-09-31”"),
        (["--received", "2026-12-20"], "日历中没有2027年的节假日安排，请管理员先录入该年度的放假调休安排"),
        (["--received", "2026-09-24", "--extend", "21"], "延长的期限最长不得超过20个工作日"),
        (["--received", "2026-09-24", "--extend", "ten"], "--extend 应为整数个工作日"),
        (["--received", "2026-09-24", "--pause", "2026-10-20:2026-10-12"], "暂停的结束日期2026年10月12日早于开始日期"),
        (["--received", "2026-09-24", "--pause", "2026-10-20"], "--pause 应为 START:END"),
        (["--received", "2026-09-24", "--today", "2026-09-01"], "今天（2026年9月1日）早于收到申请之日"),
    ],
)
def test_it_exits_2_with_one_line_for_bad_input(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("gongkai deadline: ")
    assert message in err
    assert err.count("\n") == 1


def test_it_requires_the_receipt_date(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["deadline"])
    assert caught.value.code == 2
    assert "--received" in capsys.readouterr().err
