"""Models of the reporting app, one module per concern (external.py: published reports of other jurisdictions)."""

from .external import ExtractedFigure, PublishedReport

__all__ = ["ExtractedFigure", "PublishedReport"]
