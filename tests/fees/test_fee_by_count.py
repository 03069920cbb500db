"""按件计收: per applicant per calendar month, progressive (109号)."""

import pytest

from gongkai.fees import FeeMethod, count_rate_yuan, fee_by_count


def test_it_charges_35_applications_3000_yuan():
    result = fee_by_count(35)
    assert result.amount_yuan == 3000
    assert result.method is FeeMethod.BY_COUNT
    assert [(b.first, b.last, b.rate_yuan, b.amount_yuan) for b in result.breakdown] == [
        (1, 10, 0, 0),
        (11, 30, 100, 2000),
        (31, 35, 200, 1000),
    ]
    assert [b.text for b in result.breakdown] == [
        "第1—10件：免费",
        "第11—30件：20件 × 100元 = 2000元",
        "第31—35件：5件 × 200元 = 1000元",
    ]
    assert result.summary == "按件计收：同一申请人一个自然月内35件，信息处理费3000元（109号，超额累进）"


@pytest.mark.parametrize(
    ("applications", "yuan"),
    [(0, 0), (1, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (50, 7000), (51, 7400)],
)
def test_it_charges_each_band_at_its_rate(applications, yuan):
    assert fee_by_count(applications).amount_yuan == yuan


@pytest.mark.parametrize(
    ("nth", "yuan"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (61, 500)]
)
def test_it_gives_the_rate_of_the_nth_application_of_the_month(nth, yuan):
    assert count_rate_yuan(nth) == yuan


def test_it_sums_the_rates_of_each_application():
    for applications in range(0, 120):
        assert fee_by_count(applications).amount_yuan == sum(count_rate_yuan(n) for n in range(1, applications + 1))


def test_it_says_when_nothing_is_charged():
    assert fee_by_count(10).summary == "按件计收：同一申请人一个自然月内10件，在免费范围内，不收费（109号）"
