from django.apps import AppConfig


class AffairsConfig(AppConfig):
    name = "fazhi.affairs"
    label = "affairs"
    verbose_name = "其他监督事项"
    # the other pages (信访, 台账, 年度报告) are tabs of these
    fazhi_nav = [
        ("督办总览", "affairs:overview"),
        ("依申请公开", "affairs:disclosure_list"),
        ("建议提案与信访", "affairs:suggestion_list"),
    ]
    fazhi_portal_nav = [
        (
            "政府信息公开",
            "affairs_public:home",
            "各单位依申请公开答复情况、政府信息公开工作年度报告、建议提案办理复文",
        )
    ]

    def ready(self) -> None:
        from . import indicators, permissions, procedures  # noqa: F401
