"""What a person reads on a page — text and tooltips, not markup, form field names or scripts — and
the patterns that must never be in it (issue 15: screens speak Chinese)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

CODE_PATTERNS = {
    "indicator code or dotted key": re.compile(r"\b[a-z_]+\.[a-z_]+\b"),
    "snake_case key": re.compile(r"\b[a-z]+_[a-z_]+\b"),
    "setting name": re.compile(r"\bFAZHI_[A-Z_]+"),
    "file name": re.compile(r"\.(json|py|xlsx|csv)\b"),
    "Python repr": re.compile(r"\[\{'|\{'|\bNone\b|\bTrue\b|\bFalse\b|datetime\.date\(|Decimal\('"),
    "rules reference": re.compile(r"LEGAL_RULES|§\s*\d"),
    "English word": re.compile(r"(?<![A-Za-z])[a-z]{3,}(?![A-Za-z])"),
}

SKIPPED = {"script", "style", "code", "textarea"}  # <code> is the expert toggle's way of showing a code
SHOWN_ATTRS = {"title", "placeholder", "aria-label", "alt"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skip += 1
        if tag == "input" and dict(attrs).get("type") not in {"submit", "button"}:
            attrs = [(k, v) for k, v in attrs if k != "value"]
        for k, v in attrs:
            if k in SHOWN_ATTRS and v:
                self.parts.append(v)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def code_leaks(html: str) -> list[str]:
    """Every piece of visible text that looks like code, as 'kind: match' (empty when clean)."""
    text = visible_text(html)
    return [f"{kind}: {m.group(0)}" for kind, rx in CODE_PATTERNS.items() for m in rx.finditer(text)]
