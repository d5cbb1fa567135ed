"""Staff pages: parse input → one selector or service → render (STYLE.md §2.2)."""

from .matters import (
    KINDS,
    disclosure_create,
    disclosure_list,
    matter_action,
    matter_detail,
    petition_create,
    petition_list,
    suggestion_create,
    suggestion_list,
)
from .overview import overview, send_reminder
from .registries import registries, registry_export, registry_import, registry_template
from .report import disclosure_report, disclosure_report_docx, disclosure_report_publish, docx_response

__all__ = [
    "KINDS",
    "disclosure_create",
    "disclosure_list",
    "disclosure_report",
    "disclosure_report_docx",
    "disclosure_report_publish",
    "docx_response",
    "matter_action",
    "matter_detail",
    "overview",
    "petition_create",
    "petition_list",
    "registries",
    "registry_export",
    "registry_import",
    "registry_template",
    "send_reminder",
    "suggestion_create",
    "suggestion_list",
]
