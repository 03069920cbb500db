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

NUM = r"(\d{1,3}(?:,\d{3})+(?!\d)|\d+|[零〇一二两三四五六七八九十百千]+)"  # 1,234 with its thousands separator
_QUANTIFIER = r"(?:件|个|条|起|宗|例|份|次|篇)"


def chinese_number(text: str) -> int:
    """'83' -> 83, '二十三' -> 23, '十' -> 10, '一百零五' -> 105."""
    if "," in text:
        text = text.replace(",", "")
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
_RECEIVED_ANCHORS = ("收到", "受理", "接收", "新收")
_OUTCOME_TAIL = rf"(?:的)?(?:申请)?{NUM}{_QUANTIFIER}"


@dataclass(frozen=True)
class _Pattern:
    """A phrase stating a count. It is searched for only around its anchors: Chinese text has no word boundaries
    to skip by, and finding a rare literal first (str.find) is many times faster than scanning with the regex."""

    topic: str
    anchors: tuple[str, ...]
    regex: re.Pattern[str]
    before: int = 2  # how far the phrase may start before its anchor
    denial: bool = False  # "未收到…": states zero


def _p(topic: str, anchors: tuple[str, ...], pattern: str, before: int = 2, denial: bool = False) -> _Pattern:
    return _Pattern(topic, anchors, re.compile(pattern), before, denial)


_PATTERNS = (
    _p(
        "new_received",
        _RECEIVED_ANCHORS,
        rf"{_RECEIVED}(?:各类|群众|公民)?{_APPLICATION}(?:共计?|数量为?|总数)?{NUM}{_QUANTIFIER}",
    ),
    _p("new_received", _RECEIVED_ANCHORS, rf"{_RECEIVED}(?:政府信息公开|依申请公开)(?:共计?)?{NUM}{_QUANTIFIER}"),
    _p(
        "new_received",
        _RECEIVED_ANCHORS,
        rf"{_RECEIVED}(?:各类)?(?:共计?)?{NUM}(?:件|个|份)(?:政府信息公开|依申请公开)?申请",
    ),
    _p(
        "total_processed",
        ("办结", "答复", "办理完毕"),
        rf"(?:已?办结|答复|办理完毕)(?:各类)?(?:申请)?(?:共计?)?{NUM}{_QUANTIFIER}",
    ),
    _p("granted", ("予以公开",), rf"予以公开{_OUTCOME_TAIL}"),
    _p("partially_granted", ("部分公开",), rf"部分公开{_OUTCOME_TAIL}"),
    _p("withheld", ("不予公开",), rf"不予公开{_OUTCOME_TAIL}"),
    _p("unavailable", ("无法提供",), rf"无法提供{_OUTCOME_TAIL}"),
    _p("not_processed", ("不予处理",), rf"不予处理{_OUTCOME_TAIL}"),
    _p(
        "carried_forward",
        ("结转",),
        rf"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?{NUM}{_QUANTIFIER}",
    ),
    _p("carried_forward", ("结转",), rf"{NUM}(?:件|个)(?:申请)?结转(?:至|到)?下(?:一)?年度?", before=12),
    _p("reconsideration", ("行政复议",), rf"行政复议(?:案件|申请)?(?:共计?)?{NUM}{_QUANTIFIER}"),
    _p("litigation", ("行政诉讼",), rf"行政诉讼(?:案件)?(?:共计?)?{NUM}{_QUANTIFIER}"),
    _p("normative_in_force", ("现行有效",), rf"现行有效(?:的)?(?:行政)?规范性文件(?:共计?|为)?{NUM}{_QUANTIFIER}"),
    # Denials: "未收到政府信息公开申请", "未发生因政府信息公开引起的行政复议、行政诉讼".
    _p("new_received", ("申请",), rf"(?:未|没有)(?:收到|受理|接到){_APPLICATION}", before=20, denial=True),
    _p(
        "reconsideration",
        ("行政复议",),
        r"(?:未|没有|无)(?:发生|收到|出现|涉及|产生|有)[^。；]{0,20}?行政复议",
        before=30,
        denial=True,
    ),
    _p(
        "litigation",
        ("行政诉讼",),
        r"(?:未|没有|无)(?:发生|收到|出现|涉及|产生|有)[^。；]{0,20}?行政诉讼",
        before=30,
        denial=True,
    ),
)
_AFTER = 60  # how far a phrase may run past its anchor

_PROACTIVE = _p(
    "proactive_total",
    ("共", "累计", "全年"),
    rf"(?:共|累计|全年|总共)(?:计)?(?:主动)?(?:公开|发布|公布)(?:各类)?(?:政务|政府)?信息(?:共计?)?{NUM}"
    r"(?:次（条）|次\(条\)|条（次）|条|次|篇|件)",
    before=1,  # 总共: the anchor 共 stands one character into the phrase
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


def _positions(text: str, anchor: str, cache: dict[str, list[int]]) -> list[int]:
    """Where the anchor stands in the text; patterns share anchors, so each is looked for once per text."""
    if anchor not in cache:
        positions, position = [], text.find(anchor)
        while position != -1:
            positions.append(position)
            position = text.find(anchor, position + 1)
        cache[anchor] = positions
    return cache[anchor]


def _matches(text: str, pattern: _Pattern, cache: dict[str, list[int]]) -> list[re.Match[str]]:
    found: dict[int, re.Match[str]] = {}
    for anchor in pattern.anchors:
        for position in _positions(text, anchor, cache):
            match = pattern.regex.search(text, max(0, position - pattern.before), position + len(anchor) + _AFTER)
            if match is not None:
                found.setdefault(match.start(), match)
    return [found[start] for start in sorted(found)]


# Spaces of every kind (PDF text spaces digits out, "1 5 件"; web pages use &nbsp; and en spaces), and a line break
# that falls inside a number or between a number and its unit (a line of a PDF broken there).
_SPACES = re.compile(r"[^\S\n]+")
_BROKEN_NUMBER = re.compile(r"(?<=\d)\n+(?=[\d件个条起宗例份次篇])|(?<=[^\s。；！？:：])\n+(?=\d)")


def _squeeze(text: str) -> str:
    return _BROKEN_NUMBER.sub("", _SPACES.sub("", text))


# Compounds, where a number is not the count of the one category the pattern names (a wrong warning costs a
# supervisor more time than a missing one, so these are not read):
# - two categories joined before one number: "予以公开及部分公开42件", "被申请行政复议、提起行政诉讼共3件";
# - a number that includes others: "予以公开42件（含部分公开22件）", "收到申请42件，其中上年结转2件";
# - a number that is not exact: "40件以上", "40件左右";
# - 予以公开 said of proactive disclosure ("主动予以公开42件").
_TOPIC_WORDS = r"予以公开|部分公开|不予公开|无法提供|不予处理|行政复议|复议|行政诉讼|诉讼|办结|答复|收到|受理|结转"
_JOINED_BEFORE = re.compile(
    rf"(?:{_TOPIC_WORDS})[^。；;，,\d]{{0,8}}?(?:及|和|与|、|或|以及|加|并|跟|/)[^。；;，,\d]{{0,6}}$"
)
_CLAUSE_START = re.compile(r"[。；;，,:：\n\d](?!.*[。；;，,:：\n\d])", re.S)  # the last one
_INCLUDES_AFTER = re.compile(r"^[（(，,、]?(?:含|包括|包含|均含|合计|共计)")
_PART_AFTER = re.compile(r"^[（(，,；;。]?其中[^。；;]{0,20}?(?P<part>部分公开|结转|上年)")
_NOT_EXACT_AFTER = re.compile(r"^(?:以上|以下|左右|之多|上下|余)")
_OUTCOME_TOPICS = {"granted", "partially_granted", "withheld", "unavailable", "not_processed"}
_PARTS = {"granted": ("部分公开",), "new_received": ("结转", "上年")}


def _compound(text: str, match: re.Match[str], topic: str) -> bool:
    """Whether the number a pattern matched is a sum, a part of a sum, or not exact (see above)."""
    start = match.start()
    prefix = text[max(0, start - 24) : start]
    cut = _CLAUSE_START.search(prefix)
    clause = prefix[cut.end() :] if cut else prefix
    if _JOINED_BEFORE.search(clause):
        return True
    if topic in _OUTCOME_TOPICS and "主动" in clause:
        return True
    after = text[match.end() : match.end() + 30]
    if _INCLUDES_AFTER.match(after) or _NOT_EXACT_AFTER.match(after):
        return True
    part = _PART_AFTER.match(after)
    return part is not None and part.group("part") in _PARTS.get(topic, ())


def read_statements(text: str) -> list[Statement]:
    """Every statement of a counted fact in `text`, in the order they appear."""
    text = _squeeze(text)
    found: list[tuple[int, Statement]] = []
    anchors: dict[str, list[int]] = {}
    for pattern in _PATTERNS:
        for match in _matches(text, pattern, anchors):
            if pattern.denial:
                statement = Statement(pattern.topic, 0, _quote(text, match, margin=0))
            elif _compound(text, match, pattern.topic):
                continue
            else:
                statement = Statement(pattern.topic, chinese_number(match.group(1)), _quote(text, match))
            found.append((match.start(), statement))
    for match in _matches(text, _PROACTIVE, anchors):
        statement = Statement(
            "proactive_total", chinese_number(match.group(1)), _quote(text, match), _breakdown(text, match.end())
        )
        found.append((match.start(), statement))
    found.sort(key=lambda pair: pair[0])
    return [statement for _, statement in found]
