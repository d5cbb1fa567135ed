from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "fazhi.core.evidence"
    label = "evidence"
    verbose_name = "证据文件"

    def ready(self) -> None:
        from . import permissions  # noqa: F401 — registers the rules permissions
