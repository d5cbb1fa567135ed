from django.apps import AppConfig


class RulemakingConfig(AppConfig):
    name = "fazhi.rulemaking"
    label = "rulemaking"
    verbose_name = "规范性文件、重大行政决策与合法性审查"
    fazhi_nav = [
        ("规范性文件", "rulemaking:document_list"),
        ("重大行政决策", "rulemaking:decision_list"),
        ("合法性审查", "rulemaking:paper_list"),
    ]
    fazhi_portal_nav = [
        ("规范性文件", "rulemaking_public:catalogue", "现行有效的行政规范性文件目录和全文，草案公开征求意见"),
        ("重大行政决策", "rulemaking_public:decisions", "年度重大行政决策事项目录"),
    ]

    def ready(self) -> None:
        from . import indicators, permissions, procedures  # noqa: F401
