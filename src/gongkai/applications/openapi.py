"""The OpenAPI 3 description of /api/v1/, served at /api/v1/openapi.json."""

from __future__ import annotations

from gongkai.applications.models import Delivery, Form, IdType
from gongkai.applications.outcomes import ApplicantType, Outcome
from gongkai.applications.workflow import Status


def _error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def openapi_document() -> dict:
    from gongkai.applications.api import STEPS

    return {
        "openapi": "3.0.3",
        "info": {
            "title": "gongkai 依申请公开接口",
            "version": "1.0.0",
            "description": "提交和查询政府信息公开申请。公开接口不返回申请人的个人信息；工作人员接口需要接口令牌。",
        },
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {
                "token": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Token <key>"}
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {"type": "string"},
                        "fields": {
                            "type": "object",
                            "additionalProperties": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
                "Agency": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
                },
                "NewApplication": {
                    "type": "object",
                    "required": ["applicant_type", "applicant_name", "phone", "description", "form", "delivery"],
                    "properties": {
                        "applicant_type": {"type": "string", "enum": ApplicantType.values},
                        "applicant_name": {"type": "string"},
                        "id_type": {"type": "string", "enum": IdType.values},
                        "id_number": {"type": "string"},
                        "credit_code": {"type": "string"},
                        "contact_person": {"type": "string"},
                        "phone": {"type": "string"},
                        "email": {"type": "string", "format": "email"},
                        "address": {"type": "string"},
                        "postcode": {"type": "string"},
                        "description": {"type": "string"},
                        "purpose": {"type": "string"},
                        "form": {"type": "string", "enum": Form.values},
                        "delivery": {"type": "string", "enum": Delivery.values},
                        "identity_document": {
                            "type": "string",
                            "format": "byte",
                            "description": "PDF/PNG/JPEG, base64",
                        },
                        "challenge_token": {"type": "string", "description": "GET /api/v1/challenge 返回的 token"},
                        "challenge": {
                            "type": "string",
                            "description": "申请人对验证问题的回答；以本机关工作人员的接口令牌提交时不需要",
                        },
                    },
                },
                "Submitted": {
                    "type": "object",
                    "required": ["number", "tracking_code", "due_date"],
                    "properties": {
                        "number": {"type": "string"},
                        "tracking_code": {"type": "string"},
                        "received_on": {"type": "string", "format": "date"},
                        "due_date": {"type": "string", "format": "date", "nullable": True},
                    },
                },
                "Status": {
                    "type": "object",
                    "required": ["number", "status", "due_date"],
                    "properties": {
                        "number": {"type": "string"},
                        "status": {"type": "string", "enum": Status.values},
                        "due_date": {"type": "string", "format": "date", "nullable": True},
                        "received_on": {"type": "string", "format": "date"},
                        "outcome": {"type": "string", "enum": Outcome.values, "nullable": True},
                        "answered_on": {"type": "string", "format": "date", "nullable": True},
                    },
                },
                "StaffApplication": {"type": "object", "additionalProperties": True},
            },
        },
        "paths": {
            "/api/v1/agencies": {
                "get": {
                    "summary": "机关列表",
                    "operationId": "listAgencies",
                    "responses": {
                        "200": {
                            "description": "机关",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Agency"}}
                                }
                            },
                        }
                    },
                }
            },
            "/api/v1/agencies/{agency_id}/applications": {
                "post": {
                    "summary": "提交申请（网上申请，以双方确认之日为收到申请之日，第31条）",
                    "operationId": "submitApplication",
                    "parameters": [
                        {"name": "agency_id", "in": "path", "required": True, "schema": {"type": "integer"}}
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewApplication"}}},
                    },
                    "responses": {
                        "201": {
                            "description": "已收到",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Submitted"}}},
                        },
                        "400": _error_response("内容有误，或验证问题回答错误"),
                        "403": _error_response("来自其他网站的浏览器请求"),
                        "415": _error_response("请求体不是 JSON"),
                        "429": _error_response("提交过于频繁"),
                    },
                }
            },
            "/api/v1/challenge": {
                "get": {
                    "summary": "取得验证问题（与网上申请表相同），由申请人回答后随申请提交",
                    "operationId": "getChallenge",
                    "responses": {
                        "200": {
                            "description": "验证问题和 token",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "question": {"type": "string"},
                                            "challenge_token": {"type": "string"},
                                            "expires_in": {"type": "integer"},
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/api/v1/applications/status": {
                "get": {
                    "summary": "按申请编号和查询码查询办理状态",
                    "operationId": "applicationStatus",
                    "parameters": [
                        {"name": "number", "in": "query", "required": True, "schema": {"type": "string"}},
                        {"name": "code", "in": "query", "required": True, "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "状态",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}},
                        },
                        "404": _error_response("编号或查询码不正确"),
                    },
                }
            },
            "/api/v1/staff/agencies/{agency_id}/applications": {
                "get": {
                    "summary": "本机关的申请（工作人员）",
                    "operationId": "staffListApplications",
                    "security": [{"token": []}],
                    "parameters": [
                        {"name": "agency_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                        {"name": "status", "in": "query", "schema": {"type": "string", "enum": Status.values}},
                        {"name": "year", "in": "query", "schema": {"type": "integer"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "申请",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/StaffApplication"},
                                    }
                                }
                            },
                        },
                        "401": _error_response("缺少或无效的令牌"),
                        "403": _error_response("无权查看"),
                    },
                }
            },
            "/api/v1/staff/applications/{number}/{step}": {
                "post": {
                    "summary": "记录一个办理步骤（工作人员）",
                    "operationId": "staffRecordStep",
                    "description": "请求体字段：on（日期，默认今天）；request_correction: reply_by, what；"
                    "start_consultation: party (third_party|other_agency), consulted；extend: workdays, "
                    "approved_by, reason；send_fee_notice: count 或 pages；decide: outcome, reason；"
                    "deliver: method。",
                    "security": [{"token": []}],
                    "parameters": [
                        {"name": "number", "in": "path", "required": True, "schema": {"type": "string"}},
                        {
                            "name": "step",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": sorted(STEPS)},
                        },
                    ],
                    "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                    "responses": {
                        "200": {
                            "description": "办理后的申请",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/StaffApplication"}}
                            },
                        },
                        "400": _error_response("步骤不合法"),
                        "401": _error_response("缺少或无效的令牌"),
                        "403": _error_response("无权办理"),
                    },
                }
            },
        },
    }
