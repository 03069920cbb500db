from datetime import date, datetime

from helpers_platform import review_to_publication

from gongkai.publishing import services
from personas import TZ


def _publish_on(day, make_item, people, frozen, formed_on):
    item = make_item(formed_on=formed_on)
    frozen.move_to(datetime.combine(day, datetime.min.time(), tzinfo=TZ).replace(hour=10), tick=False)
    alice, *reviewers = people
    return review_to_publication(services.item_submit(item=item, actor=alice), *reviewers)


def test_it_marks_an_item_published_after_twenty_working_days_late(make_item, alice, bob, cindy, dave, frozen):
    # Formed Monday 2 March 2026: the 20th working day after is Monday 30 March.
    item = _publish_on(date(2026, 3, 31), make_item, (alice, bob, cindy, dave), frozen, date(2026, 3, 2))
    assert item.publish_by == date(2026, 3, 30) and item.is_late


def test_it_does_not_mark_an_item_published_on_the_last_day(make_item, alice, bob, cindy, dave, frozen):
    item = _publish_on(date(2026, 3, 30), make_item, (alice, bob, cindy, dave), frozen, date(2026, 3, 2))
    assert not item.is_late


def test_it_counts_working_days_across_a_holiday(make_item, alice, bob, cindy, dave, frozen):
    # Formed 24 September 2026: 国庆节 and 中秋节 (1-7 October) push the limit to 29 October.
    item = make_item(formed_on=date(2026, 9, 24))
    assert item.publish_by == date(2026, 10, 29)


def test_it_lists_late_and_overdue_items_on_the_dashboard(client, agency, make_item, alice, bob, cindy, dave, frozen):
    late = _publish_on(date(2026, 4, 2), make_item, (alice, bob, cindy, dave), frozen, date(2026, 3, 2))
    waiting = make_item(title="还没发布的通知", formed_on=date(2026, 3, 2))
    client.force_login(alice)
    page = client.get(f"/staff/{agency.pk}/").text
    assert late.title in page and "逾期公开的信息" in page
    assert waiting.title in page  # past 30 March and still a draft
