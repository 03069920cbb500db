"""Charts as data, drawn by whoever shows them: never a picture of text made with the server's fonts.

- On the web: SVG whose labels are `<text>`, so the reader's browser draws the Chinese with its own fonts.
- In DOCX: a native Word chart (a DrawingML chart part with its data in an embedded workbook), which Word and WPS
  draw, and let people edit, with the reader's fonts; LibreOffice draws it the same way when it prints the PDF.

Value axes that count things step by whole numbers (1, 2, 5, 10, 20, 50 …). Plain Python: no Django.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from html import escape
from xml.sax.saxutils import escape as xml_escape

THIS_YEAR, EARLIER = "2F5D8A", "9BB7D4"


def _colour(s: int, n: int) -> str:
    """The last series (this year) dark, any before it (last year) light."""
    return THIS_YEAR if s == n - 1 else EARLIER


SVG_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif'


@dataclass(frozen=True)
class Chart:
    section: str  # the section it follows ("1".."6")
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (name, one count per category)
    horizontal: bool = False  # bars along the value axis, one row per category (long category lists)


def integer_ticks(maximum: int, most: int = 6) -> tuple[int, int]:
    """(step, top) of a count axis: a whole-number step of 1, 2 or 5 times a power of ten, with at most `most`
    intervals from 0 to a top at or above `maximum`."""
    maximum = max(int(maximum), 1)
    step = 1
    while math.ceil(maximum / step) > most:
        for factor in (2, 2.5, 2):  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 …
            step = int(step * factor)
            if math.ceil(maximum / step) <= most:
                break
    return step, step * math.ceil(maximum / step)


# -- SVG --------------------------------------------------------------------------------------------------------


def _text_width(text: str, size: float) -> float:
    return sum(size if ord(c) > 0x2E80 else size * 0.6 for c in text)


def chart_svg(chart: Chart) -> str:
    """The chart as inline SVG (text as text), scaled to its container's width."""
    size = 13
    values = [v for _, series in chart.series for v in series]
    step, top = integer_ticks(max(values, default=0))
    out = []
    if chart.horizontal:
        label_w = max((_text_width(c, size) for c in chart.categories), default=0) + 12
        row = 26
        left, right, head = label_w, 40, 34 + (22 if len(chart.series) > 1 else 0)
        width = 640
        height = head + row * len(chart.categories) + 30
        plot_w = width - left - right
        x = lambda v: left + plot_w * v / top  # noqa: E731
        for tick in range(0, top + 1, step):
            out.append(f'<line x1="{x(tick):.1f}" y1="{head}" x2="{x(tick):.1f}" y2="{height - 30}" class="grid"/>')
            out.append(f'<text x="{x(tick):.1f}" y="{height - 12}" text-anchor="middle">{tick}</text>')
        bar_h = (row - 8) / len(chart.series)
        for i, category in enumerate(chart.categories):
            y0 = head + i * row + 4
            out.append(
                f'<text x="{left - 8}" y="{y0 + (row - 8) / 2 + size / 2 - 1:.1f}" text-anchor="end">'
                f"{escape(category)}</text>"
            )
            for s, (_, series) in enumerate(chart.series):
                v = series[i]
                y = y0 + s * bar_h
                out.append(
                    f'<rect x="{left}" y="{y:.1f}" width="{x(v) - left:.1f}" height="{bar_h:.1f}" '
                    f'fill="#{_colour(s, len(chart.series))}"/>'
                )
                out.append(f'<text x="{x(v) + 4:.1f}" y="{y + bar_h / 2 + size / 2 - 1:.1f}">{v}</text>')
    else:
        width, height = 640, 320
        left, right, head, foot = 48, 16, 34 + (22 if len(chart.series) > 1 else 0), 40
        plot_h = height - head - foot
        y = lambda v: head + plot_h * (1 - v / top)  # noqa: E731
        for tick in range(0, top + 1, step):
            out.append(f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" class="grid"/>')
            out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
        group = (width - left - right) / max(len(chart.categories), 1)
        bar_w = group * 0.7 / len(chart.series)
        for i, category in enumerate(chart.categories):
            x0 = left + i * group + group * 0.15
            out.append(
                f'<text x="{left + (i + 0.5) * group:.1f}" y="{height - foot + 20}" text-anchor="middle">'
                f"{escape(category)}</text>"
            )
            for s, (_, series) in enumerate(chart.series):
                v = series[i]
                bx = x0 + s * bar_w
                out.append(
                    f'<rect x="{bx:.1f}" y="{y(v):.1f}" width="{bar_w:.1f}" height="{y(0) - y(v):.1f}" '
                    f'fill="#{_colour(s, len(chart.series))}"/>'
                )
                out.append(f'<text x="{bx + bar_w / 2:.1f}" y="{y(v) - 4:.1f}" text-anchor="middle">{v}</text>')
    if len(chart.series) > 1:
        lx = width / 2 - 60 * len(chart.series)
        for s, (name, _) in enumerate(chart.series):
            colour = _colour(s, len(chart.series))
            out.append(f'<rect x="{lx + s * 120:.1f}" y="36" width="12" height="12" fill="#{colour}"/>')
            out.append(f'<text x="{lx + s * 120 + 18:.1f}" y="47">{escape(name)}</text>')
    title = escape(chart.title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-label="{title}" class="chart" style="max-width:100%;height:auto" font-size="{size}" '
        f"font-family='{SVG_FONT}'>"
        "<style>.grid{stroke:#ddd;stroke-width:1}text{fill:#222}</style>"
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{title}</text>' + "".join(out) + "</svg>"
    )


# -- DrawingML (DOCX) ---------------------------------------------------------------------------------------------

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_FONT = "黑体"  # named, as the document's fonts are; Word, WPS and LibreOffice substitute a CJK font they have


def _column(index: int) -> str:
    return chr(ord("A") + index)


def _text_props(size_hundredths: int) -> str:
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size_hundredths}" b="0">'
        f'<a:latin typeface="{CHART_FONT}"/><a:ea typeface="{CHART_FONT}"/></a:defRPr></a:pPr>'
        '<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
    )


def _ordered(chart: Chart) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[int, ...]], ...]]:
    """Word draws a bar chart's first category at the bottom: reverse them so the list reads top-down."""
    if not chart.horizontal:
        return chart.categories, chart.series
    return chart.categories[::-1], tuple((name, values[::-1]) for name, values in chart.series)


def chart_workbook(chart: Chart) -> bytes:
    """The chart's data as the embedded workbook Word and WPS open under 编辑数据."""
    from openpyxl import Workbook

    from gongkai.report.render.package import stable_package

    categories, series = _ordered(chart)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["", *(name for name, _ in series)])
    for i, category in enumerate(categories):
        sheet.append([category, *(values[i] for _, values in series)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return stable_package(buffer.getvalue())


def chart_xml(chart: Chart, *, workbook_rid: str | None = None) -> str:
    """The chart part (`word/charts/chartN.xml`): a clustered bar chart with its values cached, so it is drawn
    without opening the workbook; count axis from 0 in whole-number steps."""
    categories, series = _ordered(chart)
    n = len(categories)
    step, top = integer_ticks(max((v for _, values in series for v in values), default=0))
    cat_cache = "".join(f'<c:pt idx="{i}"><c:v>{xml_escape(c)}</c:v></c:pt>' for i, c in enumerate(categories))
    parts = []
    for s, (name, values) in enumerate(series):
        col = _column(s + 1)
        val_cache = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
        parts.append(
            f'<c:ser><c:idx val="{s}"/><c:order val="{s}"/>'
            f'<c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{xml_escape(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{_colour(s, len(series))}"/></a:solidFill></c:spPr>'
            '<c:invertIfNegative val="0"/>'
            f'<c:dLbls><c:numFmt formatCode="0" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
            f"{_text_props(900)}"
            '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
            '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
            f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${n + 1}</c:f><c:strCache><c:ptCount val="{n}"/>{cat_cache}'
            "</c:strCache></c:strRef></c:cat>"
            f"<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${n + 1}</c:f><c:numCache><c:formatCode>0</c:formatCode>"
            f'<c:ptCount val="{n}"/>{val_cache}</c:numCache></c:numRef></c:val></c:ser>'
        )
    cat_pos, val_pos = ("l", "b") if chart.horizontal else ("b", "l")
    legend = (
        '<c:legend><c:legendPos val="t"/><c:overlay val="0"/>' + _text_props(900) + "</c:legend>"
        if len(series) > 1
        else ""
    )
    external = f'<c:externalData r:id="{workbook_rid}"><c:autoUpdate val="0"/></c:externalData>' if workbook_rid else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" '
        f'xmlns:r="{_R}"><c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>'
        "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'<a:defRPr sz="1200" b="0"><a:latin typeface="{CHART_FONT}"/><a:ea typeface="{CHART_FONT}"/></a:defRPr>'
        f'</a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="0"><a:latin typeface="{CHART_FONT}"/>'
        f'<a:ea typeface="{CHART_FONT}"/></a:rPr><a:t>{xml_escape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        f'<c:barChart><c:barDir val="{"bar" if chart.horizontal else "col"}"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{"".join(parts)}<c:gapWidth val="60"/>'
        '<c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>'
        f'<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{cat_pos}"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_text_props(900)}<c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/><c:max val="{top}"/>'
        f'<c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="{val_pos}"/>'
        '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln>'
        '</c:spPr></c:majorGridlines><c:numFmt formatCode="0" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_text_props(900)}<c:crossAx val="50010001"/><c:crosses val="autoZero"/>'
        f'<c:crossBetween val="between"/><c:majorUnit val="{step}"/></c:valAx></c:plotArea>'
        f'{legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f"{_text_props(900)}{external}</c:chartSpace>"
    )


def chart_height_cm(chart: Chart) -> float:
    if chart.horizontal:
        return max(6.0, 0.75 * len(chart.categories) + 2.5)
    return 8.0
