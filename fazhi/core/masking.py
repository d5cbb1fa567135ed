"""What the public may see of a natural person (DESIGN.md: core.masking).

Publicity of enforcement decisions and reconsideration decisions must not disclose personal
information beyond what the purpose needs (《个人信息保护法》第六条、第二十八条; 《政府信息公开条例》
第十五条). One set of rules for every public page, documented here and in the tests:

* **Name** — keep the surname, one `*` per other character: 张三 → 张*, 李小龙 → 李**, 欧阳娜娜 → 欧阳**
  (the compound surnames of 《百家姓》 below). A name of one character becomes `*`. Names with the
  separator `·` (e.g. 买买提·艾力) keep their first character and the separators: 买**·**.
* **ID number** — 18 digits: keep the 6-digit address code and the last 4, mask the birth date and
  sequence: 110105********002X. Legacy 15 digits: keep the first 6 and last 3 (the 6-digit birth
  date is masked): 110105******002. Anything else: keep the first and last 2 characters.
* **Phone** — mobile: keep the first 3 and last 4 digits, 138****5678 (blanks, hyphens and +86
  dropped). Landline with an area code
  (0931-1234567): keep the area code and the last 4 digits, 0931-***4567. Other: keep the last 4.
* **Address** — keep down to the township / street (乡、镇、街道) or, when none is written, the
  county level; everything after it (road, village, building, house number) becomes `****`:
  甘肃省高台县城关镇人民东路88号 → 甘肃省高台县城关镇****. Without any administrative level: `****`.
* **Organisations** are not masked (`mask_party(..., is_natural_person=False)`): their names are
  public by law (《行政处罚法》第四十八条 publicity of decisions).

Every function returns "" for empty input and leaves a value that already contains `*` unchanged,
so masking twice is harmless.
"""

from __future__ import annotations

import re

MASK = "*"

# Compound surnames (复姓) of 《百家姓》 and common others; checked before the one-character surname.
COMPOUND_SURNAMES = frozenset(
    [
        "万俟",
        "司马",
        "上官",
        "欧阳",
        "夏侯",
        "诸葛",
        "闻人",
        "东方",
        "赫连",
        "皇甫",
        "尉迟",
        "公羊",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "淳于",
        "仲孙",
        "太叔",
        "申屠",
        "公孙",
        "乐正",
        "轩辕",
        "令狐",
        "钟离",
        "闾丘",
        "长孙",
        "慕容",
        "鲜于",
        "宇文",
        "司徒",
        "司空",
        "亓官",
        "司寇",
        "仉督",
        "子车",
        "颛孙",
        "端木",
        "巫马",
        "公西",
        "漆雕",
        "壤驷",
        "公良",
        "拓跋",
        "夹谷",
        "宰父",
        "谷梁",
        "段干",
        "百里",
        "东郭",
        "南门",
        "呼延",
        "羊舌",
        "微生",
        "梁丘",
        "左丘",
        "东门",
        "西门",
        "南宫",
        "第五",
        "独孤",
        "太史",
        "公户",
        "公玉",
        "公仪",
        "公仲",
        "公上",
        "公门",
        "公山",
        "公坚",
        "公伯",
        "公祖",
        "公乘",
        "贯丘",
        "公皙",
        "南荣",
        "东里",
        "东宫",
        "仲长",
        "子书",
        "子桑",
        "即墨",
        "达奚",
        "褚师",
    ]
)


def _already_masked(value: str) -> bool:
    return MASK in value


def mask_name(name: str | None) -> str:
    """A natural person's name as the public sees it: surname kept, the rest masked."""
    name = (name or "").strip()
    if not name or _already_masked(name):
        return name
    if "·" in name or "•" in name:  # transliterated names: 买买提·艾力 → 买**·**
        return name[0] + "".join(c if c in "·•" else MASK for c in name[1:])
    if len(name) == 1:
        return MASK
    keep = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    if name.isascii():  # Latin names: keep the first letter of each word, John Smith → J*** S****
        return " ".join(w[0] + MASK * (len(w) - 1) for w in name.split())
    return name[:keep] + MASK * (len(name) - keep)


def mask_id(number: str | None) -> str:
    """A resident ID number with its birth date and sequence masked (110105********002X)."""
    number = (number or "").strip().upper()
    if not number or _already_masked(number):
        return number
    if len(number) == 18:
        return number[:6] + MASK * 8 + number[-4:]
    if len(number) == 15:
        return number[:6] + MASK * 6 + number[-3:]
    if len(number) <= 4:
        return MASK * len(number)
    return number[:2] + MASK * (len(number) - 4) + number[-2:]


_DIGIT = re.compile(r"[0-9]")


def mask_phone(phone: str | None) -> str:
    """A phone number with the middle digits masked (138****5678, 0931-***4567)."""
    phone = (phone or "").strip()
    if not phone or _already_masked(phone):
        return phone
    digits = "".join(_DIGIT.findall(phone))
    if len(digits) == 13 and phone.startswith("+86"):
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1" and not re.search(r"[^0-9 +-]", phone):
        return digits[:3] + MASK * 4 + digits[-4:]
    if "-" in phone:
        area, _, local = phone.partition("-")
        return f"{area}-{_mask_all_but_last_digits(local, 4)}"
    return _mask_all_but_last_digits(phone, 4)


def _mask_all_but_last_digits(value: str, keep: int) -> str:
    total = len(_DIGIT.findall(value))
    seen = 0
    out = []
    for char in value:
        if _DIGIT.fullmatch(char):
            seen += 1
            out.append(char if seen > total - keep else MASK)
        else:
            out.append(char)
    return "".join(out)


# Administrative levels down to township/street. 小区/社区 are residential compounds below the street,
# 市场 is a market: not levels.
_LEVEL = re.compile(r"(?:自治区|省|自治州|地区|盟|(?<![小社])区|市(?!场)|州|县|旗|街道|苏木|乡|镇)")
_FIRST_NUMBER = re.compile(r"[0-9０-９]|号")


def mask_address(address: str | None) -> str:
    """An address kept down to the township/street (or county) level; the rest becomes `****`."""
    address = (address or "").strip()
    if not address or _already_masked(address):
        return address
    first_number = _FIRST_NUMBER.search(address)
    head = address[: first_number.start()] if first_number else address
    levels = list(_LEVEL.finditer(head))
    if not levels:
        return MASK * 4
    end = levels[-1].end()
    rest = address[end:]
    return address[:end] + (MASK * 4 if rest else "")


def mask_party(name: str | None, *, is_natural_person: bool) -> str:
    """A party's name for publicity: natural persons masked, organisations shown in full."""
    if is_natural_person:
        return mask_name(name)
    return (name or "").strip()
