from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "fazhi.core.procedures"
    label = "procedures"
    verbose_name = "办理程序"

    def ready(self) -> None:
        # Import every app's `procedures.py` so each procedure is registered before first use.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("procedures")
