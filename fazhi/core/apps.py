from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "核心机制"

    def ready(self) -> None:
        # Every installed app's `indicators.py` registers its computations (INDICATORS.md codes).
        from fazhi.core.indicators import autodiscover

        autodiscover()
