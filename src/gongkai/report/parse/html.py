"""Read an HTML annual report: block-level text and tables in document order, merged cells as `None`.

Published pages are Word exports inside a site's template: styles and spans nest deeply, cells hold `&nbsp;`,
and navigation, breadcrumbs and footers surround the article. The charset is read from the page (or guessed:
UTF-8, then GB18030), site chrome is skipped by tag and class, and when an article container is recognised only
its content is read.
"""

from __future__ import annotations

import codecs
import itertools
import re
from functools import lru_cache

import lxml.etree

from gongkai.report.parse.document import (
    Block,
    GridRows,
    Meta,
    Paragraph,
    ParsedDocument,
    TableBlock,
    assemble,
    find_title,
)
from gongkai.report.parse.encoding import declared_encoding, decode_declared

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "dt", "dd", "pre", "blockquote"}
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "select",
    "button",
    "iframe",
    "svg",
    "object",
}
# Class or id fragments of site chrome (menus, breadcrumbs, share bars, footers).
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|breadcrumb|crumb|footer|foot|header|topbar|sidebar|share|copyright"
    r"|position|location|dqwz)(?:$|[\s_-])",
    re.I,
)
# Containers content management systems put the article in.
_ARTICLE = re.compile(r"TRS_Editor|article|content|zoom|main-text|detail|wzcon", re.I)
_SPACES = re.compile(r"[ \t\r\n\u00a0\u3000\u200b]+")
# huge_tree: past 256 levels of nesting (CMS layouts, unclosed Word tags) libxml2 would drop the rest of the page;
# the input is already capped in size (gongkai.check.read.Limits).
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
_MAX_CELLS = 200_000  # a grid larger than this is not a report's table; it would only cost memory


def _text_of(element) -> str:
    """All the text inside an element, without its tail.

    libxml2 collects it in one call: several times faster than `itertext()` or XPath's string() for a cell or
    paragraph that Word has filled with nested markup."""
    if not len(element):
        return element.text or ""
    return lxml.etree.tostring(element, method="text", encoding=str, with_tail=False)


def _text(element) -> str:
    return " ".join(_text_of(element).replace("\u200b", "").split())


def _span(value: str | None) -> int:
    if value is None or value == "1":
        return 1
    digits = value if value.isdigit() else re.sub(r"\D", "", value)
    return min(max(1, int(digits[:4] or 1)), 100)


def _rows_of(table):
    """The table's own rows (not those of a table nested in a cell)."""
    for child in table.iterchildren("tr", "thead", "tbody", "tfoot"):
        if child.tag == "tr":
            yield child
        else:
            yield from child.iterchildren("tr")


def _grid(table) -> GridRows:
    """Expand rowspan/colspan into a rectangular grid; covered positions are None. Nested tables stay whole.

    The hot loop of HTML reading (hundreds of cells a report): cells are picked out by libxml2, their text read
    directly when they have no markup inside, and spans parsed only when present."""
    rows: GridRows = []
    carry: list[int] = []  # per column: how many more rows a rowspan from above still covers
    size = 0
    for tr in _rows_of(table):
        row: list[str | None] = []
        append = row.append
        c = 0
        width = len(carry)
        for cell in tr.iterchildren("td", "th"):
            while c < width and carry[c]:
                append(None)
                carry[c] -= 1
                c += 1
            text = _text_of(cell) if len(cell) else cell.text
            append(" ".join(text.split()) if text else "")
            colspan = cell.get("colspan")
            rowspan = cell.get("rowspan")
            if colspan is None and rowspan is None:  # most cells: one column, nothing carried down
                c += 1
                if width < c:
                    carry.append(0)
                    width = c
                continue
            colspan, rowspan = _span(colspan), _span(rowspan)
            end = c + colspan
            if colspan > 1:
                row.extend([None] * (colspan - 1))
            if width < end:
                carry.extend([0] * (end - width))
                width = end
            if rowspan > 1 or colspan > 1:
                for k in range(c, end):
                    carry[k] = rowspan - 1
            c = end
        while c < width and carry[c]:
            append(None)
            carry[c] -= 1
            c += 1
        size += len(row)
        if size > _MAX_CELLS:
            break
        rows.append(row)
    return rows


_CLASSES_AND_IDS = lxml.etree.XPath("//@class|//@id")  # in document order; each value knows its element


@lru_cache(maxsize=1024)
def _what_a_mark_says(mark: str) -> tuple[bool, bool, bool]:
    """Whether a class or id names site chrome, an article container, a title (article_title, newsTitle).

    Each is looked at alone: no pattern spans the space that would join an element's class and id."""
    return _CHROME.search(mark) is not None, _ARTICLE.search(mark) is not None, "title" in mark.lower()


class _PageMarks:
    """What the classes and ids of a page say about its elements.

    Found in one query for the elements that have a class or an id, rather than by asking each of a Word export's
    hundreds of paragraphs and cells for both."""

    def __init__(self, root) -> None:
        self.chrome: set = set()
        self.articles: list = []  # named like an article container, in document order
        self.titles: list = []
        for value in _CLASSES_AND_IDS(root):
            # A plain copy of the value: the cache must not keep the page alive through it.
            chrome, article, title = _what_a_mark_says(str(value))
            if not (chrome or article or title):
                continue
            element = value.getparent()
            if chrome:
                self.chrome.add(element)
            # An element's class and id come one after the other: named twice, it is listed once.
            if article and (not self.articles or self.articles[-1] is not element):
                self.articles.append(element)
            if title and (not self.titles or self.titles[-1] is not element):
                self.titles.append(element)


def _article(root, marks: _PageMarks):
    """The article container if the page has one that holds the report's text, else the whole page."""
    for element in marks.articles:
        if element.tag in ("div", "article", "section", "td") and element not in marks.chrome:
            text = _text_of(element)
            if "政府信息公开" in text and len(text) > 500:
                return element
    return root


# Word exports carry a style on every element and nest spans several deep; neither changes the text, and removing
# them first makes the page several times smaller to decode, parse and walk. Two patterns, each starting with a
# literal the regex engine can search for ("<", "style"): one pattern with both would be tried at every byte.
_PRESENTATION_TAGS = re.compile(rb"<(?:span|font|o:p)\b[^>]*>|</(?:span|font|o:p)>", re.I)
# Lower case only, as Word writes it: any other attribute, a STYLE among them, is left to the parser and ignored. The
# space before it is checked behind the literal, so that the literal stays the first thing searched for.
_STYLES = re.compile(rb"""style(?<=\sstyle)\s*=\s*(?:"[^"]*"|'[^']*')""")
# Encodings in which no byte of a Chinese character is "<", ">", a quote or an ASCII space: the patterns above find
# the same markup in the bytes as in the decoded text, so it can be removed before decoding.
_ASCII_MARKUP = {"utf-8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "ascii", "iso8859-1", "cp1252"}
_INLINE_TAGS = {"span", "font", "b", "strong", "i", "em", "a", "u", "sup", "sub", "o:p"}
_TABLE_HOLDERS = lxml.etree.XPath("//table/ancestor::*")


class _Walker:
    """Turns an element's content into blocks: paragraphs of inline text, tables as grids."""

    def __init__(self, root, marks: _PageMarks) -> None:
        self.blocks: list[Block] = []
        self.chrome = marks.chrome
        # Elements with a table somewhere inside, found in one query rather than a search below every element.
        self.holds_table = set(_TABLE_HOLDERS(root))

    def walk(self, element) -> None:
        inline: list[str] = []
        if element.text:
            inline.append(element.text)
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_TAGS or child in self.chrome:
                pass
            elif tag == "table":
                self.flush(inline)
                if child in self.holds_table:
                    self.walk(child)  # a layout table (older sites lay out the page with tables): read what is inside
                else:
                    self.blocks.append(TableBlock(_grid(child)))
            elif tag in _BLOCK_TAGS and child not in self.holds_table:
                self.flush(inline)
                self.blocks.append(Paragraph(_text(child)))
            elif tag == "br":
                self.flush(inline)
            elif tag in _INLINE_TAGS:
                inline.append(_text_of(child))
            else:
                self.flush(inline)
                self.walk(child)
            if child.tail:
                inline.append(child.tail)
        self.flush(inline)

    def flush(self, inline: list[str]) -> None:
        """The inline text collected so far becomes a paragraph."""
        if inline:
            text = "".join(inline)
            inline.clear()
            if not text.isspace():  # most often the line breaks between two blocks
                joined = _SPACES.sub(" ", text).strip()
                if joined:
                    self.blocks.append(Paragraph(joined))


def _page_text(data: bytes | str) -> str:
    """The page as text, without presentation markup.

    The markup is removed before decoding, which then has a fraction of the page to do. Pages in UTF-16 (or any
    encoding not in _ASCII_MARKUP), and text already decoded, are cleaned as UTF-8."""
    if isinstance(data, str):
        data, encoding = data.encode("utf-8", errors="surrogatepass"), "utf-8"
    else:
        encoding = declared_encoding(data, html=True)
        if encoding is not None and codecs.lookup(encoding).name not in _ASCII_MARKUP:
            data, encoding = decode_declared(data, encoding).encode("utf-8", errors="surrogatepass"), "utf-8"
    return decode_declared(_STYLES.sub(b"", _PRESENTATION_TAGS.sub(b"", data)), encoding)


def html_blocks(data: bytes | str) -> list[Block]:
    text = _page_text(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses an encoding declaration in a str
    if not text or text.isspace():
        return []
    # Plain lxml.etree elements: lxml.html's element classes cost a lookup per element and are not needed here.
    root = lxml.etree.fromstring(text, _PARSER)
    if root is None:
        return []
    marks = _PageMarks(root)
    walker = _Walker(root, marks)
    article = _article(root, marks)
    if article is not root:
        title = _page_title(root, marks)
        if title:
            walker.blocks.append(Meta(title=title))
    walker.walk(article)
    return walker.blocks


def _page_title(root, marks: _PageMarks) -> str:
    """The report's title from the page around the article (h1, a title block, or <title>)."""
    candidates = itertools.chain(
        root.iter("h1", "h2", "h3"),
        (element for element in marks.titles if element.tag in ("div", "p", "td")),
        root.iter("title"),
    )
    for element in candidates:  # lazily: most pages name the report in their first heading
        text = _text(element)
        if len(text) <= 120 and find_title(text):
            return text
    return ""


def parse_html(data: bytes | str, source: str = "<html>") -> ParsedDocument:
    return assemble(html_blocks(data), source)
