from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "fazhi.core.audit"
    label = "audit"
    verbose_name = "审计日志"
