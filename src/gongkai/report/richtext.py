"""A report section written in the editor: its (already sanitised) HTML read into blocks that the renderers lay out
and the rules read as text.

Staff write sections in the same editor as item bodies (paragraphs, headings h2-h4, bold, italic, underline, nested
lists, block quotes, tables). The report keeps that HTML beside the section's plain text (`Report.sections_html`);
the text, which the rules read (T1 compares "共收到…申请12件" with table B), is `text_of(html)`: a line per
paragraph, heading and list item (with its number written out, "1." / "（1）"), a line per table row. The DOCX and
HTML renderers lay out `blocks(html)`: nothing of the HTML is copied into a document as it came, so a renderer
given a report from anywhere writes only what it knows.

Plain Python (html.parser): no Django, no sanitiser; the platform cleans the HTML before it gets here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

_SPACE = re.compile(r"[ \t\r\n\f]+")
_TAG = re.compile(r"<[a-zA-Z/!]")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class TableCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False


@dataclass
class Block:
    """One paragraph of a section. `kind`: "p", "heading" (`level` 2-4), "item" (a list item's paragraph: `level` is
    its depth from 1, `marker` its number or bullet, empty for a second paragraph of the same item), "quote" or
    "table" (`rows`)."""

    kind: str
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    marker: str = ""
    ordered: bool = False
    rows: list[list[TableCell]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs).strip()

    @property
    def prefix(self) -> str:
        """The item's number as written before its text. "1." before "6月10日" would read as 1.6: a space parts a
        number from the digits after it."""
        space = " " if self.marker[-1:] == "." and self.text[:1].isdigit() else ""
        return self.marker + space

    def line(self) -> str:
        if self.kind == "table":
            return "\n".join("　".join(cell.text.replace("\n", " ") for cell in row) for row in self.rows)
        return self.prefix + self.text


def marker(*, ordered: bool, depth: int, number: int) -> str:
    """How a list item is numbered in an official document: 1. then （1） then ① ; bullets as "·"."""
    if not ordered:
        return "· "
    if depth == 1:
        return f"{number}."
    if depth == 2:
        return f"（{number}）"
    return chr(0x2460 + number - 1) if number <= 20 else f"（{number}）"


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text or ""))


def html_from_text(text: str) -> str:
    """Plain text (a section written before the editor, or typed without script) as HTML: a paragraph a line."""
    return "".join(f"<p>{escape(line.strip(), quote=False)}</p>" for line in (text or "").splitlines() if line.strip())


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.lists: list[list] = []  # [ordered, count]
        self.items: list[bool] = []  # per open <li>: whether its numbered paragraph was written
        self.quote = 0
        self.bold = self.italic = self.underline = 0
        self.table: list[list[TableCell]] | None = None
        self.cell: dict | None = None

    # -- blocks ---------------------------------------------------------------------------------------------

    def _flush(self) -> None:
        block, self.current = self.current, None
        if block is not None and block.text:
            block.runs[0] = Run(block.runs[0].text.lstrip(), *_style(block.runs[0]))
            block.runs[-1] = Run(block.runs[-1].text.rstrip(), *_style(block.runs[-1]))
            self.blocks.append(block)

    def _start_paragraph(self) -> None:
        self._flush()
        if self.items:
            ordered, number = self.lists[-1] if self.lists else (False, 1)
            first = not self.items[-1]
            self.items[-1] = True
            depth = len(self.lists) or 1
            self.current = Block(
                "item",
                level=depth,
                ordered=bool(ordered),
                marker=marker(ordered=bool(ordered), depth=depth, number=number) if first else "",
            )
        else:
            self.current = Block("quote" if self.quote else "p")

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = dict(attrs)
        if self.cell is not None:
            if tag in ("p", "div", "br", "li") and self.cell["text"]:
                self.cell["text"].append("\n")
            elif tag in ("td", "th", "tr"):
                self._end_cell()
            if tag not in ("td", "th", "tr"):
                return
        if tag in ("p", "div"):
            if self.items and self.current is not None and self.current.kind == "item" and not self.current.text:
                return  # the <p> a list item's text sits in
            self._start_paragraph()
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.current = Block("heading", level=min(4, max(2, int(tag[1]))))
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._flush()
            if self.lists:
                self.lists[-1][1] += 1
            self.items.append(False)
            self._start_paragraph()
        elif tag == "blockquote":
            self._flush()
            self.quote += 1
        elif tag == "br":
            if self.current is not None:
                self.current.runs.append(Run("\n"))
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "u":
            self.underline += 1
        elif tag == "hr":
            self._flush()
        elif tag == "table":
            self._flush()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            if not self.table:
                self.table.append([])
            self.cell = {
                "text": [],
                "header": tag == "th",
                "colspan": _span(attributes.get("colspan")),
                "rowspan": _span(attributes.get("rowspan")),
            }

    def _end_cell(self) -> None:
        cell, self.cell = self.cell, None
        if cell is None or self.table is None:
            return
        lines = [_SPACE.sub(" ", part).strip() for part in "".join(cell["text"]).split("\n")]
        self.table[-1].append(
            TableCell(
                "\n".join(line for line in lines if line),
                colspan=cell["colspan"],
                rowspan=cell["rowspan"],
                header=cell["header"],
            )
        )

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._end_cell()
        elif self.cell is not None:
            return
        elif tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self._flush()
            if self.items:
                self.items.pop()
        elif tag == "blockquote":
            self._flush()
            self.quote = max(0, self.quote - 1)
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "u":
            self.underline = max(0, self.underline - 1)
        elif tag == "table" and self.table is not None:
            rows = [row for row in self.table if row]
            self.table = None
            if rows:
                self.blocks.append(Block("table", rows=rows))

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell["text"].append(data)
            return
        if self.table is not None:
            return  # text between cells
        text = _SPACE.sub(" ", data)
        if self.current is None:
            if not text.strip():
                return
            self._start_paragraph()
        assert self.current is not None
        self.current.runs.append(Run(text, self.bold > 0, self.italic > 0, self.underline > 0))

    def close(self) -> None:
        super().close()
        self._end_cell()
        self._flush()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


def _style(run: Run) -> tuple[bool, bool, bool]:
    return run.bold, run.italic, run.underline


def blocks(html: str) -> list[Block]:
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    return reader.blocks


def text_of(html: str) -> str:
    """The section's text as the rules read it: a line per paragraph, heading, list item and table row."""
    return "\n".join(block.line() for block in blocks(html) if block.line().strip())


# -- HTML ------------------------------------------------------------------------------------------------------


def _runs_html(runs: list[Run]) -> str:
    out = []
    for run in runs:
        text = escape(run.text, quote=False).replace("\n", "<br>")
        if run.underline:
            text = f"<u>{text}</u>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _table_html(block: Block) -> str:
    rows = []
    for row in block.rows:
        cells = []
        for cell in row:
            tag = "th" if cell.header else "td"
            spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            )
            cells.append(f"<{tag}{spans}>{escape(cell.text, quote=False).replace(chr(10), '<br>')}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<div class="table-wrap"><table class="section-table">' + "".join(rows) + "</table></div>"


def to_html(html: str, *, heading_offset: int = 1) -> str:
    """The section's blocks as HTML, written anew (escaped): headings moved down `heading_offset` levels (the
    section's own heading is an h2), lists as nested <ol>/<ul>."""
    out: list[str] = []
    open_lists: list[str] = []  # the tag of each open list, outermost first

    def close_to(depth: int) -> None:
        while len(open_lists) > depth:
            out.append(f"</li></{open_lists.pop()}>")

    for block in blocks(html):
        if block.kind != "item":
            close_to(0)
        if block.kind == "p":
            out.append(f"<p>{_runs_html(block.runs)}</p>")
        elif block.kind == "heading":
            level = min(6, block.level + heading_offset)
            out.append(f"<h{level}>{_runs_html(block.runs)}</h{level}>")
        elif block.kind == "quote":
            out.append(f"<blockquote><p>{_runs_html(block.runs)}</p></blockquote>")
        elif block.kind == "table":
            out.append(_table_html(block))
        elif block.kind == "item":
            if not block.marker:  # a further paragraph of the open item
                out.append(f"<p>{_runs_html(block.runs)}</p>")
                continue
            tag = "ol" if block.ordered else "ul"
            if len(open_lists) >= block.level:
                close_to(block.level)
                if open_lists[-1] != tag:
                    out.append(f"</li></{open_lists.pop()}><{tag}>")
                    open_lists.append(tag)
                else:
                    out.append("</li>")
            while len(open_lists) < block.level:
                out.append(f"<{tag}>")
                open_lists.append(tag)
            out.append(f"<li>{_runs_html(block.runs)}")
    close_to(0)
    return "".join(out)
