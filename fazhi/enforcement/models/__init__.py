"""Enforcement models: catalogue (matters, benchmarks, legal-review list) and cases (penalty
cases, investigative steps, permit decisions, publicity). `supervision.py` is reserved for
case-file reviews, supervision opinions and criminal referrals."""

from .cases import InvestigationStep, PenaltyCase, PermitDecision, PublicityRecord
from .catalogue import Benchmark, LegalReviewItem, Matter
from .rules import PenaltyTimeLimitRule

__all__ = [
    "Benchmark",
    "InvestigationStep",
    "LegalReviewItem",
    "Matter",
    "PenaltyCase",
    "PenaltyTimeLimitRule",
    "PermitDecision",
    "PublicityRecord",
]
from .supervision import (  # noqa: E402, F401 — case-file reviews, opinions, referrals, statistics
    AnnualStatistics,
    CaseFileReview,
    CriminalReferral,
    ReviewedCaseFile,
    SupervisionOpinion,
)
