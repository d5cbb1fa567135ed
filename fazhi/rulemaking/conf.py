"""Local rules kept as settings (LEGAL_RULES.md §6: UNCONFIRMED nationally → configurable defaults).

Each value can be overridden in the environment-driven settings (`FAZHI_RULEMAKING_*`); the screens
that show these periods say they are local rules (本地规则，可配置).
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # 国办发〔2018〕115号 (UNCONFIRMED): legality review "generally ≥5, at most 15 working days".
    "LEGALITY_REVIEW_WORKING_DAYS": 15,
    # 37号 / local rules (UNCONFIRMED nationally): file within 30 days of publication.
    "FILING_DAYS": 30,
    # local rules (UNCONFIRMED nationally): validity ≤5 years, 暂行/试行 ≤2 years.
    "VALIDITY_MONTHS": 60,
    "PROVISIONAL_VALIDITY_MONTHS": 24,
    # local rules: evaluate about 6 months before expiry.
    "EVALUATION_MONTHS_BEFORE_EXPIRY": 6,
    # local rule: legality review of contracts and other papers (no national period).
    "PAPER_REVIEW_WORKING_DAYS": 7,
    # 国发〔2010〕33号 (UNCONFIRMED): comprehensive cleanup every 2 years.
    "CLEANUP_INTERVAL_YEARS": 2,
    # Public comment spam resistance (no third-party service).
    "COMMENT_MIN_FILL_SECONDS": 5,
    "COMMENT_MAX_PER_HOUR": 5,
}

LOCAL_RULE_NOTE = "本地规则（国家层面未明确，按本地规定默认值设置，可配置）"


def get(name: str) -> int:
    """The configured value of `name` (settings `FAZHI_RULEMAKING_<name>`, else the default)."""
    return int(getattr(settings, f"FAZHI_RULEMAKING_{name}", DEFAULTS[name]))
