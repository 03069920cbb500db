"""Small builders of report data for tests."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.format import FormatVersion
from gongkai.report.model import Report

AGENCY = "示例市示例区司法局"

# A report that keeps every rule: table B balances in every column, table C's groups add up, the narrative states
# the numbers the tables hold.
_CELLS = {
    "table_a.normative_documents.issued": 2,
    "table_a.normative_documents.repealed": 1,
    "table_a.normative_documents.in_force": 10,
    "table_a.licensing.decisions": 30,
    "table_a.punishment.decisions": 5,
    "table_a.fees.amount": Decimal("1.5"),
    "table_b.new_received.natural_person": 10,
    "table_b.new_received.commercial_enterprise": 2,
    "table_b.new_received.total": 12,
    "table_b.carried_over.natural_person": 1,
    "table_b.carried_over.total": 1,
    "table_b.granted.natural_person": 5,
    "table_b.granted.commercial_enterprise": 1,
    "table_b.granted.total": 6,
    "table_b.partially_granted.natural_person": 2,
    "table_b.partially_granted.total": 2,
    "table_b.withheld_third_party.natural_person": 1,
    "table_b.withheld_third_party.total": 1,
    "table_b.unavailable_not_held.natural_person": 2,
    "table_b.unavailable_not_held.commercial_enterprise": 1,
    "table_b.unavailable_not_held.total": 3,
    "table_b.total_processed.natural_person": 10,
    "table_b.total_processed.commercial_enterprise": 2,
    "table_b.total_processed.total": 12,
    "table_b.carried_forward.natural_person": 1,
    "table_b.carried_forward.total": 1,
    "table_c.reconsideration.upheld": 1,
    "table_c.reconsideration.total": 1,
    "table_c.litigation_direct.pending": 1,
    "table_c.litigation_direct.total": 1,
}


def sections(year: int) -> dict[str, str]:
    return {
        "1": (
            "一、总体情况\n"
            f"{year}年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，推进政务公开标准化规范化。\n"
            f"（一）主动公开方面。{year}年共公开政务信息40条。其中政策文件10条、工作动态25条、人事信息5条。\n"
            f"（二）依申请公开方面。{year}年共收到政府信息公开申请12件，办结12件，其中予以公开6件，部分公开2件。\n"
            "（三）政府信息管理方面。现行有效行政规范性文件10件，全部在门户网站公开。"
        ),
        "2": "二、主动公开政府信息情况",
        "3": "三、收到和处理政府信息公开申请情况",
        "4": "四、政府信息公开行政复议、行政诉讼情况",
        "5": (
            "五、存在的主要问题及改进情况\n"
            "一是政策解读形式较为单一，图解、视频解读数量偏少；二是部分栏目更新不够及时。"
            "下一步，我局将丰富解读形式，建立栏目更新台账，按月检查。"
        ),
        "6": f"六、其他需要报告的事项\n{year}年度，本局未收取信息处理费。",
    }


def make_report(year: int = 2023, version: FormatVersion = FormatVersion.V2021, **cells: object) -> Report:
    """A report that keeps every rule; keyword arguments override cells (`table_b__granted__total=7`)."""
    report = Report.blank(AGENCY, year, version)
    for ref, _ in list(report.cells()):
        report.set(ref.name, Decimal("0") if ref.kind == "amount" else 0)
    if version is FormatVersion.V2021:
        for name, value in _CELLS.items():
            report.set(name, value)
    report.sections = sections(year)
    report.preamble = f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    for key, value in cells.items():
        report.set(key.replace("__", "."), value)
    return report


def previous_of(report: Report) -> Report:
    """Last year's report for `report`, consistent with it across years (Y1, Y2) and worded differently (D2)."""
    previous = make_report(report.year - 1)
    previous.set("table_b.carried_forward.natural_person", report.get("table_b.carried_over.natural_person"))
    previous.set("table_b.carried_forward.total", report.get("table_b.carried_over.total"))
    previous.set("table_b.carried_over.natural_person", 0)
    previous.set("table_b.carried_over.total", 0)
    previous.set("table_b.new_received.natural_person", 11)
    previous.set("table_b.new_received.total", 13)
    previous.set(
        "table_a.normative_documents.in_force",
        report.get("table_a.normative_documents.in_force")
        - report.get("table_a.normative_documents.issued")
        + report.get("table_a.normative_documents.repealed"),
    )
    previous.sections["1"] = (
        "一、总体情况\n"
        f"{previous.year}年，我局围绕法治政府建设目标，把政务公开融入行政执法全过程，公开执法依据、程序和结果。\n"
        "（一）主动公开方面。全年发布执法公示、政策文件和工作动态，及时更新机构职能和办事指南。\n"
        f"（二）依申请公开方面。{previous.year}年共收到政府信息公开申请13件，均在法定期限内答复。\n"
        "（三）政府信息管理方面。对本部门规范性文件开展清理，结果向社会公布。"
    )
    previous.sections["5"] = (
        "五、存在的主要问题及改进情况\n"
        "去年依申请公开答复文书格式不统一，保密审查记录不完整。今年已制定答复模板，并对审查记录逐项补齐归档。"
    )
    return previous
