"""Models of the reporting app, one module per concern (external.py: published reports of other jurisdictions)."""

from .external import ExtractedFigure, PublishedReport
from .report import AnnualReport, FigureSource, ReportFigure, ReportSection, ReportStatus
from .submissions import (
    NOT_APPLICABLE_TEXT,
    Campaign,
    CampaignStatus,
    Submission,
    SubmissionStatus,
    SubmissionValue,
)

__all__ = [
    "NOT_APPLICABLE_TEXT",
    "AnnualReport",
    "Campaign",
    "CampaignStatus",
    "ExtractedFigure",
    "FigureSource",
    "PublishedReport",
    "ReportFigure",
    "ReportSection",
    "ReportStatus",
    "Submission",
    "SubmissionStatus",
    "SubmissionValue",
]
