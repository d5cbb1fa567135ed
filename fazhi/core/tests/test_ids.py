"""Identifier validators against LEGAL_RULES.md §12 (GB 32100, GB 11714, GB 11643, GB/T 2260)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core import ids
from fazhi.core.ids import (
    USCC_CHARSET,
    division_level,
    org_code_check_char,
    uscc_check_char,
    validate_division_code,
    validate_id_number,
    validate_uscc,
)

# Constructed in real format: 9 (市场监管) 1 (企业), 320506 (苏州市吴中区), org code 00000021 + its GB 11714
# check "1"; S = Σ value×weight over the first 17 is a multiple of 31, so C18 = 31 → "0".
USCC_31_TO_0 = "913205060000002110"
# The example number printed in GB 11643-1999 itself (北京市朝阳区, 1949-12-31, female, check X).
ID_EXAMPLE = "11010519491231002X"


def _weighted_sum(first17: str) -> int:
    return sum(USCC_CHARSET.index(c) * (3**i % 31) for i, c in enumerate(first17))


def _message(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.messages[0]


# --- USCC ----------------------------------------------------------------------------------------


def test_uscc_check_char_uses_zero_when_the_formula_gives_31():
    # given a body whose weighted sum is a multiple of 31 (so 31 − S mod 31 = 31)
    body = USCC_31_TO_0[:17]
    assert _weighted_sum(body) % 31 == 0
    # when / then
    assert uscc_check_char(body) == "0"
    assert validate_uscc(USCC_31_TO_0).value == USCC_31_TO_0


def test_uscc_check_char_of_an_ordinary_code():
    # 91 110105 MA0000001 → S = 897, S mod 31 = 29, C18 = 2 → "2"
    body = "91110105MA0000001"
    assert _weighted_sum(body) == 897
    assert uscc_check_char(body) == "2"


def test_weights_are_powers_of_three_mod_31():
    assert tuple(3**i % 31 for i in range(17)) == ids.USCC_WEIGHTS


def test_valid_uscc_is_normalised_to_upper_case_without_blanks():
    result = validate_uscc(f"  {USCC_31_TO_0.lower()} ")
    assert result.value == USCC_31_TO_0
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("", "required", "统一社会信用代码不能为空。"),
        ("   ", "required", "统一社会信用代码不能为空。"),
        ("91320506000000211", "uscc_length", "统一社会信用代码应为18位，当前为17位。"),
        ("9132050600000021100", "uscc_length", "统一社会信用代码应为18位，当前为19位。"),
        (
            "91320506O0000021I0",
            "uscc_charset",
            "统一社会信用代码含有不允许的字符：I、O（只能使用数字0–9和除I、O、Z、S、V以外的大写英文字母）。",
        ),
        (
            "9132050 0000002110",
            "uscc_charset",
            "统一社会信用代码含有不允许的字符：空格（只能使用数字0–9和除I、O、Z、S、V以外的大写英文字母）。",
        ),
        (
            "91A20506000000211X",
            "uscc_division",
            "统一社会信用代码第3–8位应为登记管理机关行政区划码（6位数字）。",
        ),
        (
            "913205060000002111",
            "uscc_checksum",
            "统一社会信用代码校验位错误：第18位应为“0”，实际为“1”。请核对后重新输入。",
        ),
    ],
)
def test_bad_uscc_is_refused_with_a_chinese_message(value, code, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc(value)
    assert excinfo.value.code == code
    assert _message(excinfo) == message


def test_error_names_the_field_given_by_the_caller():
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc("123", field="被检查对象代码")
    assert _message(excinfo) == "被检查对象代码应为18位，当前为3位。"


def test_legacy_code_failing_the_checksum_passes_only_with_the_override():
    # given a pilot-era code whose check character is wrong
    legacy = "913205060000002111"
    with pytest.raises(ValidationError):
        validate_uscc(legacy)
    # when the caller (an audited override) allows it
    result = validate_uscc(legacy, allow_bad_checksum=True)
    # then it is accepted and the result says why
    assert result.value == legacy
    assert result.warnings == ("统一社会信用代码校验位不符（第18位应为“0”），已按历史遗留代码例外接受。",)


def test_override_does_not_excuse_other_errors():
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc("91320506O000002110", allow_bad_checksum=True)
    assert excinfo.value.code == "uscc_charset"


def test_unknown_authority_and_type_pair_is_a_warning_not_an_error():
    body = "A1320506000000211"  # authority A is a later addition (UNCONFIRMED list)
    result = validate_uscc(body + uscc_check_char(body))
    assert result.warnings == (
        "统一社会信用代码的登记管理部门代码“A”与机构类别代码“1”组合不在核心标准表中，请核实。",
    )


def test_bad_embedded_organisation_code_is_a_warning():
    body = "91320506000000212"  # GB 11714 check of 00000021 is 1, not 2
    result = validate_uscc(body + uscc_check_char(body))
    assert result.warnings == ("统一社会信用代码第9–17位组织机构代码的校验位不符（GB 11714），请核实。",)


@pytest.mark.parametrize(
    ("first8", "check"),
    [("00000021", "1"), ("D2143569", "X"), ("12345678", "8"), ("MA000008", "2")],
)
def test_org_code_check_char(first8, check):
    # C9 = 11 − (Σ value×weight mod 11); 10 → X, 11 → 0
    total = sum(ids.ORG_CODE_CHARSET.index(c) * w for c, w in zip(first8, ids.ORG_CODE_WEIGHTS, strict=True))
    assert {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11)) == check
    assert org_code_check_char(first8) == check


uscc_bodies = st.tuples(
    st.sampled_from("159Y"),
    st.sampled_from("123"),
    st.sampled_from(["110105", "320506", "440300", "620724"]),
    st.text(alphabet=USCC_CHARSET, min_size=9, max_size=9),
).map("".join)


@given(uscc_bodies)
def test_a_generated_code_always_validates(body):
    code = body + uscc_check_char(body)
    assert validate_uscc(code).value == code


@given(uscc_bodies, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=30))
def test_changing_any_one_character_always_fails(body, position, shift):
    # given a valid code
    code = body + uscc_check_char(body)
    # when one character is replaced by another character of the set
    new_char = USCC_CHARSET[(USCC_CHARSET.index(code[position]) + shift) % 31]
    changed = code[:position] + new_char + code[position + 1 :]
    # then it is refused (weights are non-zero mod the prime 31, so a single change always shows)
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc(changed)
    assert excinfo.value.code in {"uscc_checksum", "uscc_division"}


# --- resident ID number ---------------------------------------------------------------------------


def test_gb_11643_example_number_validates():
    result = validate_id_number(ID_EXAMPLE)
    assert result == ids.IdNumberResult(ID_EXAMPLE, date(1949, 12, 31), "female", "110105")


def test_lower_case_x_is_accepted_and_stored_upper_case():
    assert validate_id_number(" 11010519491231002x ").value == ID_EXAMPLE


def test_odd_sequence_digit_is_male():
    body = "11010519800101001"  # sequence 001: odd
    number = body + ids.ID_CHECK[sum(int(c) * w for c, w in zip(body, ids.ID_WEIGHTS, strict=True)) % 11]
    assert validate_id_number(number).sex == "male"


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("", "required", "居民身份证号码不能为空。"),
        ("110105491231002", "id_length", "居民身份证号码是15位旧号码，请填写18位居民身份证号码。"),
        ("1101051949123100", "id_length", "居民身份证号码应为18位，当前为16位。"),
        ("11010519491231002Y", "id_charset", "居民身份证号码前17位应为数字，第18位应为数字或X。"),
        ("1101051949123１002X", "id_charset", "居民身份证号码前17位应为数字，第18位应为数字或X。"),
        ("11010519490230002X", "id_birth_date", "居民身份证号码第7–14位出生日期“19490230”不是有效日期。"),
        ("110105 18991231002X", "id_length", "居民身份证号码应为18位，当前为19位。"),
        ("11010518991231002X", "id_birth_date", "居民身份证号码中的出生日期“1899-12-31”不在合理范围内。"),
        ("99010519491231002X", "id_division", "居民身份证号码前2位“99”不是有效的省级行政区划代码。"),
        ("110105194912310021", "id_checksum", "居民身份证号码校验位错误：第18位应为“X”，实际为“1”。"),
    ],
)
def test_bad_id_number_is_refused_with_a_chinese_message(value, code, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number(value)
    assert excinfo.value.code == code
    assert _message(excinfo) == message


def test_birth_date_in_the_future_is_refused(settings):
    # given a well-formed number born next year (check digit computed, so only the date is wrong)
    year = date.today().year + 1  # noqa: DTZ011
    body = f"110105{year}0101001"
    number = body + ids.ID_CHECK[sum(int(c) * w for c, w in zip(body, ids.ID_WEIGHTS, strict=True)) % 11]
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number(number)
    assert excinfo.value.code == "id_birth_date"


id_bodies = st.tuples(
    st.sampled_from(["110105", "320506", "620724", "370829"]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)).map(lambda d: d.strftime("%Y%m%d")),
    st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}"),
).map("".join)


def _with_check(body: str) -> str:
    return body + ids.ID_CHECK[sum(int(c) * w for c, w in zip(body, ids.ID_WEIGHTS, strict=True)) % 11]


@given(id_bodies)
def test_generated_id_number_always_validates(body):
    number = _with_check(body)
    assert validate_id_number(number).value == number


@given(id_bodies, st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_of_an_id_number_always_fails(body, position, shift):
    number = _with_check(body)
    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    with pytest.raises(ValidationError):
        validate_id_number(changed)


# --- division codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "level"),
    [("110000", "province"), ("419000", "prefecture"), ("620700", "prefecture"), ("620724", "county")],
)
def test_valid_division_codes_and_their_level(code, level):
    assert validate_division_code(f" {code}") == code
    assert division_level(code) == level


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("62072", "division_format", "区划代码应为6位数字，当前为“62072”。"),
        ("６２０７２４", "division_format", "区划代码应为6位数字，当前为“６２０７２４”。"),
        ("990724", "division_province", "区划代码前2位“99”不是有效的省级行政区划代码。"),
        (
            "620024",
            "division_structure",
            "区划代码“620024”不是有效的区划代码（地级位为00时县级位也应为00）。",
        ),
    ],
)
def test_bad_division_code_is_refused(value, code, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_division_code(value)
    assert excinfo.value.code == code
    assert _message(excinfo) == message
