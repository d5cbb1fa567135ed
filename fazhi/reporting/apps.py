from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "fazhi.reporting"
    label = "reporting"
