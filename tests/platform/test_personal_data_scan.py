from gongkai.publishing.pii import id_number_is_valid, luhn_is_valid, scan

ID = "11010519491231002X"  # the check digit of the national standard's example


def test_it_finds_an_identity_number_with_a_valid_check_digit():
    findings = scan(f"申请人身份证号{ID}，请核实")
    assert [(f.kind, f.masked) for f in findings] == [("id_number", "110105********002X")]


def test_it_ignores_eighteen_digits_with_a_wrong_check_digit():
    assert not id_number_is_valid("110105194912310021")
    assert [f.kind for f in scan("编号110105194912310021")] == []


def test_it_finds_mobile_numbers_with_or_without_spaces():
    kinds = [f.masked for f in scan("联系电话13812345678或 139 1234 5678，座机0533-2869928")]
    assert kinds == ["138****5678", "139****5678"]


def test_it_finds_bank_cards_by_luhn():
    assert luhn_is_valid("6222021234567890128")
    findings = scan("账号 6222 0212 3456 7890 128")
    assert [f.kind for f in findings] == ["bank_card"]
    assert scan("账号 6222021234567890127") == []


def test_it_does_not_count_an_identity_number_as_a_card():
    assert [f.kind for f in scan(ID)] == ["id_number"]


def test_it_leaves_dates_and_document_numbers_alone():
    assert scan("张机事发〔2022〕12号，2022年12月31日，索引号11370303004211829M/2022-00012") == []
