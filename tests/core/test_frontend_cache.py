"""A caching proxy in front of the site is purged when content changes: a
real HTTP server on loopback stands in for Varnish and records the PURGEs."""

import http.server
import threading

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy(settings):
    purged = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield purged
    server.shutdown()


def test_publishing_a_product_purges_it_and_the_pages_that_list_it(
    proxy, django_capture_on_commit_callbacks
):
    maker = factories.enterprise(title="中山示例企业")
    proxy.clear()
    with django_capture_on_commit_callbacks(execute=True):
        product = factories.product(maker, title="示例产品")
    paths = {path for host, path in proxy}
    assert {product.url, maker.url, "/enterprises/", "/", "/sitemap.xml"} <= paths
    assert {host for host, _ in proxy} == {"localhost"}


def test_nothing_is_purged_before_the_change_commits(proxy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.enterprise(title="未提交企业")
    assert proxy == []
    assert callbacks


def test_without_a_proxy_configured_nothing_is_sent(
    proxy, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=True):
        factories.enterprise(title="无代理企业")
    assert proxy == []
