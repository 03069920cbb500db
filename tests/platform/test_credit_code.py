import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.agencies.validators import credit_code_problem, validate_credit_code

# A published, real code (国家市场监督管理总局's example format): check character computed per GB 32100-2015.
VALID = "91350100M000100Y43"


def test_it_accepts_a_code_with_the_right_check_character():
    assert credit_code_problem(VALID) is None


def test_it_rejects_a_wrong_check_character():
    assert "最后一位应为“3”" in credit_code_problem(VALID[:17] + "4")


def test_it_rejects_letters_the_standard_leaves_out():
    assert "不允许的字符“O”" in credit_code_problem("91350100O000100Y43")


def test_it_rejects_the_wrong_length():
    with pytest.raises(ValidationError, match="18位"):
        validate_credit_code("9135010")


def test_it_puts_the_message_beside_the_field(region):
    agency = Agency(name="坏代码局", credit_code=VALID[:17] + "4", region=region)
    with pytest.raises(ValidationError) as caught:
        agency.full_clean()
    assert "credit_code" in caught.value.message_dict
