"""按量计收: pages per application, progressive (109号)."""

import pytest

from gongkai.fees import FeeMethod, fee_by_volume, volume_rate_yuan


def test_it_charges_150_pages_1700_yuan():
    result = fee_by_volume(150)
    assert result.amount_yuan == 1700
    assert result.method is FeeMethod.BY_VOLUME
    assert [b.text for b in result.breakdown] == [
        "第1—30页：免费",
        "第31—100页：70页 × 10元 = 700元",
        "第101—150页：50页 × 20元 = 1000元",
    ]


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700), (1000, 34700)],
)
def test_it_charges_each_band_at_its_rate(pages, yuan):
    assert fee_by_volume(pages).amount_yuan == yuan


@pytest.mark.parametrize(("page", "yuan"), [(1, 0), (30, 0), (31, 10), (100, 10), (101, 20), (200, 20), (201, 40)])
def test_it_gives_the_rate_of_each_page(page, yuan):
    assert volume_rate_yuan(page) == yuan


def test_it_serialises_the_breakdown():
    data = fee_by_volume(31).to_dict()
    assert data["amount_yuan"] == 10
    assert data["method"] == "pages"
    assert data["breakdown"][-1] == {
        "first": 31,
        "last": 31,
        "quantity": 1,
        "rate_yuan": 10,
        "amount_yuan": 10,
        "text": "第31页：1页 × 10元 = 10元",
    }
