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
