import datetime

import pytest

from directory.choices import DeviceClass, ProcurementStatus, ProductType, RecognitionKind
from directory.models import CatalogEntry, FirstSetRecognition, FirstUseRecord
from tests import factories

pytestmark = pytest.mark.django_db

BANNER = "示例数据，非官方信息"


def get(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_directory_index_lists_enterprises(client):
    enterprise = factories.enterprise(title="中山示例医疗器械有限公司", town="火炬开发区")
    html = get(client, enterprise.get_parent())
    assert "中山示例医疗器械有限公司" in html
    assert "中山市火炬开发区" in html


def test_enterprise_page_shows_facts_products_and_catalogs(client):
    enterprise = factories.enterprise(
        title="宁波杜比医疗科技有限公司", region="慈溪市", certifications="GMP、ISO 13485"
    )
    product = factories.product(parent=enterprise, title="乳腺癌筛查设备")
    factories.catalog(title="首台（套）目录", entries=[product])
    html = get(client, enterprise)
    for fact in [enterprise.credit_code, "慈溪市", "ISO 13485", "乳腺癌筛查设备", "首台（套）目录"]:
        assert fact in html
    assert BANNER not in html


def test_product_page_shows_every_fact(client):
    enterprise = factories.enterprise(title="宁波市和平鸽口腔医疗器械有限公司")
    product = factories.product(
        parent=enterprise,
        title="一次性牙科手机",
        device_class=DeviceClass.CLASS_2,
        registration_no="浙械注准20182170001",
        model_spec="高速气涡轮",
        intended_use="口腔科牙体治疗。",
        procurement_status=ProcurementStatus.OFFLINE,
        medical_insurance="covered",
    )
    catalog = factories.catalog(
        title="2022年度中山优质产品推荐目录",
        published_on=datetime.date(2022, 11, 1),
        valid_until=datetime.date(2025, 10, 31),
        entries=[product],
    )
    FirstSetRecognition.objects.create(
        page=product, kind=RecognitionKind.FIRST_SET, level="city", catalog=catalog
    )
    FirstUseRecord.objects.create(
        page=product,
        hospital=factories.hospital(title="慈溪市人民医院"),
        started_on=datetime.date(2018, 1, 1),
    )
    html = get(client, product)
    for fact in [
        "宁波市和平鸽口腔医疗器械有限公司",
        enterprise.url,
        "医疗器械",
        "第二类",
        "浙械注准20182170001",
        "高速气涡轮",
        "口腔科牙体治疗。",
        "医疗机构只能线下或备案采购",
        "已纳入医保目录",
        "2022年度中山优质产品推荐目录",
        "有效期至2025年10月31日",
        "已过期",
        "首台（套）医疗装备",
        "慈溪市人民医院",
        "2018年",
    ]:
        assert fact in html, fact


def test_example_records_carry_the_banner(client):
    enterprise = factories.enterprise(is_example=True)
    product = factories.product(parent=enterprise, is_example=True)
    assert BANNER in get(client, enterprise)
    assert BANNER in get(client, product)


def test_titles_are_escaped(client):
    enterprise = factories.enterprise(title="<script>alert(1)</script>企业")
    product = factories.product(parent=enterprise, title="<script>alert(2)</script>产品")
    for page in (enterprise, product):
        html = get(client, page)
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html


def test_enterprise_page_query_count_stays_small(client, django_assert_max_num_queries):
    enterprise = factories.enterprise()
    products = [factories.product(parent=enterprise) for _ in range(5)]
    factories.catalog(entries=products)
    client.get(enterprise.url)  # warm the site-root cache
    with django_assert_max_num_queries(15):
        assert client.get(enterprise.url).status_code == 200


def test_product_page_query_count_stays_small(client, django_assert_max_num_queries):
    product = factories.product()
    catalogs = [factories.catalog(entries=[product]) for _ in range(3)]
    for catalog in catalogs:
        FirstSetRecognition.objects.create(
            page=product, kind=RecognitionKind.FIRST_SET, level="city", catalog=catalog
        )
        hospital = factories.hospital(title=f"{catalog.title}医院")
        FirstUseRecord.objects.create(page=product, hospital=hospital)
    client.get(product.url)
    # 20: one more than before for the procurement rules of its province or city.
    with django_assert_max_num_queries(20):
        assert client.get(product.url).status_code == 200


def test_catalog_index_shows_validity(client):
    current = factories.catalog(title="现行目录", published_on=datetime.date(2021, 12, 31))
    factories.catalog(
        title="过期目录",
        published_on=datetime.date(2022, 11, 1),
        valid_until=datetime.date(2025, 10, 31),
    )
    html = get(client, current.get_parent())
    assert "现行目录" in html and "有效期内" in html
    assert "过期目录" in html and "已过期" in html


def test_catalog_page_shows_facts_entries_and_downloads(client):
    enterprise = factories.enterprise(title="示例企业甲")
    product = factories.product(
        parent=enterprise, title="数字乳腺X射线机", device_class=DeviceClass.CLASS_3
    )
    catalog = factories.catalog(
        title="药械生产企业及产品目录（第二期）",
        issuing_body="中山市市场监督管理局",
        document_number="中市监函〔2022〕77号",
        published_on=datetime.date(2022, 4, 7),
        declared_count=1196,
        entries=[product, factories.enterprise(title="示例企业乙")],
    )
    html = get(client, catalog)
    for fact in [
        "中山市市场监督管理局",
        "中市监函〔2022〕77号",
        "2022年4月7日",
        "有效期内",
        "1196",
        "数字乳腺X射线机",
        "示例企业甲",
        "示例企业乙",
        "第三类",
        f'href="{catalog.url}{catalog.reverse_subpage("download", args=["csv"])}"',
        f'href="{catalog.url}{catalog.reverse_subpage("download", args=["xlsx"])}"',
    ]:
        assert fact in html, fact


def test_pending_catalog_says_so(client):
    future = datetime.date.today() + datetime.timedelta(days=30)
    catalog = factories.catalog(published_on=future)
    assert "尚未生效" in get(client, catalog)


def test_catalog_entries_are_paginated_without_a_query_per_row(
    client, django_assert_max_num_queries
):
    enterprises = [factories.enterprise() for _ in range(3)]
    catalog = factories.catalog()
    products = [
        factories.product(parent=enterprises[n % 3], product_type=ProductType.SERVICE)
        for n in range(6)
    ]
    CatalogEntry.objects.bulk_create(
        CatalogEntry(catalog=catalog, product=p, sort_order=n) for n, p in enumerate(products)
    )
    client.get(catalog.url)
    with django_assert_max_num_queries(14):
        html = get(client, catalog)
    assert all(p.title in html for p in products)
    assert all(e.title in html for e in enterprises)
