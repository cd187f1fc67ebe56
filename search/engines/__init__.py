"""Search engines: Elasticsearch when ELASTICSEARCH_URL is set, else embedded."""

from functools import cache

from django.conf import settings


def get_engine():
    return _engine(settings.ELASTICSEARCH_URL)


@cache
def _engine(elasticsearch_url):
    if elasticsearch_url:
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine(elasticsearch_url)
    from .embedded import EmbeddedEngine

    return EmbeddedEngine()


def warm_up_in_background():
    """Load the embedded index in a thread as a worker starts, so the first
    search does not pay for it (the engine's lock makes that search wait for
    this load rather than start another)."""
    import threading

    from django.db import connections

    if settings.ELASTICSEARCH_URL:
        return

    def load():
        try:
            get_engine().refresh()
        finally:
            connections.close_all()

    threading.Thread(target=load, name="search-warm-up", daemon=True).start()
