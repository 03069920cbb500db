"""The one rule for text anyone sends us: no control characters.

Tab, line feed and carriage return are text; every other C0 control character, DEL, the non-characters U+FFFE/U+FFFF
and lone surrogates are not. XML 1.0 (DOCX, XLSX) cannot hold them, so a letter or a report holding one could not be
rendered. `gongkai.site.middleware.RefuseControlCharacters` applies `find_control()` to every form field, query
parameter and JSON string the site receives; the renderers strip them anyway (`strip_control`) for data that arrived
some other way. Plain Python: the report core uses it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
MESSAGE = "含有不可见的控制字符（例如 \\x01、\\x0b），请删除后重新提交"


def find_control(text: str) -> str | None:
    """The first control character in `text`, or None."""
    match = CONTROL.search(text)
    return match.group() if match else None


def strip_control(text: str) -> str:
    return CONTROL.sub("", text)


def strings_in(value, depth: int = 0) -> Iterator[str]:
    """Every string (keys included) in a parsed JSON value."""
    if depth > 100:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item, depth + 1)


def without_control(record):
    """A copy of a dataclass (e.g. a `Report`) whose text fields, and the text values of its dict fields, hold no
    control characters: for a renderer given data that did not come through the site's inputs."""
    import dataclasses

    changes = {}
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str) and CONTROL.search(value):
            changes[item.name] = strip_control(value)
        elif isinstance(value, dict) and any(isinstance(v, str) and CONTROL.search(v) for v in value.values()):
            changes[item.name] = {k: strip_control(v) if isinstance(v, str) else v for k, v in value.items()}
    return dataclasses.replace(record, **changes) if changes else record
