from .litigation import EnforcementApplication, LitigationCase, LitigationHearing, LossRule
from .mediation import Mediation
from .reconsideration import (
    AdvisoryMember,
    Amendment,
    Hearing,
    Party,
    Reconsideration,
    ReconsiderationOpinion,
)

__all__ = [
    "AdvisoryMember",
    "Amendment",
    "EnforcementApplication",
    "Hearing",
    "LitigationCase",
    "LitigationHearing",
    "LossRule",
    "Mediation",
    "Party",
    "Reconsideration",
    "ReconsiderationOpinion",
]
