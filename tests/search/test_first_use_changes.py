"""A 首试首用 record removed or moved to another hospital reaches the
hospitals' search documents through the one change hook, without a rebuild."""

import datetime

import pytest

from directory.models import FirstUseRecord, ProductPage
from search import service
from search.query import parse
from tests import factories

pytestmark = pytest.mark.django_db


def hospitals_listing(product_title):
    found = service.run(parse({"q": product_title, "kind": "hospital"}))["results"]
    return [item["title"] for item in found]


def publish_with_records(product, *hospitals):
    """Edit the product's 首试首用 records as the admin's editor does: a
    revision of the page with its inline records, then publish."""
    draft = ProductPage.objects.get(pk=product.pk).get_latest_revision_as_object()
    draft.first_use_records = [
        FirstUseRecord(hospital=hospital, started_on=datetime.date(2020, 1, 1))
        for hospital in hospitals
    ]
    draft.save_revision().publish()


@pytest.fixture
def trialled(search_engine):
    zonghan = factories.hospital(title="宗汉卫生院", level="township")
    baisha = factories.hospital(title="白沙路卫生院", level="township")
    product = factories.product(title="乳腺癌筛查设备")
    publish_with_records(product, zonghan)
    search_engine.sync()
    assert hospitals_listing("乳腺癌筛查设备") == ["宗汉卫生院"]
    return product, zonghan, baisha


def test_a_record_removed_in_the_editor_leaves_the_hospital(trialled, search_engine):
    product, _zonghan, _baisha = trialled
    publish_with_records(product)
    search_engine.sync()
    assert hospitals_listing("乳腺癌筛查设备") == []
    assert service.run(parse({"q": "宗汉卫生院"}))["results"][0]["title"] == "宗汉卫生院"


def test_a_record_deleted_directly_leaves_the_hospital(trialled, search_engine):
    product, _zonghan, _baisha = trialled
    FirstUseRecord.objects.get(page=product).delete()
    search_engine.sync()
    assert hospitals_listing("乳腺癌筛查设备") == []


def test_a_record_moved_to_another_hospital_moves_in_search(trialled, search_engine):
    product, _zonghan, baisha = trialled
    record = FirstUseRecord.objects.get(page=product)
    record.hospital = baisha
    record.save()
    search_engine.sync()
    assert hospitals_listing("乳腺癌筛查设备") == ["白沙路卫生院"]
