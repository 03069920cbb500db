"""Renderers: the report as DOCX, HTML, XLSX and JSON, all drawn from the one format description."""

from __future__ import annotations

from collections.abc import Callable

from gongkai.report.model import Report


def _json(report: Report) -> bytes:
    return report.to_json().encode("utf-8")


def renderers() -> dict[str, Callable[[Report], bytes]]:
    """Renderer by output format name; imported lazily so a JSON-only use does not load python-docx."""
    from gongkai.report.render.docx import render_docx
    from gongkai.report.render.html import render_html
    from gongkai.report.render.xlsx import render_xlsx

    return {"docx": render_docx, "html": render_html, "xlsx": render_xlsx, "json": _json}


FORMATS = ("docx", "html", "xlsx", "json")
