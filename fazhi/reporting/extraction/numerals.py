"""Numbers as written in Chinese reports: Arabic and Chinese numerals, 万/亿 multipliers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千"
CN_NUMERAL_CHARS = CN_DIGITS + CN_UNITS
MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def parse_chinese(text: str) -> Decimal:
    """七十一 → 71, 百 → 100, 两 → 2 (cn2an, with the leading 一 that reports leave out)."""
    normalized = text.replace("两", "二").replace("〇", "零")
    if "点" in normalized:  # 九十五点五
        whole, _, frac = normalized.partition("点")
        digits = "".join(str("零一二三四五六七八九".index(c)) for c in frac if c in "零一二三四五六七八九")
        return parse_chinese(whole) + Decimal("0." + digits) if digits else parse_chinese(whole)
    if normalized[:1] in CN_UNITS:
        normalized = "一" + normalized
    return Decimal(str(cn2an.cn2an(normalized, "strict")))


def parse_number(text: str) -> Decimal:
    """Arabic (half or full width) or Chinese numerals → Decimal; raises ValueError when neither."""
    stripped = text.strip().translate(_FULLWIDTH)
    if not stripped:
        raise ValueError("空的数字")
    if stripped[0].isdigit():
        try:
            return Decimal(stripped.replace(",", ""))
        except InvalidOperation as exc:
            raise ValueError(f"无法识别的数字：{text}") from exc
    return parse_chinese(stripped)


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros without scientific notation: 69000.0 → 69000, 32.120 → 32.12."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def to_json_number(value: Decimal) -> int | float:
    value = normalize(value)
    return int(value) if value == value.to_integral_value() else float(value)
