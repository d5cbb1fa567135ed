from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "fazhi.core.workdays"
    label = "workdays"
    verbose_name = "工作日历"
    fazhi_nav = [("工作日历", "workdays:index")]

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules perms)
