"""The narrative drafted from the records, in the register of real reports, for staff to edit.

Every sentence that states a number uses a phrasing `gongkai.report.narrative` reads (rule T1 compares it with the
tables): "共公开政务信息83次（条）。其中政策文件2条、…", "未收到政府信息公开申请", "共收到政府信息公开申请12件",
"办结…件", "予以公开…件", "结转下年度继续办理…件", "现行有效规范性文件…件". Sentences that only people can write are
left as bracketed prompts.
"""

from __future__ import annotations

from gongkai.report.format import SECTIONS
from gongkai.report.model import Report, split_section

PROMPT = "（请补充）"
_OUTCOME_GROUPS = (
    ("予以公开", ("granted",)),
    ("部分公开", ("partially_granted",)),
    ("不予公开", ("withheld_",)),
    ("无法提供", ("unavailable_",)),
    ("不予处理", ("not_processed_",)),
    ("其他处理", ("other_",)),
)


def heading(key: str) -> str:
    return next(s.heading for s in SECTIONS if s.key == key)


def with_official_heading(key: str, text: str) -> str:
    """A section's text under its official heading and numbering ("三、收到和处理政府信息公开申请情况"), whatever
    heading line it came with: a generated report never carries a previous report's or an import's numbering."""
    body = split_section(text or "")[1]
    return heading(key) + ("\n" + body if body.strip() else "")


def official_sections(sections: dict[str, str]) -> dict[str, str]:
    return {s.key: with_official_heading(s.key, sections.get(s.key) or "") for s in SECTIONS}


def _b(report: Report, row: str) -> int:
    return report.get(f"table_b.{row}.total") or 0


def outcome_groups(report: Report) -> list[tuple[str, int]]:
    """Table B's result rows summed into their six groups (予以公开 … 其他处理)."""
    rows = report.table_b
    out = []
    for label, prefixes in _OUTCOME_GROUPS:
        total = sum(
            (values.get("total") or 0)
            for row, values in rows.items()
            if row not in ("new_received", "carried_over", "total_processed", "carried_forward")
            and any(row == p or (p.endswith("_") and row.startswith(p)) for p in prefixes)
        )
        out.append((label, total))
    return out


def year_has_data(report: Report | None, facts) -> bool:
    """Whether a year has anything to compare with: a published report, or records (items, yearly figures, any
    number in the tables). A year the platform holds nothing for is not compared with ("与上年相比" needs a 上年)."""
    if report is None:
        return False
    if report.published_on is not None:
        return True
    if facts is not None and (facts.items_total or facts.figures_entered):
        return True
    return any(value for _, value in report.cells())


def _change(this: int, last: int | None, unit: str) -> str:
    if last is None:
        return ""
    if this == last:
        return "与往年相比数量无增减变化"
    word = "增加" if this > last else "减少"
    return f"与上年相比{word}{abs(this - last)}{unit}"


def preamble(agency, year: int) -> str:
    contact = "；".join(
        part
        for part in (
            f"地址：{agency.address}" if agency.address else "",
            f"邮编：{agency.postcode}" if agency.postcode else "",
            f"联系电话：{agency.phone}" if agency.phone else "",
            f"邮箱：{agency.email}" if agency.email else "",
        )
        if part
    )
    text = statistics_period(year)
    return text + f"如对报告内容有疑问，请与{agency.name}联系" + (f"（{contact}）。" if contact else "。")


def statistics_period(year: int) -> str:
    return f"本年度报告中所列数据的统计期限自{year}年1月1日起，至{year}年12月31日止。"


def draft_sections(report: Report, facts, previous: Report | None = None, previous_facts=None) -> dict[str, str]:
    """The six sections' text, each starting with its official heading."""
    year, name = report.year, report.agency
    if not year_has_data(previous, previous_facts):
        previous, previous_facts = None, None  # no comparison with a year that has no data
    items = facts.items_total
    lines1 = [heading("1"), f"{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，{PROMPT}"]
    if items:
        breakdown = "、".join(f"{category}{n}条" for _, category, n in facts.categories if n)
        change = _change(items, previous_facts.items_total if previous_facts else None, "条")
        lines1.append(
            f"（一）主动公开方面。{year}年1月1日至{year}年12月31日，{name}共公开政务信息{items}次（条）。"
            f"其中{breakdown}。" + (f"{change}。" if change else "")
        )
    else:
        lines1.append(f"（一）主动公开方面。{year}年，{name}未在本平台发布主动公开信息。")
    received, carried_over = _b(report, "new_received"), _b(report, "carried_over")
    last_received = _b(previous, "new_received") if previous is not None else None
    if received == 0 and carried_over == 0:
        change = _change(0, last_received, "件")
        lines1.append(
            f"（二）依申请公开方面。{year}年，我单位未收到政府信息公开申请" + (f"，{change}。" if change else "。")
        )
    else:
        outcomes = "、".join(f"{label}{n}件" for label, n in outcome_groups(report) if n)
        sentence = f"（二）依申请公开方面。{year}年，我单位共收到政府信息公开申请{received}件"
        if carried_over:
            sentence += f"，上年结转{carried_over}件"
        sentence += f"；办结{_b(report, 'total_processed')}件"
        if outcomes:
            sentence += f"，其中{outcomes}"
        sentence += f"；结转下年度继续办理{_b(report, 'carried_forward')}件。"
        change = _change(received, last_received, "件")
        lines1.append(sentence + (f"申请数量{change}。" if change else ""))
    in_force = report.get("table_a.normative_documents.in_force") or 0
    management = f"（三）政府信息管理方面。{year}年，{name}"
    if facts.catalog_level1:
        management += (
            f"公布政府信息主动公开基本目录一类指标{facts.catalog_level1}项、二类指标{facts.catalog_level2}项，"
        )
    management += f"现行有效规范性文件{in_force}件。" if in_force else f"{PROMPT}。"
    lines1.append(management)
    if facts.hotline_orders:
        lines1.append(f"回应社会关切方面，{year}年办理12345政务服务便民热线等渠道工单{facts.hotline_orders}件。")
    lines1.append(f"（四）平台建设方面。{PROMPT}")
    lines1.append(f"（五）监督保障情况。{PROMPT}")

    appeals = sum(report.get(f"table_c.{g}.total") or 0 for g in ("reconsideration",))
    lawsuits = sum(
        report.get(f"table_c.{g}.total") or 0 for g in ("litigation_direct", "litigation_after_reconsideration")
    )
    section4 = [heading("4")]
    if appeals == 0 and lawsuits == 0:
        section4.append(f"{year}年，{name}未发生因政府信息公开引起的行政复议、行政诉讼。")

    if facts.fee_count:
        fee = f"1.{year}年度，我单位对{facts.fee_count}件政府信息公开申请收取信息处理费共{facts.fee_yuan}元。"
    else:
        fee = f"1.{year}年度，我单位未收取信息处理费。"
    return {
        "1": "\n".join(lines1),
        "2": heading("2"),
        "3": heading("3"),
        "4": "\n".join(section4),
        "5": "\n".join([heading("5"), f"{year}年，{name}政府信息公开工作存在的主要问题和改进措施：{PROMPT}"]),
        "6": "\n".join(
            [
                heading("6"),
                fee,
                f"2.{year}年度，我单位共承办人大代表建议{facts.deputy_suggestions}条，"
                f"政协委员提案{facts.cppcc_proposals}件。",
            ]
        ),
    }
