from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "fazhi.core.procedures"
    label = "procedures"
