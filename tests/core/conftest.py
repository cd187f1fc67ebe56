from tests.search.conftest import elasticsearch_url, search_engine  # noqa: F401
