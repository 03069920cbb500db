"""Charts where people would rather look than read: items by category, applications by outcome, this year against
last year. PNG bytes from matplotlib's Agg backend, labelled in Chinese with a Noto CJK font when one is installed."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from gongkai.report.model import Report
from gongkai.reporting.drafting import outcome_groups


@dataclass(frozen=True)
class Chart:
    section: str  # the section it follows ("1".."6")
    title: str
    png: bytes


@cache
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in ("Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei"):
        if family in names:
            matplotlib.rcParams["font.family"] = [family]
            break
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.hashsalt"] = "gongkai"
    return plt


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(fig)
    return buffer.getvalue()


def _bars(labels: list[str], values: list[int], title: str, horizontal: bool = False) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, max(2.4, 0.32 * len(labels) + 1)) if horizontal else (6.4, 3.2))
    if horizontal:
        bars = ax.barh(labels[::-1], values[::-1], color="#2f5d8a")
    else:
        bars = ax.bar(labels, values, color="#2f5d8a")
    ax.bar_label(bars, padding=2, fontsize=8)
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    return _png(fig)


def report_charts(report: Report, facts, previous: Report | None, previous_facts) -> list[Chart]:
    charts = []
    if facts.categories:
        title = f"{report.year}年各类主动公开信息数量"
        names = [name for _, name, _ in facts.categories]
        charts.append(Chart("1", title, _bars(names, [n for _, _, n in facts.categories], title, horizontal=True)))
    groups = outcome_groups(report)
    title = f"{report.year}年政府信息公开申请办理结果"
    charts.append(Chart("3", title, _bars([g for g, _ in groups], [n for _, n in groups], title)))
    if previous is not None:
        charts.append(
            Chart(
                "6", f"{report.year}年与{report.year - 1}年对比", _comparison(report, facts, previous, previous_facts)
            )
        )
    return charts


def _comparison(report: Report, facts, previous: Report, previous_facts) -> bytes:
    plt = _pyplot()

    def numbers(r: Report, f) -> list[int]:
        return [
            f.items_total if f is not None else 0,
            r.get("table_b.new_received.total") or 0,
            r.get("table_b.total_processed.total") or 0,
            sum(r.get(f"table_c.{g}.total") or 0 for g in r.table_c),
        ]

    labels = ["主动公开信息", "收到申请", "办结申请", "复议和诉讼"]
    this, last = numbers(report, facts), numbers(previous, previous_facts)
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    xs = range(len(labels))
    a = ax.bar([x - 0.2 for x in xs], last, width=0.4, label=f"{report.year - 1}年", color="#9bb7d4")
    b = ax.bar([x + 0.2 for x in xs], this, width=0.4, label=f"{report.year}年", color="#2f5d8a")
    ax.bar_label(a, fontsize=8)
    ax.bar_label(b, fontsize=8)
    ax.set_xticks(list(xs), labels)
    ax.legend(fontsize=8)
    ax.set_title(f"{report.year}年与{report.year - 1}年对比", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)
