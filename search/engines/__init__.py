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
    """As a worker starts: with Elasticsearch, start this process's pusher
    (engines/elastic_push.py); else load the embedded index in a thread, so
    the first search does not pay for it (the engine's lock makes that search wait for
    this load rather than start another)."""
    import threading

    from django.db import connections

    if settings.ELASTICSEARCH_URL:
        from .elastic import schedule_push

        schedule_push()  # the pusher: catch up now, then hold the lease or stand by
        return

    def load():
        from core.ordering import load_tables

        try:
            get_engine().refresh()
            load_tables()  # the name sorts' pinyin, after the engine: search comes first
        finally:
            connections.close_all()

    threading.Thread(target=load, name="search-warm-up", daemon=True).start()
