"""Who is applying: the identity numbers are checked (身份证号 and 统一社会信用代码 check characters), and the credit
code's registration-authority and category codes (GB 32100-2015) suggest the applicant column of table B.

The suggestion is a check, not a rule: a law firm registered as an enterprise is still a 法律服务机构. An applicant
type the code contradicts is accepted only with a stated reason, kept on the application.
"""

from __future__ import annotations

from gongkai.agencies.validators import credit_code_problem
from gongkai.publishing.pii import id_number_is_valid

# (registration authority, category) -> what it registers, and the table B columns that fit it.
_REGISTERED: dict[str, tuple[str, tuple[str, ...]]] = {
    "91": ("企业", ("commercial_enterprise",)),
    "92": ("个体工商户", ("commercial_enterprise",)),
    "93": ("农民专业合作社", ("commercial_enterprise", "other_org")),
    "31": ("律师执业机构", ("legal_service_org",)),
    "32": ("公证处", ("legal_service_org",)),
    "33": ("基层法律服务所", ("legal_service_org",)),
    "34": ("司法鉴定机构", ("legal_service_org",)),
    "35": ("仲裁委员会", ("legal_service_org",)),
    "11": ("机关", ("other_org",)),
    "12": ("事业单位", ("research_institution", "social_welfare_org", "other_org")),
    "13": ("群众团体", ("social_welfare_org", "other_org")),
    "51": ("社会团体", ("social_welfare_org", "research_institution", "legal_service_org", "other_org")),
    "52": ("社会服务机构（民办非企业单位）", ("social_welfare_org", "research_institution", "other_org")),
    "53": ("基金会", ("social_welfare_org", "other_org")),
}


def registered_as(credit_code: str) -> tuple[str, tuple[str, ...]] | None:
    """What the code's first two characters say the organisation is, and the columns that fit; None if unknown."""
    return _REGISTERED.get(credit_code[:2].upper())


def applicant_problems(
    *, applicant_type: str, id_type: str, id_number: str, credit_code: str, type_reason: str
) -> dict[str, str]:
    """Field -> the Chinese reason it cannot be accepted (empty when all is well)."""
    from gongkai.applications.outcomes import column_label

    problems: dict[str, str] = {}
    if applicant_type == "natural_person":
        if id_type == "resident_id" and id_number and not id_number_is_valid(id_number):
            problems["id_number"] = "居民身份证号码不正确（出生日期或校验位不符），请核对"
        return problems
    if not credit_code or not applicant_type:  # no type chosen: the form says so beside the type
        return problems
    problem = credit_code_problem(credit_code.upper())
    if problem:
        problems["credit_code"] = problem
        return problems
    registered = registered_as(credit_code)
    if registered and applicant_type not in registered[1] and not type_reason.strip():
        fits = "、".join(column_label(column) for column in registered[1])
        problems["applicant_type_reason"] = (
            f"统一社会信用代码显示该组织登记为{registered[0]}，通常计入“{fits}”；"
            f"选择“{column_label(applicant_type)}”请说明理由"
        )
    return problems
