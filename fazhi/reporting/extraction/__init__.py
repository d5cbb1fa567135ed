"""Read published law-based-government annual reports: figures, jurisdiction, structure (issue 9)."""

from .extract import ReportExtraction, extract_text
from .readers import ReportReadError, read_report

__all__ = ["ReportExtraction", "ReportReadError", "extract_text", "read_report"]
