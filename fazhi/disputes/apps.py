from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "行政复议、应诉与调解"
    fazhi_nav = [
        ("行政复议", "disputes:reconsideration_list"),
        ("行政应诉", "disputes:litigation_list"),
        ("调解", "disputes:mediation_list"),
    ]
    fazhi_portal_nav = [("行政复议", "disputes_public:home", "网上申请行政复议，查阅已公开的行政复议决定书")]

    def ready(self) -> None:
        from . import permissions, procedures  # noqa: F401
