from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "公共部件"

    def ready(self):
        from . import frontend_cache, page_cache, signals  # noqa: F401
