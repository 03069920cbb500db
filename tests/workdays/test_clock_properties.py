"""Properties that hold for any application (hypothesis)."""

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import (
    ConsultationAnswered,
    ConsultationStarted,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    Received,
    compute_clock,
    default_calendar,
)

from .schedules import step_workdays

CALENDAR = default_calendar()
# Late enough in 2026 to cross the National Day holidays, early enough that 40 working days plus pauses stay in 2026.
receipts = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 30))
# A consultation answered within 14 calendar days stays inside its 15 working days (第32条), so no pause is cut short.
pause_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 14)), max_size=3)
# A fee notice within 20 calendar days of receipt is always inside the reply period (109号).
fee_spans = st.tuples(st.integers(0, 20), st.integers(0, 14))
extensions = st.integers(0, 20)
EXAMPLES = settings(max_examples=200, deadline=None)


def build(received, spans, extension=0, fee=None):
    events = [Received(on=received)]
    for number, (offset, length) in enumerate(spans):
        start = received + timedelta(days=offset)
        events.append(ConsultationStarted(on=start, ref=str(number)))
        events.append(ConsultationAnswered(on=start + timedelta(days=length), ref=str(number)))
    if fee is not None:
        offset, length = fee
        events.append(FeeNoticeSent(on=received + timedelta(days=offset)))
        events.append(FeePaid(on=received + timedelta(days=offset + length)))
    if extension:
        events.append(ExtensionApproved(workdays=extension))
    return events


@EXAMPLES
@given(receipts, pause_spans, extensions)
def test_it_always_lands_on_a_working_day(received, spans, extension):
    due = compute_clock(build(received, spans, extension), CALENDAR).due_date
    assert CALENDAR.is_workday(due)


@EXAMPLES
@given(receipts, pause_spans, fee_spans)
def test_it_never_moves_the_date_earlier_for_a_pause(received, spans, extra):
    without = compute_clock(build(received, spans), CALENDAR).due_date
    with_pause = compute_clock(build(received, spans, fee=extra), CALENDAR).due_date
    assert with_pause >= without


@EXAMPLES
@given(receipts, pause_spans, st.integers(1, 20))
def test_it_adds_exactly_n_working_days_for_an_extension_of_n(received, spans, extension):
    base = compute_clock(build(received, spans), CALENDAR)
    extended = compute_clock(build(received, spans, extension), CALENDAR)
    # Paused working days between the two dates do not count as part of the extension.
    pauses = [(received + timedelta(days=o), received + timedelta(days=o + n)) for o, n in spans]
    day, counted = base.due_date, 0
    while day < extended.due_date:
        day += timedelta(days=1)
        if CALENDAR.is_workday(day) and not any(start < day <= end for start, end in pauses):
            counted += 1
    assert counted == extension
    if not spans:
        assert extended.due_date == CALENDAR.add_workdays(base.due_date, extension)


@EXAMPLES
@given(receipts, pause_spans, extensions, st.randoms(use_true_random=False))
def test_it_gives_the_same_result_whatever_the_order_of_events(received, spans, extension, rnd):
    events = build(received, spans, extension, fee=(3, 5))
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert compute_clock(shuffled, CALENDAR) == compute_clock(events, CALENDAR)


@EXAMPLES
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 10, 31)), st.integers(0, 40))
def test_it_counts_like_a_day_by_day_walk(start, count):
    assert CALENDAR.add_workdays(start, count) == step_workdays(start, count)
    assert CALENDAR.count_workdays(start, CALENDAR.add_workdays(start, count)) == count


def test_it_shuffles_a_fixed_case_the_same_way_every_time():
    # A plain example next to the properties, so a failure there has a readable twin.
    events = build(date(2026, 9, 24), [(18, 8)], 5)
    reversed_result = compute_clock(list(reversed(events)), CALENDAR)
    random.Random(4).shuffle(events)
    assert compute_clock(events, CALENDAR) == reversed_result
    assert reversed_result.due_date == date(2026, 11, 13)
