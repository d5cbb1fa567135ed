from .comments import PublicComment
from .decisions import CatalogueAdjustment, DecisionCatalogue, DecisionReport, MajorDecision
from .documents import Clause, CleanupCampaign, CleanupResult, DraftVersion, NormativeDocument
from .papers import AdviserMeeting, LegalAdviser, PaperReview
from .prereview import PreReviewFlag, PreReviewRule

__all__ = [
    "AdviserMeeting",
    "CatalogueAdjustment",
    "Clause",
    "CleanupCampaign",
    "CleanupResult",
    "DecisionCatalogue",
    "DecisionReport",
    "DraftVersion",
    "LegalAdviser",
    "MajorDecision",
    "NormativeDocument",
    "PaperReview",
    "PreReviewFlag",
    "PreReviewRule",
    "PublicComment",
]
