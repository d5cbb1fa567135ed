"""Machine pre-review (机器预审) of a draft submitted for legality review.

Rules are data (`PreReviewRule`, loaded from `data/prereview_rules.json`): a pattern over one
clause with its legal basis, suppressed when the clause cites a superior-law basis. A further check
finds clauses that cite a repealed, expired or replaced document of the catalogue by number or title.
Pure functions over text; `services.run_prereview` stores the flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .choices import FlagKind

NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,12}〔\d{4}〕\d{1,4}号")
TITLE_RE = re.compile(r"《([^》]{4,80})》")
ARTICLE_RE = re.compile(r"^\s*(第[一二三四五六七八九十百零〇两\d]+条)\s*")


@dataclass(frozen=True)
class Finding:
    kind: str
    excerpt: str
    basis: str
    message: str
    rule_id: int | None = None
    related_document_id: int | None = None


def split_clauses(text: str) -> list[tuple[str, str]]:
    """Split a draft into (heading, text) clauses by 第X条; text before the first article is 序言."""
    clauses: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        m = ARTICLE_RE.match(line)
        if m:
            clauses.append((m.group(1), line[m.end() :].strip()))
        elif clauses:
            h, t = clauses[-1]
            clauses[-1] = (h, f"{t}\n{line}")
        else:
            clauses.append(("序言", line))
    return clauses


def _excerpt(text: str, m: re.Match[str]) -> str:
    start = max(0, m.start() - 12)
    return text[start : m.end() + 12].replace("\n", " ")[:200]


def check_clause(text: str, rules: Iterable[Any], ended: Iterable[Any] = ()) -> list[Finding]:
    """The findings on one clause: each rule at most once, then citations of ended documents."""
    found: list[Finding] = []
    for rule in rules:
        m = re.search(rule.pattern, text)
        if m is None:
            continue
        if rule.unless_pattern and re.search(rule.unless_pattern, text):
            continue
        found.append(Finding(rule.kind, _excerpt(text, m), rule.basis, rule.message, rule_id=rule.pk))
    numbers = set(NUMBER_RE.findall(text))
    titles = set(TITLE_RE.findall(text))
    for doc in ended:
        if (doc.number and doc.number in numbers) or doc.title in titles:
            found.append(
                Finding(
                    FlagKind.SUPERSEDED,
                    (doc.number or f"《{doc.title}》")[:200],
                    "国办发〔2018〕37号（清理后不在现行有效目录中的文件不得作为行政管理依据）",
                    f"条文援引的《{doc.title}》已{doc.state_label}，请改为援引现行有效的依据。",
                    related_document_id=doc.pk,
                )
            )
    return found
