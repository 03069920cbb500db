"""Replaying applications' event logs: how long it takes to derive an application's whole state from its events,
beside the plain clock (a receipt and nothing else) measured in the same run.

    .venv/bin/python benchmarks/bench_applications.py [--count 100000]

The event sequences are generated as a year of real casework looks: most applications answered in time, some with a
correction, a consultation (some silent), an extension, a fee, a late answer; delivered and closed. Every one is
derived with `derive_case` (the function whose result the platform caches and verify_applications recomputes).
Prints microseconds per application for both and their ratio. Target: a replay costs under 10x the plain clock, so
recomputing every open application when a year's schedule is entered stays a matter of seconds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

from gongkai.workdays import (
    Answered,
    Closed,
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    Delivered,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Received,
    WorkdayCalendar,
    compute_clock,
    derive_case,
)

TARGET_RATIO = 10.0


def case_events(rng: random.Random, received: date) -> list:
    events: list = [Received(on=received, channel=rng.choice(["post", "online", "in_person", "fax"]))]
    day = received
    outcome = rng.choice(["granted", "partially_granted", "withheld_third_party", "unavailable_not_held"])
    if rng.random() < 0.1:
        events.append(CorrectionRequested(on=day + timedelta(days=2), reply_by=day + timedelta(days=12)))
        day += timedelta(days=6)
        events.append(CorrectionReceived(on=day))
    if rng.random() < 0.15:
        events.append(ConsultationStarted(on=day + timedelta(days=3), party="third_party", ref="c1"))
        if rng.random() < 0.7:  # the rest stay silent: the pause ends by law
            events.append(ConsultationAnswered(on=day + timedelta(days=10), ref="c1"))
        day += timedelta(days=10)
    if rng.random() < 0.1:
        events.append(ExtensionApproved(workdays=rng.randint(5, 20), on=day + timedelta(days=5)))
    if rng.random() < 0.03:
        events.append(FeeNoticeSent(on=day + timedelta(days=4)))
        events.append(FeePaid(on=day + timedelta(days=8)))
        day += timedelta(days=8)
    answer = day + timedelta(days=rng.randint(10, 40))  # some late
    events += [Answered(on=answer, outcome=outcome), Delivered(on=answer + timedelta(days=2))]
    events.append(Closed(on=answer + timedelta(days=3)))
    return events


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    count = parser.parse_args().count
    rng = random.Random(20261201)
    first, last = date(2024, 1, 2).toordinal(), date(2026, 9, 30).toordinal()
    receipts = [date.fromordinal(rng.randint(first, last)) for _ in range(count)]
    cases = [case_events(rng, day) for day in receipts]
    calendar = WorkdayCalendar(provisional=True)
    for year in (2024, 2025, 2026, 2027):
        calendar.add_workdays(date(year, 1, 1), 1)  # the per-year tables built once, as in a running server
    events = sum(len(c) for c in cases)

    start = time.process_time()
    for day in receipts:
        compute_clock([Received(on=day)], calendar)
    plain = (time.process_time() - start) / count

    start = time.process_time()
    late = 0
    for case in cases:
        late += derive_case(case, calendar).answered_late
    replay = (time.process_time() - start) / count

    ratio = replay / plain
    print(f"applications replayed                 {count:>10,}  ({events:,} events, {late:,} answered late)")
    print(f"plain clock (receipt only), baseline  {plain * 1e6:>10.1f} µs per application")
    print(f"derive_case over the whole event log  {replay * 1e6:>10.1f} µs per application  ({ratio:.1f}x)")
    print(f"all {count:,} replayed in {replay * count:.1f} s of CPU")
    met = ratio <= TARGET_RATIO
    print(f"target: replay ≤ {TARGET_RATIO:.0f}x the plain clock — {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
