"""Template filters for public pages: `{% load fazhi_masking %}{{ party.name|mask_name }}` (core.masking)."""

from __future__ import annotations

from django import template

from fazhi.core import masking

register = template.Library()


@register.filter
def mask_name(value: str | None) -> str:
    """张三 → 张*; see fazhi.core.masking for the rules."""
    return masking.mask_name(value)


@register.filter
def mask_id(value: str | None) -> str:
    """110105194912310021 → 110105********0021."""
    return masking.mask_id(value)


@register.filter
def mask_phone(value: str | None) -> str:
    """13812345678 → 138****5678."""
    return masking.mask_phone(value)


@register.filter
def mask_address(value: str | None) -> str:
    """Kept down to the township/street; the rest masked."""
    return masking.mask_address(value)


@register.filter
def mask_party(value: str | None, is_natural_person: bool) -> str:
    """`{{ party.name|mask_party:party.is_natural_person }}` — organisations are shown in full."""
    return masking.mask_party(value, is_natural_person=bool(is_natural_person))
