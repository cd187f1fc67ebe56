"""Catalogs are results of their own kind, found by title, 文号 and issuing body."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from directory.models import FirstUseRecord
from tests import factories
from tests.search.helpers import search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(catalogue):
    page = factories.catalog(
        title="中山市优质医疗器械推荐目录（2024年）",
        document_number="中工信〔2024〕18号",
        issuing_body="广东省药品监督管理局",
    )
    catalogue["engine"].sync()
    return {**catalogue, "listed": page}


@pytest.mark.parametrize(
    "q", ["优质医疗器械推荐", "中工信〔2024〕18号", "中工信2024 18", "广东省药品监督管理局"]
)
def test_catalogs_are_found_by_title_number_and_issuer(catalog, q):
    response = search(q=q, kind="catalog")
    assert titles(response)[0] == "中山市优质医疗器械推荐目录（2024年）"
    item = response["results"][0]
    assert item["kind"] == "catalog"
    assert (item["document_number"], item["issuing_body"]) == (
        "中工信〔2024〕18号",
        "广东省药品监督管理局",
    )
    assert item["url"] == catalog["listed"].url


def test_a_private_or_unpublished_catalog_is_not_a_result(catalog):
    engine = catalog["engine"]
    restriction = PageViewRestriction.objects.create(
        page=catalog["listed"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="内部目录"))
    engine.sync()
    assert search(q="优质医疗器械推荐")["count"] == 0
    restriction.delete()
    catalog["listed"].unpublish()
    engine.sync()
    assert search(q="优质医疗器械推荐")["count"] == 0


def test_catalog_results_on_the_page(catalog, client):
    html = client.get("/search/", {"q": "中工信"}).content.decode()
    assert "中工信〔2024〕18号" in html


def test_a_first_use_hospital_finds_the_products_trialled_there(catalogue):
    petct = catalogue["petct"]
    hospital = factories.hospital(title="中山市人民医院", region="中山市")
    FirstUseRecord.objects.create(page=petct, hospital=hospital)
    petct.save_revision().publish()
    catalogue["engine"].sync()
    assert search(q="中山市人民医院")["results"][0]["kind"] == "hospital"
    item = search(q="中山市人民医院", kind="product")["results"][0]
    assert item["title"] == "正电子发射断层扫描（PET-CT）系统"
    assert item["first_use_hospitals"] == ["中山市人民医院"]
