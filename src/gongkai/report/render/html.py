"""HTML: the report as a standalone, accessible web page.

Semantic tables (caption, thead, th with scope, rowspan/colspan as in the official template), a print stylesheet
for A4, and `data-cell` attributes carrying each number's machine name so tools can read the numbers back without
guessing from the layout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from gongkai.report import richtext
from gongkai.report.format import SECTIONS
from gongkai.report.layout import Grid, GridCell, table_grid
from gongkai.report.model import Report
from gongkai.report.render.charts import Chart, chart_svg
from gongkai.report.render.values import SUBHEADING, cell_text, closing_lines

STYLE = """
:root { color-scheme: light; }
figure { margin: 1em 0; text-align: center; } figure svg { width: 100%; max-width: 40em; height: auto; }
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", serif;
       font-size: 16pt; line-height: 1.75; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-family: "方正小标宋简体", "STZhongsong", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal;
     text-align: center; line-height: 1.5; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
     margin: 1em 0 0.3em; text-indent: 2em; }
p { margin: 0; text-indent: 2em; }
p.closing { text-align: right; text-indent: 0; margin: 2em 2em 0 0; }
.subheading { font-family: "KaiTi", "楷体_GB2312", "楷体", "STKaiti", serif; }
.table-wrap { overflow-x: auto; margin: 0.8em 0 1.2em; }
table { border-collapse: collapse; margin: 0 auto; font-size: 10.5pt; line-height: 1.4; }
caption { font-family: "SimHei", "黑体", sans-serif; font-size: 11pt; padding-bottom: 0.3em; }
th, td { border: 1px solid #000; padding: 0.2em 0.35em; text-align: center; vertical-align: middle; }
th { font-weight: normal; background: #f4f4f4; }
th.long { text-align: left; }
td.blank { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #f0f0f0 4px, #f0f0f0 8px); }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 16pt; }
  .table-wrap { overflow: visible; }
  table { page-break-inside: auto; font-size: 9pt; }
  tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
}
"""


def _attrs(cell: GridCell) -> str:
    out = ""
    if cell.rowspan > 1:
        out += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        out += f' colspan="{cell.colspan}"'
    return out


def table_html(report: Report, grid: Grid) -> str:
    """One table as HTML, in the official layout."""
    rows = grid.rows()
    parts = [f'<div class="table-wrap"><table id="{grid.table.key}">']
    parts.append(f"<caption>{escape(grid.table.caption)}</caption>")

    def render_rows(indices: range) -> None:
        for r in indices:
            parts.append("<tr>")
            for cell in rows[r]:
                if cell.ref is None:
                    css = ' class="long"' if cell.scope == "row" and len(cell.text) > 12 else ""
                    parts.append(f'<th scope="{cell.scope}"{_attrs(cell)}{css}>{escape(cell.text)}</th>')
                else:
                    value = report.get(cell.ref.name)
                    css = ' class="blank"' if value is None else ""
                    parts.append(f'<td data-cell="{cell.ref.name}"{_attrs(cell)}{css}>{escape(cell_text(value))}</td>')
            parts.append("</tr>")

    if grid.header_rows:
        parts.append("<thead>")
        render_rows(range(grid.header_rows))
        parts.append("</thead>")
    parts.append("<tbody>")
    render_rows(range(grid.header_rows, grid.n_rows))
    parts.append("</tbody></table></div>")
    return "".join(parts)


def _paragraph(line: str) -> str:
    match = SUBHEADING.match(line)
    if match:
        rest = line[match.end() :]
        return f'<p><span class="subheading">{escape(match.group(1))}</span>{escape(rest)}</p>'
    return f"<p>{escape(line)}</p>"


def _figure(chart: Chart) -> str:
    """The chart as SVG whose words are text: the reader's browser draws them with its own fonts."""
    return f"<figure>{chart_svg(chart)}</figure>"


def render_html_fragment(report: Report, *, charts: Sequence = ()) -> str:
    """The report's body (title, sections, tables), for embedding in a page of the portal. `charts`: `Chart`s, each
    shown after its section as SVG."""
    parts = [f"<h1>{escape(report.full_title)}</h1>"]
    parts.extend(_paragraph(line) for line in report.preamble.splitlines() if line.strip())
    tables = {table.section: table for table in report.format.tables}
    for section in SECTIONS:
        heading = report.section_heading(section.key)
        parts.append(f'<section id="section-{section.key}">')
        if heading:
            parts.append(f"<h2>{escape(heading)}</h2>")
        if section.key in report.sections_html:
            parts.append(richtext.to_html(report.sections_html[section.key]))
        else:
            parts.extend(_paragraph(line) for line in report.section_body(section.key).splitlines() if line.strip())
        if section.key in tables:
            parts.append(table_html(report, table_grid(tables[section.key])))
        parts.extend(_figure(chart) for chart in charts if chart.section == section.key)
        parts.append("</section>")
    closing = closing_lines(report)
    if closing:
        parts.append('<p class="closing">' + "<br>".join(escape(line) for line in closing) + "</p>")
    return "\n".join(parts)


def render_html(report: Report, *, charts: Sequence = ()) -> bytes:
    """The report as a complete HTML document (UTF-8)."""
    document = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gongkai">
<meta name="gongkai:agency" content="{escape(report.agency)}">
<meta name="gongkai:year" content="{report.year}">
<meta name="gongkai:format-version" content="{report.format_version}">
<title>{escape(report.full_title)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
{render_html_fragment(report, charts=charts)}
</main>
</body>
</html>
"""
    return document.encode("utf-8")


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_PAGE_WIDE = {"body", ":root"}  # rules for a page of its own, not for a report shown inside another page


def scoped_style(scope: str) -> str:
    """STYLE's rules for the report's own elements, each selector prefixed with `scope`: the stylesheet of a report
    shown inside another page (the portal's, the staff's), which must not restyle that page's body or header."""
    screen = STYLE.split("@media print", 1)[0]
    rules = []
    for selectors, declarations in _RULE.findall(screen):
        if selectors.strip() == "body":  # the report's typeface and leading, not the page's width and margins
            own = [d.strip() for d in declarations.split(";") if d.strip().startswith(("font-family", "line-height"))]
            rules.append(f"{scope}{{" + " ".join(f"{d};" for d in own) + "}")
            continue
        kept = [s.strip() for s in selectors.split(",") if s.strip() and s.strip() not in _PAGE_WIDE]
        if kept:
            rules.append(",".join(f"{scope} {s}" for s in kept) + "{" + " ".join(declarations.split()) + "}")
    return "\n".join(rules)


def embedded(document: str) -> str:
    """A report document (as render_html wrote it, and as a version keeps it) for showing inside a page: its body
    (the fragment in <main>) with its styles scoped to `.report`, without its own <head>, <main> and page-wide
    rules, which would give the page a second main landmark and restyle its header."""
    start, end = document.find("<main>"), document.rfind("</main>")
    body = document[start + len("<main>") : end].strip() if 0 <= start < end else document
    return f"<style>{scoped_style('.report')}</style>\n{body}"
