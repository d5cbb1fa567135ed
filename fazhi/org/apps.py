from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fazhi.org"
    label = "org"
    verbose_name = "组织机构与人员"
    fazhi_nav = [("机构人员", "org:agency_list")]

    def ready(self) -> None:
        from . import permissions  # noqa: F401 — registers the rules permissions
