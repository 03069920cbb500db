"""The annual-report part of the OpenAPI description of /api/v1/ (the site merges it with the applications part)."""

from __future__ import annotations

from gongkai.report.format import TABLE_KEYS, FormatVersion


def report_schemas() -> dict:
    return {
        "AnnualReport": {
            "type": "object",
            "description": (
                "已公布的年度报告（最新版本）。表格单元格使用 FORMAT.md 的机器名（如 table_b.granted.total），"
                "空白或无法识别的单元格为 null；完整的 JSON Schema 见 `gongkai report schema`。"
            ),
            "required": ["agency", "year", "format_version", "sections", *TABLE_KEYS, "version"],
            "properties": {
                "agency": {"type": "string"},
                "year": {"type": "integer"},
                "format_version": {"type": "string", "enum": [str(v) for v in FormatVersion]},
                "agency_level": {"type": "string", "enum": ["department", "government"]},
                "title": {"type": "string"},
                "published_on": {"type": "string", "format": "date", "nullable": True},
                "preamble": {"type": "string"},
                "sections": {"type": "object", "additionalProperties": {"type": "string", "nullable": True}},
                **{key: {"type": "object", "additionalProperties": {"type": "object"}} for key in TABLE_KEYS},
                "version": {"type": "integer", "description": "公布后的更正为新版本，编号递增"},
            },
        }
    }


def report_paths() -> dict:
    return {
        "/api/v1/agencies/{agency_id}/reports/{year}": {
            "get": {
                "summary": "机关某年度已公布的政府信息公开工作年度报告（最新版本）",
                "operationId": "annualReport",
                "parameters": [
                    {"name": "agency_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    {"name": "year", "in": "path", "required": True, "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "年度报告",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AnnualReport"}}},
                    },
                    "404": {
                        "description": "没有这个机关，或该年度报告尚未公布",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                },
            }
        }
    }
