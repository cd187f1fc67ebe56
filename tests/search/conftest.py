"""Run the search contract against both engines.

Elasticsearch: the server named by ELASTICSEARCH_URL, or else the
ES-compatible test server noida-db, started once per test session on a free
loopback port.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from search.engines import get_engine


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _noida_binary():
    found = shutil.which("noida-db") or str(Path(sys.executable).parent / "noida-db")
    if not Path(found).exists():
        pytest.fail("noida-db is not installed: run `make install`.")
    return found


@pytest.fixture(scope="session")
def elasticsearch_url(tmp_path_factory):
    if os.environ.get("ELASTICSEARCH_URL"):
        yield os.environ["ELASTICSEARCH_URL"]
        return
    data_dir = tmp_path_factory.mktemp("noida")
    port = _free_port()
    binary = _noida_binary()
    subprocess.run(
        [
            binary,
            "up",
            "--only",
            "elasticsearch",
            "--elasticsearch-port",
            str(port),
            "--data-dir",
            str(data_dir),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    yield url
    subprocess.run([binary, "down", "--data-dir", str(data_dir)], capture_output=True, timeout=60)


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
