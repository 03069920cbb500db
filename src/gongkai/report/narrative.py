"""Numbers a report's narrative states, read from its text.

Rule T1 compares them with the tables and with each other. Each statement keeps the words it was read from, so a
finding can show them. The patterns follow how real reports phrase these facts ("共收到政府信息公开申请70件",
"未收到政府信息公开申请", "共公开政务信息83次（条）。其中政策文件2条、…"); a phrase they miss is simply not read,
never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

NUM = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
_QUANTIFIER = r"(?:件|个|条|起|宗|例|份|次|篇)"


def chinese_number(text: str) -> int:
    """'83' -> 83, '二十三' -> 23, '十' -> 10, '一百零五' -> 105."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            raise ValueError(text)
    return total + (digit or 0)


@dataclass(frozen=True)
class Statement:
    topic: str  # one of TOPICS
    value: int
    quote: str  # the words it was read from
    breakdown: tuple[tuple[str, int], ...] = ()  # for proactive_total: the categories listed after 其中


# What each topic means, for messages.
TOPICS = {
    "new_received": "本年新收政府信息公开申请",
    "total_processed": "本年办结（答复）申请",
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "carried_forward": "结转下年度办理",
    "reconsideration": "行政复议",
    "litigation": "行政诉讼",
    "normative_in_force": "现行有效的规范性文件",
    "proactive_total": "主动公开政府信息总数",
}

_APPLICATION = r"(?:政府信息公开|信息公开|依申请公开)(?:的)?申请"
_RECEIVED = r"(?:新?收到|受理|接收|新收)"
_COUNTED = [
    (
        "new_received",
        rf"{_RECEIVED}(?:各类|群众|公民)?{_APPLICATION}(?:共计?|数量为?|总数)?{NUM}{_QUANTIFIER}",
    ),
    ("new_received", rf"{_RECEIVED}(?:政府信息公开|依申请公开)(?:共计?)?{NUM}{_QUANTIFIER}"),
    (
        "new_received",
        rf"{_RECEIVED}(?:各类)?(?:共计?)?{NUM}(?:件|个|份)(?:政府信息公开|依申请公开)?申请",
    ),
    ("total_processed", rf"(?:已?办结|答复|办理完毕)(?:各类)?(?:申请)?(?:共计?)?{NUM}{_QUANTIFIER}"),
    ("granted", rf"予以公开(?:的)?(?:申请)?{NUM}{_QUANTIFIER}"),
    ("partially_granted", rf"部分公开(?:的)?(?:申请)?{NUM}{_QUANTIFIER}"),
    ("withheld", rf"不予公开(?:的)?(?:申请)?{NUM}{_QUANTIFIER}"),
    ("unavailable", rf"无法提供(?:的)?(?:申请)?{NUM}{_QUANTIFIER}"),
    ("not_processed", rf"不予处理(?:的)?(?:申请)?{NUM}{_QUANTIFIER}"),
    ("carried_forward", rf"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?{NUM}{_QUANTIFIER}"),
    ("carried_forward", rf"{NUM}(?:件|个)(?:申请)?结转(?:至|到)?下(?:一)?年度?"),
    ("reconsideration", rf"行政复议(?:案件|申请)?(?:共计?)?{NUM}{_QUANTIFIER}"),
    ("litigation", rf"行政诉讼(?:案件)?(?:共计?)?{NUM}{_QUANTIFIER}"),
    ("normative_in_force", rf"现行有效(?:的)?(?:行政)?规范性文件(?:共计?|为)?{NUM}{_QUANTIFIER}"),
]
# Each pattern runs only on a text that holds its keyword: a cheap `in` test spares most regex scans.
_KEYWORDS = {
    "new_received": "申请",
    "total_processed": "",
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "carried_forward": "结转",
    "reconsideration": "行政复议",
    "litigation": "行政诉讼",
    "normative_in_force": "现行有效",
}
_COUNTED_RE = [(topic, _KEYWORDS[topic], re.compile(pattern)) for topic, pattern in _COUNTED]

# A denial: "未收到政府信息公开申请", "未发生因政府信息公开引起的行政复议、行政诉讼".
_NONE_RE = [
    ("new_received", "申请", re.compile(rf"(?:未|没有)(?:收到|受理|接到){_APPLICATION}")),
    ("reconsideration", "行政复议", re.compile(r"(?:未|没有|无)(?:发生|收到|出现|涉及|产生|有)[^。；]{0,20}?行政复议")),
    ("litigation", "行政诉讼", re.compile(r"(?:未|没有|无)(?:发生|收到|出现|涉及|产生|有)[^。；]{0,20}?行政诉讼")),
]

_PROACTIVE_RE = re.compile(
    rf"(?:共|累计|全年|总共)(?:计)?(?:主动)?(?:公开|发布|公布)(?:各类)?(?:政务|政府)?信息(?:共计?)?{NUM}"
    r"(?:次（条）|次\(条\)|条（次）|条|次|篇|件)"
)
_BREAKDOWN_START_RE = re.compile(r"^[。，,；;：:\s（(]*其中[：:，,]?")
_BREAKDOWN_ITEM_RE = re.compile(rf"([^，,。；;：:（）()]*?[^\d，,。；;：:（）()、]){NUM}(?:次（条）|条|次|篇|件)")
_SEPARATORS = "、，,；; "


def _quote(text: str, match: re.Match[str], margin: int = 12) -> str:
    start = max(0, match.start() - margin)
    return text[start : match.end()].strip()


def _breakdown(text: str, end: int) -> tuple[tuple[str, int], ...]:
    """The categories listed right after a total: "。其中政策文件2条、机构职能1条、…"."""
    head = _BREAKDOWN_START_RE.match(text[end : end + 8])
    if not head:
        return ()
    position = end + head.end()
    stop = len(text)
    for terminator in ("。", "\n", "）", ")"):
        found = text.find(terminator, position)
        if found != -1:
            stop = min(stop, found)
    items = []
    for match in _BREAKDOWN_ITEM_RE.finditer(text, position, stop):
        name = match.group(1).strip(_SEPARATORS)
        if name:
            items.append((name, chinese_number(match.group(2))))
    return tuple(items)


def read_statements(text: str) -> list[Statement]:
    """Every statement of a counted fact in `text`, in the order they appear."""
    text = re.sub(r"[ \t\u3000]+", "", text)
    found: list[tuple[int, Statement]] = []
    for topic, keyword, pattern in _COUNTED_RE:
        if keyword not in text:
            continue
        for match in pattern.finditer(text):
            found.append((match.start(), Statement(topic, chinese_number(match.group(1)), _quote(text, match))))
    for topic, keyword, pattern in _NONE_RE:
        if keyword not in text:
            continue
        for match in pattern.finditer(text):
            found.append((match.start(), Statement(topic, 0, _quote(text, match, margin=0))))
    for match in _PROACTIVE_RE.finditer(text):
        statement = Statement(
            "proactive_total", chinese_number(match.group(1)), _quote(text, match), _breakdown(text, match.end())
        )
        found.append((match.start(), statement))
    found.sort(key=lambda pair: pair[0])
    return [statement for _, statement in found]
