from .disclosure import DisclosureReport, DisclosureRequest
from .petitions import Petition
from .registries import LegalAidCase, LegalAidConsultation, LegalEducationEvent, StudySession
from .reminders import Reminder
from .suggestions import CoHandler, Suggestion

__all__ = [
    "CoHandler",
    "DisclosureReport",
    "DisclosureRequest",
    "LegalAidCase",
    "LegalAidConsultation",
    "LegalEducationEvent",
    "Petition",
    "Reminder",
    "StudySession",
    "Suggestion",
]
