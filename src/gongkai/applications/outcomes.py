"""What an application can end in: exactly one result row of table B, with the article a letter cites.

The official labels come from `gongkai.report.format`, the one place they are written (STYLE.md rule 6). The article
mapping is REGULATIONS.md's "table-row <-> article mapping", an inference kept here so a letter can cite it; an
agency edits the wording of its letters, not this table.
"""

from __future__ import annotations

from django.db import models

from gongkai.report.format import (
    APPLICANT_COLUMN_KEYS,
    C_GROUPS,
    C_RESULTS,
    RESULT_ROW_KEYS_2021,
    TABLE_B_2021,
    TABLE_B_COLUMNS,
)

_ROWS = {row.key: row for row in TABLE_B_2021.blocks[0].rows}
_COLUMNS = {column.key: column for column in TABLE_B_COLUMNS}


def row_label(key: str) -> str:
    """The official label of a table-B row, with its group for the sub-items (e.g. （三）不予公开 4.保护第三方…)."""
    path = _ROWS[key].path
    return "".join(path[1:]) if len(path) > 1 else path[0]


def column_label(key: str) -> str:
    return _COLUMNS[key].label


ApplicantType = models.TextChoices(
    "ApplicantType", [(key.upper(), (key, column_label(key))) for key in APPLICANT_COLUMN_KEYS]
)
ApplicantType.__doc__ = "The six applicant columns of table B (自然人; 法人或其他组织: 商业企业 … 其他)."

Outcome = models.TextChoices("Outcome", [(key.upper(), (key, row_label(key))) for key in RESULT_ROW_KEYS_2021])
Outcome.__doc__ = "The decision: one result row of table B (三、本年度办理结果 （一） to （六）3)."

AppealKind = models.TextChoices(
    "AppealKind",
    [(key.upper(), (key, path[0] if len(path) == 1 else f"{path[0]}（{path[1]}）")) for key, path in C_GROUPS],
)
AppealKind.__doc__ = "The three groups of table C: 行政复议, 行政诉讼（未经复议直接起诉）, 行政诉讼（复议后起诉）."

AppealResult = models.TextChoices(
    "AppealResult", [(key.upper(), (key, label)) for key, label in C_RESULTS if key != "total"]
)
AppealResult.__doc__ = "An appeal's result, a column of table C: 结果维持, 结果纠正, 其他结果, or 尚未审结 while open."

# Outcomes that a decision letter gives (a lapse is not decided by staff: the clock and the applicant decide it).
LAPSE_OUTCOMES = {"other_no_correction": "correction", "other_unpaid_fee": "fee"}
DECIDABLE = [(value, label) for value, label in Outcome.choices if value not in LAPSE_OUTCOMES]

ARTICLES: dict[str, str] = {
    "granted": "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    "partially_granted": "《中华人民共和国政府信息公开条例》第三十七条",
    "withheld_state_secret": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "withheld_prohibited_by_law": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "withheld_three_safeties": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "withheld_third_party": "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
    "withheld_internal_affairs": "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    "withheld_process_info": "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    "withheld_enforcement_file": "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    "withheld_admin_query": "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    "unavailable_not_held": "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
    "unavailable_needs_creation": "《中华人民共和国政府信息公开条例》第三十八条",
    "unavailable_unclear": "《中华人民共和国政府信息公开条例》第三十条",
    "not_processed_petition": "《中华人民共和国政府信息公开条例》第三十九条第一款",
    "not_processed_repeated": "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    "not_processed_publication": "《中华人民共和国政府信息公开条例》第三十九条第二款",
    "not_processed_excessive": "《中华人民共和国政府信息公开条例》第三十五条",
    # No single article: the letter states the agency's own reasoning (REGULATIONS.md).
    "not_processed_confirmation": "《中华人民共和国政府信息公开条例》相关规定",
    "other_no_correction": "《中华人民共和国政府信息公开条例》第三十条",
    "other_unpaid_fee": "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    "other_other": "《中华人民共和国政府信息公开条例》相关规定",
}

# Every outcome except full disclosure refuses or limits something: its letter must state the remedies (第51条).
NEEDS_REMEDIES = {value for value in Outcome.values if value != "granted"}


def letter_group(outcome: str) -> str:
    """The reply-letter template an outcome uses: granted, partially_granted, withheld, unavailable, not_processed,
    other."""
    if outcome in ("granted", "partially_granted"):
        return outcome
    return outcome.split("_", 1)[0] if not outcome.startswith("not_processed") else "not_processed"
