"""Item bodies are rich text typed or pasted by staff; only a safe subset of HTML reaches the portal.

HTML pasted from Word carries its own list markup (paragraphs styled `mso-list`, the bullet or number as text in a
`mso-list:Ignore` span), conditional comments, `<o:p>` tags, `<style>` blocks and inline styles. `from_word()` turns
Word's lists into real `<ul>`/`<ol>` (nested by level) and its headings into the levels an item body uses (h2-h4, the
page's own title being h1); nh3 then drops every style, class and unknown tag. The editor (site/assets/editor.js)
does the same on paste, so what the drafter sees is what is saved.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "div",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


WORD_MARKERS = ("mso-", "urn:schemas-microsoft-com", "MsoNormal")
_LEVEL = re.compile(r"level(\d+)")
_ORDERED = re.compile(r"^[(（]?([0-9]+|[a-zA-Z]|[ivxlcIVXLC]+|[一二三四五六七八九十百]+)[.)、）．]")


def _style(tag) -> str:
    return (tag.get("style") or "").replace(" ", "").replace("\n", "").lower()


def from_word(html: str) -> str:
    """Word's clipboard or "save as web page" HTML as plain semantic HTML: lists, headings, tables, text."""
    from bs4 import BeautifulSoup, Comment, Declaration, ProcessingInstruction

    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Declaration, ProcessingInstruction))):
        node.extract()
    for tag in soup.find_all(["style", "script", "meta", "link", "xml", "title"]):
        tag.decompose()
    for tag in soup.find_all(lambda t: ":" in t.name):  # o:p, w:sdt, v:shape …
        tag.unwrap()
    for tag in soup.find_all(["h1", "h5", "h6"]):
        tag.name = "h2" if tag.name == "h1" else "h4"
    paragraphs = [p for p in soup.find_all("p") if "mso-list:" in _style(p) and "mso-list:ignore" not in _style(p)]
    for p in paragraphs:
        markers = [t for t in p.find_all(True) if "mso-list:ignore" in _style(t)]
        marker = "".join(t.get_text() for t in markers).strip()
        for t in markers:
            t.decompose()
        level = _LEVEL.search(_style(p))
        p["data-level"] = level.group(1) if level else "1"
        p["data-kind"] = "ol" if _ORDERED.match(marker) else "ul"
    for p in paragraphs:
        if getattr(p, "decomposed", False) or p.parent is None:
            continue  # already moved into a list
        run = [p]
        sibling = p.next_sibling
        while sibling is not None:
            if isinstance(sibling, str) and not sibling.strip():
                sibling = sibling.next_sibling
                continue
            if getattr(sibling, "name", None) == "p" and sibling.get("data-level") is not None:
                run.append(sibling)
                sibling = sibling.next_sibling
                continue
            break
        root = soup.new_tag(run[0]["data-kind"])
        p.insert_before(root)
        stack = [(1, root)]  # (level, list element)
        for item in run:
            level = int(item["data-level"])
            while level > stack[-1][0] and stack[-1][1].contents:
                nested = soup.new_tag(item["data-kind"])
                stack[-1][1].contents[-1].append(nested)
                stack.append((stack[-1][0] + 1, nested))
            while level < stack[-1][0] and len(stack) > 1:
                stack.pop()
            li = soup.new_tag("li")
            for child in list(item.contents):
                li.append(child.extract())
            stack[-1][1].append(li)
            item.decompose()
    for tag in soup.find_all(["span", "font"]):  # Word wraps every run in one to carry its fonts
        tag.unwrap()
    return str(soup)


def clean_html(html: str) -> str:
    if any(marker in html for marker in WORD_MARKERS):
        html = from_word(html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def html_to_text(html: str) -> str:
    return nh3.clean(html, tags=set()).strip()
