"""The publication gate: what must hold before an annual report may be frozen and shown on the portal.

`report_publish` asks it whoever publishes (the staff page, the API, the `report_publish` command), so nothing
unfinished goes out whichever door it takes. Each blocker says, in Chinese, what to fix and where.

- not before 1 January of the year after the report's year (the text says the period ends on 31 December);
- no placeholder left ("（请补充）", the template's "（文字描述）", "XXX" …);
- no empty required field: the title, the contact block in the preamble, each section's text (sections 二 to 四
  are their tables and need no words);
- no finding of severity error;
- every warning acknowledged with a reason (T1's included: a narrative number that differs from the tables goes out
  only with the drafter's reason why). The reasons are kept with the version.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from gongkai.report.format import SECTIONS
from gongkai.report.model import Report
from gongkai.report.rules import Finding, Severity
from gongkai.reporting.drafting import PROMPT

# Words that mark text nobody has written yet.
_PLACEHOLDER = re.compile(
    "|".join(
        [re.escape(PROMPT), "请补充", "待补充", "待填写", "请填写", r"[Xx×＊*]{3,}", r"[（(]\s*[）)]"]
        + [re.escape(s.placeholder) for s in SECTIONS if s.placeholder]
    )
)
# A contact block names at least one way to reach the agency.
_CONTACT = re.compile(r"(地址|电话|邮箱|邮编|传真|\d{3,4}-\d{7,8}|@)")
MIN_REASON = 4  # characters: "同意" is not a reason


@dataclass(frozen=True)
class Blocker:
    code: str  # too_early, placeholder, empty_title, no_contact, empty_section, error, unacknowledged
    message: str  # what to fix, in Chinese
    anchor: str = ""  # where on the draft page to fix it ("preamble", "5", "findings")


def warning_key(finding: Finding) -> str:
    """A stable name for a warning, to acknowledge it by: its rule and a digest of its message."""
    return f"{finding.rule}-{hashlib.sha256(finding.message.encode('utf-8')).hexdigest()[:10]}"


def earliest_publication(year: int) -> date:
    return date(year + 1, 1, 1)


def _text_parts(report: Report) -> list[tuple[str, str, str]]:
    """(anchor, name, text) of every part people write."""
    parts = [("title", "标题", report.title), ("preamble", "引言", report.preamble)]
    parts += [(s.key, f"第{s.numeral}部分", report.section_body(s.key)) for s in SECTIONS]
    return parts


def publication_blockers(
    *, report: Report, findings: list[Finding], on: date, acknowledgements: dict[str, str] | None = None
) -> list[Blocker]:
    """Everything that stops `report` from being published on `on`; an empty list means it may go out."""
    acknowledgements = acknowledgements or {}
    blockers = []
    first = earliest_publication(report.year)
    if on < first:
        blockers.append(
            Blocker(
                "too_early",
                f"{report.year}年度报告的统计期限至{report.year}年12月31日，"
                f"最早于{first.year}年1月1日公布（今天是{on.year}年{on.month}月{on.day}日）。",
            )
        )
    if not report.title.strip():
        blockers.append(Blocker("empty_title", f"请填写标题，例如“{report.full_title}”。", "id_title"))
    if not _CONTACT.search(report.preamble):
        blockers.append(Blocker("no_contact", "引言中缺少联系方式：请写明统计期限和联系地址、电话或邮箱。", "preamble"))
    tables = {table.section for table in report.format.tables}
    for section in SECTIONS:
        if section.key not in tables and not report.section_body(section.key).strip():
            blockers.append(
                Blocker("empty_section", f"第{section.numeral}部分“{section.title}”还没有正文，请填写。", section.key)
            )
    for anchor, name, text in _text_parts(report):
        for match in _PLACEHOLDER.finditer(text or ""):
            start = max(0, match.start() - 12)
            context = text[start : match.end()].replace("\n", " ")
            blockers.append(Blocker("placeholder", f"{name}还有待补充的内容“…{context}”，请写完后再公布。", anchor))
    for finding in findings:
        if finding.severity is Severity.ERROR:
            blockers.append(Blocker("error", f"请先更正错误 {finding.rule}：{finding.message}", "findings"))
        elif len((acknowledgements.get(warning_key(finding)) or "").strip()) < MIN_REASON:
            blockers.append(
                Blocker(
                    "unacknowledged",
                    f"警告 {finding.rule}：{finding.message} "
                    f"请更正，或在公布前写明保留的理由（至少{MIN_REASON}个字）。",
                    "findings",
                )
            )
    return blockers


def acknowledged_warnings(findings: list[Finding], acknowledgements: dict[str, str]) -> list[dict]:
    """The warnings that go out with the version, each with the reason given for keeping it."""
    return [
        {
            "key": warning_key(f),
            "rule": f.rule,
            "message": f.message,
            "reason": acknowledgements[warning_key(f)].strip(),
        }
        for f in findings
        if f.severity is Severity.WARNING
    ]
