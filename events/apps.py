from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "活动"

    def ready(self):
        from . import signals  # noqa: F401
