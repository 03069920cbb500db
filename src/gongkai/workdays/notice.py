"""Read the State Council's holiday notice (国务院办公厅关于某年部分节假日安排的通知) as pasted text: each numbered
item ("二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）
上班。") gives a run of days off and the weekend days declared working days. What is read is shown to a person for
confirmation before it is saved; nothing here guesses beyond the notice's own wording."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

ITEM = re.compile(r"^\s*[一二三四五六七八九十]+、\s*([^：:]{1,20})[：:](.*)$")
DAY = r"(?:(\d{1,2})月)?(\d{1,2})日(?:（[^）]*）|\([^)]*\))?"
RUN = re.compile(rf"{DAY}(?:\s*(?:至|—|-|～|~)\s*{DAY})?")


@dataclass
class NoticeDays:
    holidays: dict[date, str] = field(default_factory=dict)
    makeup_workdays: dict[date, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_notice(text: str, year: int) -> NoticeDays:
    """The days off and make-up workdays a notice sets for `year`, with the festival each belongs to."""
    found = NoticeDays()
    items = 0
    for line in text.replace("\r", "").split("\n"):
        match = ITEM.match(line)
        if not match:
            continue
        name, rest = match.group(1).strip(), match.group(2)
        items += 1
        for sentence in re.split(r"[。；;]", rest):
            if "放假" in sentence:
                first = RUN.search(sentence)
                if first is None:
                    found.problems.append(f"“{name}”一项没有读到放假日期")
                    continue
                try:
                    days = _run(first, year)
                except ValueError:
                    found.problems.append(f"“{name}”一项的放假日期无法识别：{first.group(0)}")
                    continue
                for day in days:
                    found.holidays[day] = name
            elif "上班" in sentence:
                for run in RUN.finditer(sentence):
                    try:
                        for day in _run(run, year):
                            found.makeup_workdays[day] = name
                    except ValueError:
                        found.problems.append(f"“{name}”一项的上班日期无法识别：{run.group(0)}")
    if not items:
        found.problems.append("没有读到“一、元旦：……”这样的条目，请粘贴通知正文，或手工填写日期")
    return found


def _run(match: re.Match, year: int) -> list[date]:
    month1, day1, month2, day2 = match.groups()
    if month1 is None:
        raise ValueError("no month")
    first = date(year, int(month1), int(day1))
    if day2 is None:
        return [first]
    last = date(year, int(month2 or month1), int(day2))
    if last < first or (last - first).days > 15:
        raise ValueError("not a holiday run")
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def parse_day_lines(text: str, year: int) -> tuple[dict[date, str], list[str]]:
    """Days entered by hand, one a line: "2027-01-01 元旦" (the name optional); also "1月1日 元旦"."""
    days: dict[date, str] = {}
    problems = []
    for raw in text.replace("\r", "").split("\n"):
        line = raw.strip()
        if not line:
            continue
        match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})\s*(.*)$", line) or re.match(
            r"^()(\d{1,2})月(\d{1,2})日\s*(.*)$", line
        )
        try:
            if not match:
                raise ValueError(line)
            line_year = int(match.group(1)) if match.group(1) else year
            days[date(line_year, int(match.group(2)), int(match.group(3)))] = match.group(4).strip()
        except ValueError:
            problems.append(f"无法识别的日期：{line}（请写成 {year}-01-01 元旦）")
    return days, problems


def day_lines(days: dict[date, str]) -> str:
    return "\n".join(f"{day.isoformat()} {name}".strip() for day, name in sorted(days.items()))
