import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from directory.choices import CatalogKind, DeviceClass, ProcurementStatus, ProductType
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    zs = factories.enterprise(title="中山示例医疗器械有限公司", region="中山市")
    cx = factories.enterprise(title="慈溪示例医疗科技有限公司", region="慈溪市")
    dental = factories.product(
        parent=zs,
        title="牙科综合治疗机",
        product_type=ProductType.DEVICE,
        device_class=DeviceClass.CLASS_2,
        registration_no="粤械注准20202060001",
        procurement_status=ProcurementStatus.SUNSHINE,
    )
    drug = factories.product(
        parent=cx,
        title="示例胶囊",
        product_type=ProductType.DRUG,
        device_class="",
        registration_no="国药准字H20000001",
        procurement_status=ProcurementStatus.CENTRALIZED,
    )
    draft = factories.product(parent=zs, title="未发布的草稿产品", live=False)
    draft_enterprise = factories.enterprise(title="草稿企业", live=False)
    catalog = factories.catalog(
        title="2022 年度中山优质产品推荐目录",
        kind=CatalogKind.RECOMMENDED,
        valid_until=datetime.date(2025, 10, 31),
        entries=[dental, draft, cx],
    )
    draft_catalog = factories.catalog(title="草稿目录", live=False)
    return {
        "zs": zs,
        "cx": cx,
        "dental": dental,
        "drug": drug,
        "draft": draft,
        "draft_enterprise": draft_enterprise,
        "catalog": catalog,
        "draft_catalog": draft_catalog,
    }


def names(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def test_product_list_shows_live_products_only(client, content):
    data = client.get("/api/v1/products").json()
    assert data["count"] == 2
    assert sorted(names(client.get("/api/v1/products"))) == sorted(["牙科综合治疗机", "示例胶囊"])
    dental = next(p for p in data["results"] if p["title"] == "牙科综合治疗机")
    assert dental["enterprise"]["title"] == "中山示例医疗器械有限公司"
    assert dental["device_class"] == "2" and dental["product_type_label"] == "医疗器械"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("product_type=drug", ["示例胶囊"]),
        ("device_class=2", ["牙科综合治疗机"]),
        ("procurement_status=sunshine", ["牙科综合治疗机"]),
        ("region=慈溪市", ["示例胶囊"]),
        ("q=牙科", ["牙科综合治疗机"]),
        ("q=国药准字", ["示例胶囊"]),
        ("first_set=true", []),
    ],
)
def test_product_filters(client, content, query, expected):
    assert names(client.get(f"/api/v1/products?{query}")) == expected


def test_product_filter_by_enterprise_and_catalog(client, content):
    zs, catalog = content["zs"], content["catalog"]
    assert names(client.get(f"/api/v1/products?enterprise={zs.pk}")) == ["牙科综合治疗机"]
    assert names(client.get(f"/api/v1/products?catalog={catalog.pk}")) == ["牙科综合治疗机"]
    assert names(client.get(f"/api/v1/enterprises?catalog={catalog.pk}")) == [content["cx"].title]


def test_enterprise_list_and_filters(client, content):
    assert sorted(names(client.get("/api/v1/enterprises"))) == sorted(
        [content["zs"].title, content["cx"].title]
    )
    assert names(client.get("/api/v1/enterprises?region=中山市")) == [content["zs"].title]


def test_pagination(client, content):
    first = client.get("/api/v1/products?page_size=1").json()
    second = client.get("/api/v1/products?page_size=1&page=2").json()
    assert first["count"] == 2 and first["pages"] == 2 and len(first["results"]) == 1
    assert first["results"][0]["id"] != second["results"][0]["id"]
    assert client.get("/api/v1/products?page=9").json()["results"] == []


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "page_size=101",
        "page_size=-1",
        "product_type=rocket",
        "device_class=4",
        "enterprise=x",
        "first_set=maybe",
        "catalog=0",
    ],
)
def test_bad_parameters_are_400_with_chinese_message(client, content, query):
    response = client.get(f"/api/v1/products?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "参数" in response.json()["error"]


def test_details_and_404_for_drafts_and_unknown(client, content):
    dental = client.get(f"/api/v1/products/{content['dental'].pk}").json()
    assert dental["catalogs"][0]["title"] == content["catalog"].title
    enterprise = client.get(f"/api/v1/enterprises/{content['zs'].pk}").json()
    assert [p["title"] for p in enterprise["products"]] == ["牙科综合治疗机"]
    for url in (
        f"/api/v1/products/{content['draft'].pk}",
        f"/api/v1/enterprises/{content['draft_enterprise'].pk}",
        f"/api/v1/catalogs/{content['draft_catalog'].pk}",
        "/api/v1/products/999999",
        "/api/v1/products/abc",
        "/api/v1/products/99999999999999999999999",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "不存在" in response.json()["error"]


def test_catalogs_list_live_entries_only(client, content):
    data = client.get("/api/v1/catalogs").json()
    assert [c["title"] for c in data["results"]] == [content["catalog"].title]
    assert data["results"][0]["entry_count"] == 2
    assert data["results"][0]["validity"] == "expired"
    detail = client.get(f"/api/v1/catalogs/{content['catalog'].pk}").json()
    assert [(e["kind"], e["title"]) for e in detail["entries"]["results"]] == [
        ("product", "牙科综合治疗机"),
        ("enterprise", content["cx"].title),
    ]
    assert names(client.get("/api/v1/catalogs?kind=first_set")) == []
    assert client.get("/api/v1/catalogs?validity=current").json()["count"] == 0
    assert client.get("/api/v1/catalogs?validity=expired").json()["count"] == 1


def test_list_queries_do_not_grow_with_rows(client, content, django_assert_max_num_queries):
    for number in range(5):
        factories.product(parent=content["cx"], title=f"批量产品{number}")
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/products?page_size=100").json()["count"] == 7


def test_openapi_schema_describes_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/",
        "/enterprises",
        "/enterprises/{id}",
        "/products",
        "/products/{id}",
        "/catalogs",
        "/catalogs/{id}",
        "/events",
        "/events/{id}",
    }


def test_api_conforms_to_its_schema(content):
    """Fuzzed from the served schema: no server error, every response as documented.

    Each operation gets its own bounded Hypothesis run against the WSGI app,
    inside this test's database transaction.
    """
    factories.event(title="医企对接会")
    # As Django's test client does: keep the test's connection (and transaction) open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        fuzz_every_operation()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz_every_operation():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        def fuzz(case):
            case.call_and_validate()

        fuzz()


def test_a_trailing_slash_redirects_to_the_canonical_path(client):
    response = client.get("/api/v1/products/", {"page": "2"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/products?page=2"
    assert client.get("/api/v1/events/7/")["Location"] == "/api/v1/events/7"
