"""The OpenAPI 3 description of /api/v1/, served at /api/v1/openapi.json."""

from __future__ import annotations

from gongkai.applications.api_schema import NEW_APPLICATION, STAFF_APPLICATION, STAFF_NEW_APPLICATION, STEP_SCHEMAS
from gongkai.applications.outcomes import Outcome
from gongkai.applications.workflow import Status


def _error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _step_path(step: str) -> dict:
    schema = STEP_SCHEMAS[step]
    return {
        "post": {
            "summary": schema.get("description", step),
            "operationId": "staff_" + step,
            "security": [{"token": []}],
            "parameters": [{"name": "number", "in": "path", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
            "responses": {
                "200": {
                    "description": "办理后的申请",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StaffApplication"}}},
                },
                "400": _error_response("请求体不符合本接口的定义"),
                "401": _error_response("缺少或无效的令牌"),
                "403": _error_response("无权办理"),
                "409": _error_response("依法不能办理这一步（说明理由和条款）"),
            },
        }
    }


def openapi_document() -> dict:
    document = {
        "openapi": "3.1.0",
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
                "NewApplication": NEW_APPLICATION,
                "StaffNewApplication": STAFF_NEW_APPLICATION,
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
                "StaffApplication": STAFF_APPLICATION,
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
            "/api/v1/staff/applications/{number}": {
                "get": {
                    "summary": "一件申请按办理记录推算的状态和办理记录（工作人员）",
                    "operationId": "staffApplication",
                    "security": [{"token": []}],
                    "parameters": [{"name": "number", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "申请",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/StaffApplication"}}
                            },
                        },
                        "401": _error_response("缺少或无效的令牌"),
                        "403": _error_response("无权查看"),
                    },
                }
            },
            **{f"/api/v1/staff/applications/{{number}}/{step}": _step_path(step) for step in sorted(STEP_SCHEMAS)},
        },
    }
    document["paths"]["/api/v1/staff/agencies/{agency_id}/applications"]["post"] = {
        "summary": "登记信函、传真、当面提交的申请（工作人员，收到日期按第31条）",
        "operationId": "staffRegisterApplication",
        "security": [{"token": []}],
        "parameters": [{"name": "agency_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StaffNewApplication"}}},
        },
        "responses": {
            "201": {
                "description": "已登记（含查询码，只显示一次）",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StaffApplication"}}},
            },
            "400": _error_response("请求体不符合本接口的定义"),
            "401": _error_response("缺少或无效的令牌"),
            "403": _error_response("无权登记"),
        },
    }
    return document
