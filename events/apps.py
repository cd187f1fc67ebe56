from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "活动"

    def ready(self):
        from search import registry

        from . import signals  # noqa: F401
        from .search_documents import EventSource

        registry.register(EventSource())
