"""Run the search contract against both engines.

Elasticsearch: the server named by ELASTICSEARCH_URL, or else the
ES-compatible test server noida-db, started once per test session on a free
loopback port.
"""

import os
import uuid

import pytest

from search.engines import get_engine
from tests.search import noida


@pytest.fixture(scope="session")
def elasticsearch_url(tmp_path_factory):
    if os.environ.get("ELASTICSEARCH_URL"):
        yield os.environ["ELASTICSEARCH_URL"]
        return
    url, stop = noida.start(tmp_path_factory.mktemp("noida"))
    yield url
    stop()


class EngineUnderTest:
    def __init__(self, name):
        self.name = name

    def sync(self):
        """Bring the engine up to date with what this test has written."""
        engine = get_engine()
        if self.name == "elasticsearch":
            engine.push_pending()
        return engine


@pytest.fixture(params=["embedded", "elasticsearch"])
def search_engine(request, settings):
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
        settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    else:
        settings.ELASTICSEARCH_URL = ""
    engine = get_engine()
    if request.param == "embedded":
        engine.reset()  # ids are reused after each test's rollback
    yield EngineUnderTest(request.param)
    if request.param == "elasticsearch":
        for index in engine.client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*"):
            engine.client.indices.delete(index=index)
