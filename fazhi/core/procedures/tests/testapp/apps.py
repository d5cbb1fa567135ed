from django.apps import AppConfig


class ProceduresTestAppConfig(AppConfig):
    """Test-only app: a small case model run by a reconsideration-like procedure."""

    name = "fazhi.core.procedures.tests.testapp"
    label = "procedures_testapp"

    def ready(self) -> None:
        from . import permissions  # noqa: F401
