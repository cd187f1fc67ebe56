"""Sync after commit in the background, bulk rebuild with an alias swap, downloads."""

import csv
import io
import time

import pytest
from django.core.management import call_command
from django.db import connection

from directory.importing.reading import parse_rows
from search import service
from search.engines import elastic
from search.models import SearchDocument
from search.query import parse
from tests import factories


def _titles(**params):
    return [item["title"] for item in service.run(parse(params))["results"]]


# The pusher thread writes its lease while the test writes pages: SQLite's
# shared in-memory test database refuses the second writer at once ("table is
# locked") where a file database would wait. test_push_lease.py steps the same
# pusher by hand on both databases.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("site_tree")
def test_publish_reaches_elasticsearch_after_commit_in_the_background(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.SEARCH_INDEX_PREFIX = f"test-bg-{time.monotonic_ns()}"
    product = factories.product(title="后台同步乳腺探头")
    assert elastic.wait_until_pushed(timeout=20)
    assert _titles(q="乳腺探头") == ["后台同步乳腺探头"]
    product.unpublish()
    assert elastic.wait_until_pushed(timeout=20)
    assert _titles(q="乳腺探头") == []


@pytest.mark.django_db
def test_rebuild_swaps_to_a_new_index_and_keeps_results(search_engine, settings):
    factories.product(title="重建索引牙科种植体")
    SearchDocument.objects.all().delete()  # as if the index had been lost
    call_command("rebuild_search_index", verbosity=0)
    engine = search_engine.sync()
    assert _titles(q="种植体") == ["重建索引牙科种植体"]
    if search_engine.name == "elasticsearch":
        first = set(engine.client.indices.get_alias(name=engine.alias))
        call_command("rebuild_search_index", verbosity=0)
        second = set(engine.client.indices.get_alias(name=engine.alias))
        assert first != second and len(second) == 1
        assert _titles(q="种植体") == ["重建索引牙科种植体"]


@pytest.mark.django_db
def test_rebuild_is_idempotent_and_drops_stale_documents(search_engine):
    product = factories.product(title="过期文档检查仪")
    call_command("rebuild_search_index", verbosity=0)
    assert call_command("rebuild_search_index", verbosity=0) is None
    rows = SearchDocument.objects.count()
    call_command("rebuild_search_index", verbosity=0)
    assert SearchDocument.objects.count() == rows  # nothing rewritten
    # A page removed behind search's back is dropped by the next rebuild.
    ProductPageModel = type(product)
    ProductPageModel.objects.filter(pk=product.pk).update(live=False)
    call_command("rebuild_search_index", verbosity=0)
    search_engine.sync()
    assert _titles(q="检查仪") == []


@pytest.mark.django_db
def test_search_results_download_as_csv_and_xlsx(search_engine, client):
    enterprise = factories.enterprise(title="下载测试企业")
    factories.product(enterprise, title="下载测试乳腺机", registration_no="粤械注准20202060999")
    search_engine.sync()
    response = client.get("/search/download.csv", {"q": "下载测试", "kind": "product"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [(r["企业名称"], r["产品名称"], r["注册证编号"]) for r in rows] == [
        ("下载测试企业", "下载测试乳腺机", "粤械注准20202060999")
    ]
    xlsx = client.get("/search/download.xlsx", {"q": "下载测试"})
    assert xlsx.status_code == 200
    assert xlsx.getvalue()[:2] == b"PK"
    assert client.get("/search/download.pdf", {"q": "下载测试"}).status_code == 404
    assert client.get("/search/download.csv", {"page_size": "999"}).status_code == 400


@pytest.mark.django_db
def test_search_download_is_safe_too(client, search_engine):
    enterprise = factories.enterprise(title="=公式企业\x07")
    factories.product(enterprise, title="@检索下载产品")
    search_engine.sync()
    for file_format in ("csv", "xlsx"):
        response = client.get(f"/search/download.{file_format}", {"q": "检索下载产品"})
        assert response.status_code == 200
        (values,) = [v for _, v in parse_rows(response.getvalue(), file_format).rows]
        assert values["product_name"] == "@检索下载产品"  # imported back: apostrophe gone
    csv_text = client.get("/search/download.csv", {"q": "检索下载产品"}).getvalue().decode()
    assert "'=公式企业," in csv_text and "'@检索下载产品," in csv_text
