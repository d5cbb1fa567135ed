from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "fazhi.reporting"
    label = "reporting"
    verbose_name = "统计与报告"
    # --- indicators, submissions, dashboard, annual report (issue 8) ---
    fazhi_nav = [
        ("指标看板", "reporting:dashboard", "reporting.view_dashboard"),
        ("数据填报", "reporting:campaigns", "reporting.view_dashboard"),
        ("年度报告", "reporting:reports", "reporting.view_dashboard"),
        # --- published reports of other jurisdictions (issue 9) ---
        ("区域比较", "reporting:compare"),
    ]
    fazhi_portal_nav = [
        ("法治政府建设年度报告", "reporting_public:reports", "历年法治政府建设年度报告全文"),
    ]

    def ready(self) -> None:
        from . import permissions  # noqa: F401
