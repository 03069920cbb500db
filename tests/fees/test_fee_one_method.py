"""One application is charged by count or by volume, never both (109号)."""

import pytest

from gongkai.fees import FeeInputError, FeeMethod, compute_fee


def test_it_refuses_both_methods_for_one_application():
    with pytest.raises(FeeInputError, match="同一申请只能选择按件或按量一种方式计收，不能同时适用"):
        compute_fee(count=35, pages=150)


def test_it_refuses_neither_method():
    with pytest.raises(FeeInputError, match="请指定"):
        compute_fee()


def test_it_picks_the_method_asked_for():
    assert compute_fee(count=35).method is FeeMethod.BY_COUNT
    assert compute_fee(pages=150).method is FeeMethod.BY_VOLUME
    assert compute_fee(pages=150).amount_yuan == 1700
