from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "fazhi.inspection"
    label = "inspection"
    verbose_name = "双随机、一公开"
    fazhi_nav = [("双随机抽查", "inspection:plan_list")]
    fazhi_portal_nav = [
        ("双随机、一公开", "inspection_public:home", "查阅抽查结果和抽取记录，核验抽取结果，评价检查")
    ]

    def ready(self) -> None:
        from . import indicators, permissions, procedures  # noqa: F401
