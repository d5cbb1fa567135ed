from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "fazhi.core.evidence"
    label = "evidence"
