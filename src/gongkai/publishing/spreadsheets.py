"""XLSX in and out: the catalog (基本目录) and the yearly figures. Imports are all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.styles import Font

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.agencies.services import audit_record, snapshot
from gongkai.publishing.models import FIGURE_FIELDS, CatalogEntry, YearFigures

CATALOG_HEADERS = ["一级指标", "二级指标", "公开内容", "公开时限", "公开方式", "公开主体"]
CATALOG_FIELDS = ["content", "time_limit", "method", "responsible_unit"]


def _workbook_bytes(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_rows(data: bytes) -> list[tuple]:
    limits.check_zip(data, limits.REQUEST)
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    return list(limits.rows(sheet.iter_rows(values_only=True), limits.REQUEST))


def _rows(data: bytes) -> list[tuple]:
    """The first sheet's rows, read in a child process within gongkai.limits.REQUEST (sizes, rows, memory, time)."""
    try:
        return limits.isolated(lambda: _read_rows(data), limits.REQUEST)
    except limits.LimitExceeded as exc:
        raise ValidationError({"file": f"无法导入：{exc}"}) from None
    except limits.ParseFailed:
        raise ValidationError({"file": "无法读取：请上传 XLSX 格式的表格"}) from None


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def catalog_export(*, agency: Agency) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "基本目录"
    sheet.append(CATALOG_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for top in agency.catalog.filter(parent=None).prefetch_related("children"):
        sheet.append([top.name, "", top.content, top.time_limit, top.method, top.responsible_unit])
        for child in top.children.all():
            sheet.append([top.name, child.name, child.content, child.time_limit, child.method, child.responsible_unit])
    for column, width in zip("ABCDEF", (20, 20, 50, 30, 20, 20), strict=True):
        sheet.column_dimensions[column].width = width
    return _workbook_bytes(book)


@transaction.atomic
def catalog_import(*, agency: Agency, actor, data: bytes) -> tuple[int, int]:
    """Add or update indicators by name; nothing is removed (items may point at an indicator).

    Returns (added, updated)."""
    rows = list(_rows(data))
    if not rows or [_text(v) for v in rows[0][: len(CATALOG_HEADERS)]] != CATALOG_HEADERS:
        raise ValidationError({"file": "第1行应为表头：" + "、".join(CATALOG_HEADERS)})
    added = updated = 0
    problems = []
    for number, row in enumerate(rows[1:], start=2):
        values = [_text(v) for v in (list(row) + [None] * 6)[:6]]
        if not any(values):
            continue
        top_name, child_name = values[0], values[1]
        if not top_name:
            problems.append(f"第{number}行：一级指标不能为空")
            continue
        details = dict(zip(CATALOG_FIELDS, values[2:], strict=True))
        top, created = CatalogEntry.objects.get_or_create(
            agency=agency, parent=None, name=top_name, defaults={"position": number} | ({} if child_name else details)
        )
        target = top
        if child_name:
            target, created = CatalogEntry.objects.get_or_create(
                agency=agency, parent=top, name=child_name, defaults={"position": number} | details
            )
        if created:
            added += 1
        elif any(getattr(target, k) != v for k, v in details.items()):
            for key, value in details.items():
                setattr(target, key, value)
            try:
                target.full_clean()
            except ValidationError as exc:
                problems.append(f"第{number}行：{'；'.join(exc.messages)}")
                continue
            target.save()
            updated += 1
    if problems:
        raise ValidationError({"file": problems})
    audit_record(
        actor=actor, agency=agency, action="导入基本目录", obj=agency, after={"added": added, "updated": updated}
    )
    return added, updated


def _figure_label(field: str) -> str:
    return str(YearFigures._meta.get_field(field).verbose_name)


def figures_export(*, figures: YearFigures) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "年度数据"
    sheet.append(["项目", "数值"])
    sheet.append(["年度", figures.year])
    for field in FIGURE_FIELDS:
        value = getattr(figures, field)
        sheet.append([_figure_label(field), float(value) if isinstance(value, Decimal) else value])
    sheet.column_dimensions["A"].width = 50
    return _workbook_bytes(book)


@transaction.atomic
def figures_save(*, agency: Agency, year: int, actor, **values) -> YearFigures:
    figures, _ = YearFigures.objects.get_or_create(agency=agency, year=year)
    before = snapshot(figures, FIGURE_FIELDS)
    for field, value in values.items():
        if field not in FIGURE_FIELDS:
            raise TypeError(f"unknown figure {field}")
        setattr(figures, field, value)
    figures.full_clean()
    figures.save()
    audit_record(
        actor=actor,
        agency=agency,
        action="录入年度数据",
        obj=figures,
        before=before,
        after=snapshot(figures, FIGURE_FIELDS),
    )
    return figures


def figures_import(*, agency: Agency, year: int, actor, data: bytes) -> YearFigures:
    by_label = {_figure_label(f): f for f in FIGURE_FIELDS}
    values, problems = {}, []
    for number, row in enumerate(_rows(data), start=1):
        label, raw = _text(row[0] if row else None), row[1] if row and len(row) > 1 else None
        if number == 1 or not label:
            continue
        if label == "年度":
            if _text(raw) != str(year):
                problems.append(f"第{number}行：表中年度为{_text(raw)}，与所选年度{year}不符")
            continue
        field = by_label.get(label)
        if field is None:
            problems.append(f"第{number}行：不认识的项目“{label}”")
            continue
        try:
            number_value = Decimal(_text(raw))
        except InvalidOperation:
            problems.append(f"第{number}行：“{label}”应为数字")
            continue
        if number_value < 0 or (field != "fee_amount" and number_value != number_value.to_integral_value()):
            problems.append(f"第{number}行：“{label}”应为非负{'数' if field == 'fee_amount' else '整数'}")
            continue
        values[field] = number_value if field == "fee_amount" else int(number_value)
    if problems:
        raise ValidationError({"file": problems})
    return figures_save(agency=agency, year=year, actor=actor, **values)
