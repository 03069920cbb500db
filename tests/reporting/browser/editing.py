"""Typing into a report section's editor (ProseMirror) as a person would: the textarea behind it is hidden."""

from __future__ import annotations

_SELECT = """([id, text]) => {
    const root = document.querySelector(`.prose-editor:has(#${id}) .tiptap`);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const at = node.data.indexOf(text);
        if (at >= 0) {
            root.focus();
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return true;
        }
    }
    return false;
}"""


def editor(page, field_id: str):
    return page.locator(f".prose-editor:has(#{field_id}) .tiptap")


def replace_text(page, field_id: str, old: str, new: str) -> int:
    """Select each occurrence of `old` in the section's editor and type `new` over it; how many were replaced."""
    count = 0
    while page.evaluate(_SELECT, [field_id, old]):
        page.keyboard.type(new)
        count += 1
    return count


def retype(page, field_id: str, text: str) -> None:
    """Select everything in the section's editor and type `text` instead."""
    editor(page, field_id).click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
