from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"
    fazhi_nav = [("执法监督", "enforcement:home"), ("执法事项", "enforcement:matters")]
    fazhi_portal_nav = [("行政执法公示", "enforcement_public:decisions")]

    def ready(self) -> None:
        from . import permissions, procedures  # noqa: F401 — registers rules and the procedure
