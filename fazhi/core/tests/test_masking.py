"""The public view of a natural person (core.masking) and its template filters."""

from __future__ import annotations

from datetime import date

from django.template import Context, Template

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.masking import mask_address, mask_id, mask_name, mask_party, mask_phone


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("李小龙", "李**"),
        ("欧阳娜娜", "欧阳**"),
        ("诸葛亮", "诸葛*"),
        ("欧阳", "欧*"),  # two characters: the second is the given name, never all surname
        ("张", "*"),
        ("", ""),
        (None, ""),
        ("  王五 ", "王*"),
        ("张*", "张*"),  # already masked: unchanged
        ("买买提·艾力", "买**·**"),
        ("John Smith", "J*** S****"),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_masking_twice_is_the_same_as_once():
    assert mask_name(mask_name("欧阳娜娜")) == "欧阳**"
    assert mask_id(mask_id("11010519491231002X")) == "110105********002X"


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("11010519491231002x", "110105********002X"),
        ("110105491231002", "110105******002"),  # legacy 15 digits: the 6-digit birth date is masked
        ("E12345678", "E1*****78"),  # another document number
        ("1234", "****"),
        ("", ""),
        (None, ""),
        ("110105********002X", "110105********002X"),
    ],
)
def test_mask_id(number, masked):
    assert mask_id(number) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("0931-1234567", "0931-***4567"),
        ("09311234567", "*******4567"),
        ("12345", "*2345"),
        ("", ""),
        ("138****5678", "138****5678"),
    ],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("甘肃省高台县城关镇人民东路88号", "甘肃省高台县城关镇****"),
        ("北京市朝阳区建国路88号院3号楼2单元501", "北京市朝阳区****"),
        ("山东省济宁市嘉祥县嘉祥街道幸福小区3栋", "山东省济宁市嘉祥县嘉祥街道****"),
        ("内蒙古自治区呼和浩特市新城区海拉尔东街", "内蒙古自治区呼和浩特市新城区****"),
        ("高台县农贸市场12号摊位", "高台县****"),  # 市场 is not a level
        ("甘肃省高台县", "甘肃省高台县"),  # nothing below the county: nothing to mask
        ("人民东路88号", "****"),  # no administrative level: all masked
        ("", ""),
        ("甘肃省高台县****", "甘肃省高台县****"),
    ],
)
def test_mask_address(address, masked):
    assert mask_address(address) == masked


def test_mask_party_masks_natural_persons_only():
    assert mask_party("张三", is_natural_person=True) == "张*"
    assert mask_party("高台县某某商贸有限公司", is_natural_person=False) == "高台县某某商贸有限公司"
    assert mask_party(None, is_natural_person=False) == ""


def test_template_filters():
    # given
    template = Template(
        "{% load fazhi_masking %}{{ n|mask_name }}|{{ i|mask_id }}|{{ p|mask_phone }}|{{ a|mask_address }}"
        "|{{ n|mask_party:True }}|{{ o|mask_party:False }}"
    )
    context = Context(
        {
            "n": "欧阳娜娜",
            "i": "11010519491231002X",
            "p": "13812345678",
            "a": "甘肃省高台县城关镇人民东路88号",
            "o": "某某公司",
        }
    )
    # when
    rendered = template.render(context)
    # then
    assert rendered == "欧阳**|110105********002X|138****5678|甘肃省高台县城关镇****|欧阳**|某某公司"


cjk_names = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=6
)


@given(cjk_names)
def test_a_masked_name_keeps_length_and_surname_and_hides_the_given_name(name):
    masked = mask_name(name)
    assert len(masked) == len(name)
    assert masked[0] == name[0]
    assert masked.endswith("*")
    assert mask_name(masked) == masked


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)), st.integers(0, 9999))
def test_a_masked_id_number_never_shows_the_birth_date(birth, tail):
    number = f"110105{birth:%Y%m%d}{tail:04d}"
    masked = mask_id(number)
    assert masked == f"110105********{tail:04d}"
    assert f"{birth:%Y%m%d}" not in masked
