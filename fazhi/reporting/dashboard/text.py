"""What of the catalogue's text may be shown to people: Chinese only (the catalogue's 口径 are
mostly written in English for the developers; those stay on the API and the catalogue file)."""

from __future__ import annotations

import re

LATIN_WORD = re.compile(r"[A-Za-z_]{2,}")


def chinese_text(text: str) -> str:
    """`text` when it is written in Chinese (no Latin words, codes or snake_case keys), else ""."""
    text = (text or "").strip()
    if not text or LATIN_WORD.search(text):
        return ""
    return text
