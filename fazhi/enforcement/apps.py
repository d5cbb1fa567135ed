from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"
    fazhi_nav = [("执法监督", "enforcement:home"), ("执法事项", "enforcement:matters")]
    fazhi_nav += [("监督看板", "enforcement:supervision"), ("执法人员", "enforcement:certificates")]
    fazhi_portal_nav = [("行政执法公示", "enforcement_public:decisions")]

    def ready(self) -> None:
        from fazhi.core.workdays.services import on_calendar_changed

        from . import (  # noqa: F401 — registers rules and the procedure
            permissions,
            procedures,
        )
        from .services.cases import sync_late_flags
        from .supervision import permissions as supervision_permissions  # noqa: F401 — supervision rules

        # every due date is an engine Deadline, recomputed by workdays.services.enter_holiday_year
        # itself; this hook only raises the cases' stored late flags once an undecided deadline settles
        on_calendar_changed(sync_late_flags)
