from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = "申报与协助"

    def ready(self):
        from . import signals  # noqa: F401
