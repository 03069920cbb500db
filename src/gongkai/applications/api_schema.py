"""The JSON bodies the application API accepts and returns, written once as JSON Schema.

`validate_body` checks a request against these definitions (400 with each field's reason in Chinese), and
`openapi.openapi_document` publishes the very same dicts, so the document cannot drift from what is enforced.
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft7Validator

from gongkai.applications.models import Channel, Delivery, Form, IdType
from gongkai.applications.outcomes import DECIDABLE, ApplicantType, Outcome
from gongkai.applications.workflow import Status
from gongkai.workdays import ConsultedParty, periods

DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date", "description": "YYYY-MM-DD"}
TEXT = {"type": "string", "maxLength": 10000}
SHORT = {"type": "string", "maxLength": 300}
ON = {**DATE, "description": "办理日期（YYYY-MM-DD），默认今天；不能晚于今天"}

APPLICANT_PROPERTIES: dict[str, Any] = {
    "applicant_type": {"type": "string", "enum": ApplicantType.values},
    "applicant_type_reason": SHORT,
    "applicant_name": {"type": "string", "minLength": 1, "maxLength": 200},
    "id_type": {"type": "string", "enum": ["", *IdType.values]},
    "id_number": {"type": "string", "maxLength": 40},
    "credit_code": {"type": "string", "maxLength": 18},
    "contact_person": {"type": "string", "maxLength": 100},
    "phone": {"type": "string", "minLength": 1, "maxLength": 30},
    "email": {"type": "string", "maxLength": 254},
    "address": SHORT,
    "postcode": {"type": "string", "maxLength": 6},
    "description": {"type": "string", "minLength": 1, "maxLength": 10000},
    "purpose": TEXT,
    "form": {"type": "string", "enum": Form.values},
    "delivery": {"type": "string", "enum": Delivery.values},
}
APPLICANT_REQUIRED = ["applicant_type", "applicant_name", "phone", "description", "form", "delivery"]


def _object(properties: dict, required: list[str] | None = None, description: str = "") -> dict:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    if description:
        schema["description"] = description
    return schema


NEW_APPLICATION = _object(
    {
        **APPLICANT_PROPERTIES,
        "identity_document": {
            "type": "string",
            "format": "byte",
            "description": "身份证明（第29条），PDF/PNG/JPEG 的 base64",
        },
        "challenge_token": {"type": "string", "maxLength": 2000, "description": "GET /api/v1/challenge 返回的 token"},
        "challenge": {
            "type": "string",
            "maxLength": 20,
            "description": "申请人对验证问题的回答；以本机关工作人员的接口令牌提交时不需要",
        },
    },
    [*APPLICANT_REQUIRED, "identity_document"],
    "网上申请：以双方确认之日为收到申请之日（第31条第（三）项）",
)

STAFF_NEW_APPLICATION = _object(
    {
        **APPLICANT_PROPERTIES,
        "channel": {"type": "string", "enum": Channel.values},
        "received_on": {**DATE, "description": "第31条确定的收到申请日期"},
    },
    [*APPLICANT_REQUIRED, "channel", "received_on"],
    "工作人员登记信函、传真、当面提交的申请，收到日期按第31条确定",
)

STEP_SCHEMAS: dict[str, dict] = {
    "request_correction": _object(
        {"on": ON, "reply_by": DATE, "what": {"type": "string", "minLength": 1, "maxLength": 10000}},
        ["reply_by", "what"],
        f"一次性告知补正（第30条，收到申请之日起{periods.CORRECTION_NOTICE.workdays}个工作日内）",
    ),
    "record_correction": _object({"on": ON}, description="收到补正后的申请，答复期限重新计算（第30条）"),
    "lapse_correction": _object({"on": ON}, description="逾期未补正，视为放弃申请（第30条，（六）1）"),
    "record_notice_receipt": _object(
        {"notice": {"type": "string", "minLength": 1, "maxLength": 20}, "received_on": DATE},
        ["notice", "received_on"],
        "对方收到通知的日期（邮寄送达的回执）：fee、correction 或征求意见的编号（c1、c2…）",
    ),
    "start_consultation": _object(
        {
            "on": ON,
            "party": {"type": "string", "enum": [ConsultedParty.THIRD_PARTY.value, ConsultedParty.OTHER_AGENCY.value]},
            "consulted": {"type": "string", "minLength": 1, "maxLength": 200},
            "delivered_on": {**DATE, "description": "对方收到征求意见函的日期，不填为发出当日"},
        },
        ["party", "consulted"],
        "征求第三方（第32条）或其他机关（第34条）意见，暂停计算答复期限，"
        f"最长至对方收到之日起{periods.THIRD_PARTY_ANSWER.workdays}个工作日",
    ),
    "record_consultation_answer": _object(
        {"on": ON, "opinion": TEXT, "ref": {"type": "string", "maxLength": 20}},
        description="收到意见，恢复计算答复期限",
    ),
    "extend": _object(
        {
            "on": ON,
            "workdays": {"type": "integer", "minimum": 1, "maximum": periods.EXTENSION_MAX.workdays},
            "approved_by": {"type": "string", "minLength": 1, "maxLength": 100},
            "reason": {"type": "string", "minLength": 1, "maxLength": 2000},
        },
        ["workdays", "approved_by", "reason"],
        f"延长答复期限（第33条第2款）：一次，最长{periods.EXTENSION_MAX.workdays}个工作日，须在答复期限届满前",
    ),
    "request_reasons": _object(
        {"on": ON, "reply_by": DATE, "note": TEXT},
        ["reply_by"],
        "申请数量、频次明显超过合理范围，要求说明理由（第35条）",
    ),
    "set_period": _object(
        {"on": ON, "until": DATE, "reason": {"type": "string", "minLength": 1, "maxLength": 2000}},
        ["until", "reason"],
        "理由合理，确定延长的答复期限并告知申请人（第35条）",
    ),
    "send_fee_notice": _object(
        {
            "on": ON,
            "method": {"type": "string", "enum": ["by_count", "by_pages"]},
            "pages": {"type": "integer", "minimum": 0, "maximum": 1000000},
            "delivered_on": {**DATE, "description": "申请人收到收费通知的日期，不填为发出当日"},
        },
        ["method"],
        "收费通知（109号），须在答复期限内发出：by_count 按件（件数按记录计算本月第几件），by_pages 按量（填 pages）",
    ),
    "record_payment": _object({"on": ON}, description="申请人缴费，恢复计算答复期限（109号）"),
    "lapse_fee": _object({"on": ON}, description="缴费期限届满未缴费，视为放弃申请（109号，（六）2）"),
    "decide": _object(
        {
            "on": ON,
            "outcome": {"type": "string", "enum": [value for value, _ in DECIDABLE]},
            "reason": TEXT,
            "details": _object(
                {
                    "earlier": {"type": "string", "maxLength": 40, "description": "重复申请：此前的申请编号"},
                    "competent_agency": {**SHORT, "description": "本机关不掌握：负责公开的机关"},
                    "published_at": {**SHORT, "description": "已主动公开：公开的位置"},
                    "withheld_basis": {**SHORT, "description": "部分公开：不予公开部分的依据"},
                    "channel": {**SHORT, "description": "行政查询事项：依法办理的途径"},
                }
            ),
        },
        ["outcome"],
        "作出答复：办理结果为表三中的一行（第36条）",
    ),
    "deliver": _object({"on": ON, "method": {"type": "string", "enum": Delivery.values}}, description="送达"),
    "close": _object({"on": ON}, description="办结（所有文书须已发出）"),
}

EVENT = _object(
    {
        "kind": {"type": "string"},
        "label": {"type": "string"},
        "on": DATE,
        "status": {"type": "string", "enum": Status.values},
        "note": {"type": "string"},
    },
    ["kind", "label", "on", "status"],
)

STAFF_APPLICATION = {
    "type": "object",
    "required": [
        "number",
        "status",
        "received_on",
        "due_date",
        "provisional",
        "paused",
        "overdue",
        "outcome",
        "events",
    ],
    "properties": {
        "number": {"type": "string"},
        "status": {"type": "string", "enum": Status.values},
        "received_on": DATE,
        "due_date": {**NULLABLE_DATE, "description": "答复期限；暂停中的按暂停依法最迟结束之日计算"},
        "provisional": {"type": "boolean", "description": "答复期限为暂定（所涉年度的放假安排尚未录入）"},
        "paused": {"type": "boolean", "description": "今天是否暂停计时"},
        "pause_reason": {"type": ["string", "null"]},
        "pause_ends_on": NULLABLE_DATE,
        "overdue": {"type": "boolean", "description": "已过答复期限尚未答复，或逾期答复"},
        "answered_late": {"type": "boolean"},
        "outcome": {"type": ["string", "null"], "enum": [*Outcome.values, None]},
        "events": {"type": "array", "items": EVENT},
        "fee_yuan": {"type": "integer", "description": "仅 send_fee_notice 返回：本件信息处理费（元）"},
    },
    "additionalProperties": True,
}

_MESSAGES = {
    "required": "此项为必填项",
    "type": "类型不正确",
    "enum": "取值不在允许范围内",
    "minimum": "数值过小",
    "maximum": "数值过大",
    "minLength": "不能为空",
    "maxLength": "内容过长",
    "format": "格式不正确，日期应为 YYYY-MM-DD",
    "additionalProperties": "不认识的字段",
}


def validate_body(schema: dict, data: Any) -> dict[str, list[str]]:
    """Field -> reasons (Chinese) for everything in `data` that the schema refuses; empty when it is valid."""
    errors: dict[str, list[str]] = {}
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(data):
        if error.validator == "required":
            field = error.message.split("'")[1]
        elif error.validator == "additionalProperties":
            field = "、".join(sorted(set(data) - set(schema.get("properties", {})))) if isinstance(data, dict) else ""
        else:
            field = ".".join(str(part) for part in error.absolute_path) or "body"
        message = _MESSAGES.get(error.validator, "内容有误")
        if error.validator == "enum":
            message += "：" + "、".join(str(value) for value in error.validator_value)
        if error.validator in ("minimum", "maximum"):
            message += f"（范围{error.schema.get('minimum', '')}至{error.schema.get('maximum', '')}）"
        errors.setdefault(field, []).append(message)
    return errors
