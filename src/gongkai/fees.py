"""信息处理费 under 国办函〔2020〕109号 (政府信息公开信息处理费管理办法), plain Python.

Disclosure is free (条例第42条) unless the quantity or frequency of requests clearly exceeds a reasonable range. Two
methods, both progressive (超额累进), and one application is charged by one of them, never both:
- by count (按件), per applicant per calendar month: applications 1-10 free, 11-30 at 100 yuan each, and from 31 on
  every further band of 10 costs 100 yuan more per application (31-40: 200, 41-50: 300, ...);
- by volume (按量), per application: pages 1-30 free, 31-100 at 10 yuan a page, 101-200 at 20, 201 and more at 40.
Every rate is whole yuan, so amounts are ints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FREE_APPLICATIONS_PER_MONTH = 10
FREE_PAGES = 30

# (first page, last page or None for "and more", yuan per page)
VOLUME_BANDS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)


class FeeInputError(ValueError):
    """The quantity to charge for cannot be used (not a whole number, negative, or both methods at once)."""


class FeeMethod(StrEnum):
    BY_COUNT = "count"  # 按件计收
    BY_VOLUME = "pages"  # 按量计收

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeMethod.BY_COUNT else "按量计收"

    @property
    def unit(self) -> str:
        return "件" if self is FeeMethod.BY_COUNT else "页"


@dataclass(frozen=True)
class BandCharge:
    """One band of the worked breakdown: items `first`..`last` at `rate_yuan` each."""

    first: int
    last: int
    rate_yuan: int
    unit: str

    @property
    def quantity(self) -> int:
        return self.last - self.first + 1

    @property
    def amount_yuan(self) -> int:
        return self.quantity * self.rate_yuan

    @property
    def text(self) -> str:
        span = f"第{self.first}{self.unit}" if self.first == self.last else f"第{self.first}—{self.last}{self.unit}"
        if self.rate_yuan == 0:
            return f"{span}：免费"
        return f"{span}：{self.quantity}{self.unit} × {self.rate_yuan}元 = {self.amount_yuan}元"

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "last": self.last,
            "quantity": self.quantity,
            "rate_yuan": self.rate_yuan,
            "amount_yuan": self.amount_yuan,
            "text": self.text,
        }


@dataclass(frozen=True)
class FeeResult:
    method: FeeMethod
    quantity: int
    breakdown: tuple[BandCharge, ...]
    marginal: bool = False  # 按件, this application's own charge: the `quantity`-th of the month

    @property
    def amount_yuan(self) -> int:
        return sum(band.amount_yuan for band in self.breakdown)

    @property
    def summary(self) -> str:
        scope = "同一申请人一个自然月内" if self.method is FeeMethod.BY_COUNT else "本件申请"
        what = f"{scope}{self.quantity}{self.method.unit}"
        if self.marginal:
            what = f"{scope}第{self.quantity}件申请"
        if self.amount_yuan == 0:
            return f"{self.method.label}：{what}，在免费范围内，不收费（109号）"
        return f"{self.method.label}：{what}，信息处理费{self.amount_yuan}元（109号，超额累进）"

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method.value,
            "quantity": self.quantity,
            "amount_yuan": self.amount_yuan,
            "breakdown": [band.to_dict() for band in self.breakdown],
            "summary": self.summary,
        }


def _check_quantity(value: object, what: str) -> int:
    # bool is an int subclass; True pages is a bug in the caller, not one page.
    if isinstance(value, bool) or not isinstance(value, int):
        raise FeeInputError(f"{what}必须是整数：{value!r}")
    if value < 0:
        raise FeeInputError(f"{what}不能为负数：{value}")
    return value


def count_rate_yuan(nth: int) -> int:
    """The fee for the `nth` application of one applicant in one calendar month (按件): what its own notice charges."""
    nth = _check_quantity(nth, "申请序号")
    if nth < 1:
        raise FeeInputError("申请序号从1开始")
    if nth <= FREE_APPLICATIONS_PER_MONTH:
        return 0
    if nth <= 30:
        return 100
    return 100 * ((nth - 31) // 10 + 2)


def volume_rate_yuan(page: int) -> int:
    """The fee for page number `page` of one application (按量)."""
    page = _check_quantity(page, "页码")
    if page < 1:
        raise FeeInputError("页码从1开始")
    for first, last, rate in VOLUME_BANDS:
        if first <= page and (last is None or page <= last):
            return rate
    raise AssertionError("VOLUME_BANDS covers every page")  # pragma: no cover


def fee_by_count(applications: int) -> FeeResult:
    """按件计收: the month's total for one applicant who filed `applications` applications in one calendar month."""
    applications = _check_quantity(applications, "申请件数")
    # Bands: 1-10, 11-30, then every 10; generated as far as needed, since the ladder never ends.
    edges = [(1, FREE_APPLICATIONS_PER_MONTH), (11, 30)]
    while edges[-1][1] < applications:
        start = edges[-1][1] + 1
        edges.append((start, start + 9))
    return FeeResult(FeeMethod.BY_COUNT, applications, _bands(edges, applications, count_rate_yuan, "件"))


def marginal_count_fee(nth: int) -> FeeResult:
    """按件计收 for one application: the `nth` application of the applicant in the month pays what the tiers charge for
    the nth (the month's total for n minus that for n - 1), with its breakdown."""
    rate = count_rate_yuan(nth)
    return FeeResult(FeeMethod.BY_COUNT, nth, (BandCharge(first=nth, last=nth, rate_yuan=rate, unit="件"),), True)


def fee_by_volume(pages: int) -> FeeResult:
    """按量计收: the fee for one application of `pages` pages."""
    pages = _check_quantity(pages, "页数")
    edges = [(first, last if last is not None else max(pages, first)) for first, last, _ in VOLUME_BANDS]
    return FeeResult(FeeMethod.BY_VOLUME, pages, _bands(edges, pages, volume_rate_yuan, "页"))


def compute_fee(*, count: int | None = None, pages: int | None = None) -> FeeResult:
    """One application's fee by exactly one method: `count` (the applicant's applications this month) or `pages`."""
    if count is not None and pages is not None:
        raise FeeInputError("同一申请只能选择按件或按量一种方式计收，不能同时适用（109号）")
    if count is not None:
        return fee_by_count(count)
    if pages is not None:
        return fee_by_volume(pages)
    raise FeeInputError("请指定按件计收的申请件数或按量计收的页数")


def _bands(
    edges: list[tuple[int, int]], quantity: int, rate: Callable[[int], int], unit: str
) -> tuple[BandCharge, ...]:
    charges = []
    for first, last in edges:
        if first > quantity:
            break
        charges.append(BandCharge(first=first, last=min(last, quantity), rate_yuan=rate(first), unit=unit))
    return tuple(charges)
