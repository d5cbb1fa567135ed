"""Identifier validators: USCC (GB 32100-2015), resident ID number (GB 11643-1999), division code (GB/T 2260).

Every error is a Django ValidationError with a code and a Chinese message that names the field and
what is wrong (LEGAL_RULES.md §12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100 表3: no I, O, Z, S, V
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^(i-1) mod 31
ORG_CODE_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714-1997
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999, ISO 7064 MOD 11-2
ID_CHECK = "10X98765432"
# ASCII only: str.isdigit() also accepts full-width and other Unicode digits ("１", "٣").
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_SIX_DIGITS = re.compile(r"[0-9]{6}")

# GB 32100 表1/表2 core pairs; later additions are UNCONFIRMED, so an unknown pair is a warning only.
USCC_KNOWN_TYPES = {"1": "1239", "5": "1239", "9": "123", "Y": "1"}


def uscc_check_char(first17: str) -> str:
    """The 18th character for 17 USCC characters (C18 = 31 − S mod 31, and 31 → 0)."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    value = 31 - total % 31
    return USCC_CHARSET[0 if value == 31 else value]


def org_code_check_char(first8: str) -> str:
    """GB 11714 check character of the embedded organisation code (positions 9–17 of a USCC)."""
    total = sum(ORG_CODE_CHARSET.index(c) * w for c, w in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


@dataclass(frozen=True)
class UsccResult:
    value: str
    warnings: tuple[str, ...] = ()


def normalize_uscc(value: str) -> str:
    """Strip surrounding blanks and upper-case: lower-case input is a typing habit, not a different code."""
    return (value or "").strip().upper()


def validate_uscc(
    value: str, *, field: str = "统一社会信用代码", allow_bad_checksum: bool = False
) -> UsccResult:
    """Validate a unified social credit code; return it normalised with any warnings.

    `allow_bad_checksum` is for the audited override of legal legacy codes (LEGAL_RULES.md §12).
    """
    code = normalize_uscc(value)
    if not code:
        raise ValidationError(f"{field}不能为空。", code="required")
    if len(code) != 18:
        raise ValidationError(f"{field}应为18位，当前为{len(code)}位。", code="uscc_length")
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        raise ValidationError(
            f"{field}含有不允许的字符：{'、'.join('空格' if c.isspace() else c for c in bad)}"
            "（只能使用数字0–9和除I、O、Z、S、V以外的大写英文字母）。",
            code="uscc_charset",
        )
    if not _SIX_DIGITS.fullmatch(code[2:8]):
        raise ValidationError(f"{field}第3–8位应为登记管理机关行政区划码（6位数字）。", code="uscc_division")
    expected = uscc_check_char(code[:17])
    if code[17] != expected and not allow_bad_checksum:
        raise ValidationError(
            f"{field}校验位错误：第18位应为“{expected}”，实际为“{code[17]}”。请核对后重新输入。",
            code="uscc_checksum",
        )
    warnings: list[str] = []
    if code[17] != expected:
        # Only reached with allow_bad_checksum: the caller records the audited override.
        warnings.append(f"{field}校验位不符（第18位应为“{expected}”），已按历史遗留代码例外接受。")
    if code[1] not in USCC_KNOWN_TYPES.get(code[0], ""):
        warnings.append(
            f"{field}的登记管理部门代码“{code[0]}”与机构类别代码“{code[1]}”组合不在核心标准表中，请核实。"
        )
    if code[16] != org_code_check_char(code[8:16]):
        warnings.append(f"{field}第9–17位组织机构代码的校验位不符（GB 11714），请核实。")
    return UsccResult(code, tuple(warnings))


@dataclass(frozen=True)
class IdNumberResult:
    value: str
    birth_date: date
    sex: str  # "male" / "female"
    division_code: str


def validate_id_number(value: str, *, field: str = "居民身份证号码") -> IdNumberResult:
    """Validate an 18-digit resident ID number: structure, birth date and check digit (GB 11643-1999).

    A lower-case x is accepted and returned as X (LEGAL_RULES.md §12). The address code may be an
    abolished county code, so only its province is checked (no historical code list is bundled).
    """
    number = (value or "").strip().upper()
    if not number:
        raise ValidationError(f"{field}不能为空。", code="required")
    if len(number) == 15 and number.isascii() and number.isdigit():
        raise ValidationError(f"{field}是15位旧号码，请填写18位居民身份证号码。", code="id_length")
    if len(number) != 18:
        raise ValidationError(f"{field}应为18位，当前为{len(number)}位。", code="id_length")
    if not _ID_SHAPE.fullmatch(number):
        raise ValidationError(f"{field}前17位应为数字，第18位应为数字或X。", code="id_charset")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            f"{field}第7–14位出生日期“{number[6:14]}”不是有效日期。", code="id_birth_date"
        ) from None
    if birth.year < 1900 or birth > timezone.localdate():
        raise ValidationError(
            f"{field}中的出生日期“{birth.isoformat()}”不在合理范围内。", code="id_birth_date"
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(f"{field}前2位“{number[:2]}”不是有效的省级行政区划代码。", code="id_division")
    total = sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS, strict=True))
    expected = ID_CHECK[total % 11]
    if number[17] != expected:
        raise ValidationError(
            f"{field}校验位错误：第18位应为“{expected}”，实际为“{number[17]}”。", code="id_checksum"
        )
    return IdNumberResult(number, birth, "male" if int(number[16]) % 2 else "female", number[:6])


# GB/T 2260 province-level codes (stable since 1997; 71 Taiwan, 81 Hong Kong, 82 Macao).
PROVINCE_CODES = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}


def validate_division_code(value: str, *, field: str = "区划代码") -> str:
    """A 6-digit GB/T 2260 code whose province exists. Sub-ranges are UNCONFIRMED, so not checked."""
    code = (value or "").strip()
    if not _SIX_DIGITS.fullmatch(code):
        raise ValidationError(f"{field}应为6位数字，当前为“{code}”。", code="division_format")
    if code[:2] not in PROVINCE_CODES:
        raise ValidationError(
            f"{field}前2位“{code[:2]}”不是有效的省级行政区划代码。", code="division_province"
        )
    if code[2:4] == "00" and code[4:] != "00":
        raise ValidationError(
            f"{field}“{code}”不是有效的区划代码（地级位为00时县级位也应为00）。", code="division_structure"
        )
    return code


def division_code_validator(value: str) -> None:
    """Model-field form of validate_division_code."""
    validate_division_code(value)


def division_level(code: str) -> str:
    """province / prefecture / county by the code's structure."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"
