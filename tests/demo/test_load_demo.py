import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from wagtail.models import Page, Revision

from directory.models import (
    CatalogEntry,
    CatalogPage,
    EnterprisePage,
    FirstSetRecognition,
    FirstUseRecord,
    ProductPage,
)
from events.models import EventPage

pytestmark = pytest.mark.django_db(transaction=False)


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "entries": CatalogEntry.objects.count(),
        "recognitions": FirstSetRecognition.objects.count(),
        "first_use": FirstUseRecord.objects.count(),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_loading_twice_changes_nothing(demo):
    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before
    assert before["pages"] > 90
    duplicates = Page.objects.values("path").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()


def test_seed_facts_are_present(demo, client):
    second = CatalogPage.objects.get(document_number="中市监函〔2022〕77号")
    assert second.published_on.isoformat() == "2022-04-07"
    assert (
        CatalogPage.objects.get(document_number="中市监函〔2022〕1号").published_on.isoformat()
        == "2021-12-31"
    )

    recommended = CatalogPage.objects.get(title="2022年度中山优质产品推荐目录")
    assert recommended.declared_count == 127
    html = client.get(recommended.url).content.decode()
    assert "已过期" in html

    first_set = CatalogPage.objects.get(title__contains="首台（套）高端医疗装备")
    assert first_set.declared_count == 7
    listed = set(first_set.entries.values_list("product__title", flat=True))
    assert listed == {"数字乳腺X射线机", "智能防疫消毒机器人", "正电子发射断层扫描（PET-CT）系统"}

    dubi = EnterprisePage.objects.get(title="宁波杜比医疗科技有限公司")
    # Taken from the letter, so not an example; its credit code is a placeholder.
    assert not dubi.is_example and "credit_code" in dubi.placeholders
    assert dubi.fact_source.document_number == "慈卫建〔2021〕15号"
    screening = dubi.get_products().get(title="乳腺癌筛查设备")
    hospitals = {r.hospital.title: r.started_on.year for r in screening.first_use_records.all()}
    assert hospitals == {"宗汉卫生院": 2017, "白沙路卫生院": 2017}
    handpiece = ProductPage.objects.get(title="一次性牙科手机")
    assert handpiece.first_use_records.get().hospital.title == "慈溪市人民医院"
    assert EnterprisePage.objects.filter(title="新海科技集团有限公司").exists()

    summit = EventPage.objects.get(title="中山市首届医工合作高峰会")
    assert summit.venue == "中山纪念图书馆"
    assert "健康基地" in summit.hosts
    assert EventPage.objects.filter(venue="中科院慈溪中心").exists()

    home = client.get("/").content.decode()
    assert "2022年度中山优质产品推荐目录" in home

    # Everything synthetic is marked as such.
    synthetic = ProductPage.objects.filter(title__startswith="示例：")
    assert synthetic.count() >= 60
    assert not synthetic.filter(is_example=False).exists()
    # Every enterprise is synthetic or names the letter it is taken from.
    assert not EnterprisePage.objects.filter(is_example=False, fact_source=None).exists()
    assert not CatalogPage.objects.filter(is_example=False, fact_source=None).exists()
    assert CatalogPage.objects.filter(title__startswith="示例：", is_example=False).count() == 0
    dental = synthetic.filter(title__contains="牙", device_class="2", procurement_status="sunshine")
    assert dental.exists()
    assert synthetic.filter(title__contains="乳腺").exists()
    assert synthetic.filter(title__contains="PET-CT").exists()
    assert len(set(synthetic.values_list("product_type", flat=True))) == 5


def test_scale_adds_valid_rendering_products_and_tops_up(demo, client):
    call_command("load_demo", scale=50, stdout=io.StringIO())

    def scaled():
        return ProductPage.objects.filter(slug__startswith="bench-product-")

    assert scaled().count() == 50
    assert not scaled().filter(is_example=False).exists()
    for product in scaled():
        product.full_clean()
        assert client.get(product.url).status_code == 200
    for enterprise in EnterprisePage.objects.filter(slug__startswith="bench-enterprise-"):
        enterprise.full_clean()
        assert client.get(enterprise.url).status_code == 200
    assert CatalogEntry.objects.filter(product__in=scaled()).count() >= 10
    # Written by the one bulk writer: a revision each, and announced, so search has them.
    assert not scaled().filter(latest_revision__isnull=True).exists()
    from search.models import SearchDocument

    indexed = set(SearchDocument.objects.values_list("page_id", flat=True))
    assert set(scaled().values_list("pk", flat=True)) <= indexed

    call_command("load_demo", scale=50, stdout=io.StringIO())
    assert scaled().count() == 50
    call_command("load_demo", scale=75, stdout=io.StringIO())
    assert scaled().count() == 75
    numbers = [n for n in scaled().values_list("registration_no", flat=True) if n]
    assert len(numbers) == len(set(numbers)) > 60

    assert Page.find_problems() == ([], [], [], [], [])
    for page in Page.objects.filter(depth__gt=1):
        assert (
            page.numchild
            == Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        ), page.url_path
