"""Quantities that are not whole, non-negative numbers are refused."""

import pytest

from gongkai.fees import FeeInputError, count_rate_yuan, fee_by_count, fee_by_volume, volume_rate_yuan


@pytest.mark.parametrize("value", [-1, 2.5, "35", True, None])
def test_it_refuses_a_bad_count(value):
    with pytest.raises(FeeInputError, match="申请件数"):
        fee_by_count(value)


@pytest.mark.parametrize("value", [-1, 2.5, "150", False])
def test_it_refuses_a_bad_page_count(value):
    with pytest.raises(FeeInputError, match="页数"):
        fee_by_volume(value)


def test_it_numbers_applications_and_pages_from_one():
    with pytest.raises(FeeInputError, match="申请序号从1开始"):
        count_rate_yuan(0)
    with pytest.raises(FeeInputError, match="页码从1开始"):
        volume_rate_yuan(0)


def test_it_is_a_value_error():
    assert issubclass(FeeInputError, ValueError)
