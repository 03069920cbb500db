"""How fast the statutory clock computes due dates, against the naive way (step day by day with chinesecalendar).

    .venv/bin/python benchmarks/bench_workdays.py

Prints due dates per second for: the calendar's bisect counting (20 working days), the full `compute_clock` with
its explanation, and the naive baseline, all on the same random receipt dates in 2024-2026, and checks that they
agree. Runs in about five seconds.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import chinese_calendar

from gongkai.workdays import ConsultationAnswered, ConsultationStarted, Received, compute_clock, default_calendar

N = 20_000
N_NAIVE = 2_000  # the naive walk is about a thousand times slower; a tenth of the sample is plenty


def naive_due(received: date, workdays: int = 20) -> date:
    day = received
    while workdays:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            workdays -= 1
    return day


def rate(label: str, count: int, seconds: float) -> None:
    print(f"{label:<46} {count / seconds:>12,.0f} /s  ({seconds * 1000:,.1f} ms for {count:,})")


def main() -> None:
    rng = random.Random(20261126)
    first, last = date(2024, 1, 1).toordinal(), date(2026, 10, 31).toordinal()
    receipts = [date.fromordinal(rng.randint(first, last)) for _ in range(N)]
    calendar = default_calendar()
    calendar.add_workdays(receipts[0], 20)  # build the per-year tables outside the timing, as a running server has

    start = time.perf_counter()
    naive = [naive_due(day) for day in receipts[:N_NAIVE]]
    naive_rate = N_NAIVE / (time.perf_counter() - start)
    rate("naive: chinesecalendar.is_workday day by day", N_NAIVE, time.perf_counter() - start)

    start = time.perf_counter()
    fast = [calendar.add_workdays(day, 20) for day in receipts]
    fast_rate = N / (time.perf_counter() - start)
    rate("WorkdayCalendar.add_workdays (bisect)", N, time.perf_counter() - start)

    start = time.perf_counter()
    clocks = [compute_clock([Received(on=day)], calendar).due_date for day in receipts]
    clock_rate = N / (time.perf_counter() - start)
    rate("compute_clock, with explanation", N, time.perf_counter() - start)

    paused_cases = [
        [
            Received(on=day),
            ConsultationStarted(on=day + timedelta(days=5)),
            ConsultationAnswered(on=day + timedelta(days=12)),
        ]
        for day in receipts[: N // 4]
    ]
    start = time.perf_counter()
    for events in paused_cases:
        compute_clock(events, calendar)
    rate("compute_clock, one consultation pause", len(paused_cases), time.perf_counter() - start)

    assert fast == clocks, "compute_clock and add_workdays disagree"
    assert fast[:N_NAIVE] == naive, "the fast and the naive counts disagree"
    print(
        f"add_workdays is {fast_rate / naive_rate:,.0f}x and compute_clock {clock_rate / naive_rate:,.0f}x "
        "the naive walk; the due dates agree"
    )


if __name__ == "__main__":
    main()
