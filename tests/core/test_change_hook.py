"""One path for every change: imports, entries and privacy reach search and
the page cache through `core.changes`, with nothing replayed by hand."""

import csv
import io

import pytest
from wagtail.models import PageViewRestriction

from core.changes import announce, batch, content_changed
from directory.importing import ImportOptions, import_catalog
from search import service
from search.query import parse
from tests import factories

pytestmark = pytest.mark.django_db


def _csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _row(enterprise, product_name, registration_no):
    return {
        "enterprise_name": enterprise.title,
        "credit_code": enterprise.credit_code,
        "region": enterprise.region,
        "product_name": product_name,
        "product_type": "医疗器械",
        "device_class": "第二类",
        "registration_no": registration_no,
        "procurement_status": "阳光挂网",
    }


def _search(**params):
    return service.run(parse(params))


def test_batch_announces_once_with_every_page():
    received = []

    def listener(sender, page_ids, **kwargs):
        received.append(page_ids)

    content_changed.connect(listener)
    try:
        with batch():
            announce([1, 2])
            with batch():
                announce([3])
            assert received == []
        assert received == [frozenset({1, 2, 3})]
    finally:
        content_changed.disconnect(listener)


def test_import_into_an_existing_catalog_shows_at_once_to_anonymous_visitors(
    page_cache, client, django_capture_on_commit_callbacks
):
    enterprise = factories.enterprise()
    catalog = factories.catalog(title="已有目录", entries=[enterprise])
    assert "新导入的心电图机" not in client.get(catalog.url).content.decode()  # now cached
    data = _csv([_row(enterprise, "新导入的心电图机", "粤械注准20232070001")])
    with django_capture_on_commit_callbacks(execute=True):
        report = import_catalog(data, "csv", ImportOptions(catalog_title="已有目录"))
    assert report.ok, report.summary_lines()
    assert "新导入的心电图机" in client.get(catalog.url).content.decode()


def test_renaming_an_enterprise_by_import_renames_it_in_its_products_results(search_engine):
    enterprise = factories.enterprise(title="旧名称医疗器械有限公司")
    factories.product(
        parent=enterprise, title="改名测试监护仪", registration_no="粤械注准20232070002"
    )
    renamed = {**_row(enterprise, "改名测试监护仪", "粤械注准20232070002")}
    renamed["enterprise_name"] = "新名称医疗器械有限公司"
    report = import_catalog(_csv([renamed]), "csv", ImportOptions(catalog_title="改名目录"))
    assert report.ok, report.summary_lines()
    search_engine.sync()
    [item] = _search(q="改名测试监护仪")["results"]
    assert item["enterprise"]["title"] == "新名称医疗器械有限公司"


def test_adding_an_unchanged_record_to_a_catalog_updates_its_catalog_facet(search_engine):
    product = factories.product(title="已存在的血压计")
    catalog = factories.catalog(title="新增条目目录")
    search_engine.sync()
    assert _search(q="血压计", catalog=str(catalog.pk))["count"] == 0
    catalog.entries.create(product=product, sort_order=1)
    search_engine.sync()
    assert _search(q="血压计", catalog=str(catalog.pk))["count"] == 1


def test_a_catalog_section_made_private_leaves_results_and_facets(search_engine):
    product = factories.product(title="私有目录中的监护仪")
    catalog = factories.catalog(title="将被设为私有的目录", entries=[product])
    search_engine.sync()
    assert _search(q="监护仪")["results"][0]["catalogs"][0]["title"] == "将被设为私有的目录"
    PageViewRestriction.objects.create(
        page=catalog.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    search_engine.sync()
    body = _search(q="监护仪")
    assert body["results"][0]["catalogs"] == []
    assert body["facets"]["catalog"] == []
