"""/api/v1/ shows what the one visibility rule lets the public see, and
nothing else: no draft, no page under an unpublished or restricted ancestor,
no restricted page, no catalog entry pointing at one."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from directory.choices import RecognitionKind
from directory.models import FirstSetRecognition
from tests import factories

from .conftest import restrict

pytestmark = pytest.mark.django_db


def titles(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def test_lists_hold_public_pages_only(client, leaky_catalog):
    assert titles(client, "/api/v1/products") == ["公开产品"]
    assert sorted(titles(client, "/api/v1/enterprises")) == sorted(["公开企业", "公开的另一企业"])
    body = client.get("/api/v1/products", {"page_size": 100}).content.decode()
    for title in leaky_catalog["hidden_titles"]:
        assert title not in body


def test_hidden_pages_are_404_in_detail(client, leaky_catalog):
    for page in leaky_catalog["hidden"]:
        kind = "products" if type(page).__name__ == "ProductPage" else "enterprises"
        response = client.get(f"/api/v1/{kind}/{page.pk}")
        assert response.status_code == 404, page.title
        assert "不存在或尚未公开" in response.json()["error"]


def test_an_enterprise_lists_only_its_public_products(client, leaky_catalog):
    body = client.get(f"/api/v1/enterprises/{leaky_catalog['enterprise'].pk}").json()
    assert [product["title"] for product in body["products"]] == ["公开产品"]


def test_catalog_detail_pages_its_public_entries(client, leaky_catalog):
    catalog = leaky_catalog["catalog"]
    body = client.get(f"/api/v1/catalogs/{catalog.pk}").json()
    assert body["entry_count"] == 2
    entries = body["entries"]
    assert (entries["count"], entries["pages"]) == (2, 1)
    assert [e["title"] for e in entries["results"]] == ["公开产品", "公开的另一企业"]
    second = client.get(f"/api/v1/catalogs/{catalog.pk}", {"page_size": 1, "page": 2}).json()
    assert [e["title"] for e in second["entries"]["results"]] == ["公开的另一企业"]
    assert client.get(f"/api/v1/catalogs/{catalog.pk}", {"page_size": 0}).status_code == 400
    listed = client.get("/api/v1/catalogs").json()["results"]
    assert [c["entry_count"] for c in listed] == [2]


def test_catalog_download_links_resolve_to_public_rows(client, leaky_catalog):
    (catalog,) = client.get("/api/v1/catalogs").json()["results"]
    for file_format, url in catalog["downloads"].items():
        response = client.get(url)
        assert response.status_code == 200, url
        data = b"".join(response)
        if file_format == "csv":
            text = data.decode("utf-8-sig")
            assert "公开产品" in text and "草稿产品" not in text


def test_restricted_or_hidden_catalogs_and_events_are_absent(client):
    catalog = factories.catalog(title="受限目录")
    restrict(catalog, PageViewRestriction.LOGIN)
    event = factories.event(title="密码活动")
    restrict(event)
    draft_event = factories.event(title="草稿活动", live=False)
    assert titles(client, "/api/v1/catalogs") == []
    assert titles(client, "/api/v1/events") == []
    for url in (
        f"/api/v1/catalogs/{catalog.pk}",
        f"/api/v1/events/{event.pk}",
        f"/api/v1/events/{draft_event.pk}",
    ):
        assert client.get(url).status_code == 404, url


def test_first_set_means_first_set_and_other_recognitions_are_listed(client):
    private_catalog = factories.catalog(title="未公开的认定目录", live=False)
    first = factories.product(title="首台套设备")
    drug = factories.product(title="创新药物样品", product_type="drug", device_class="")
    FirstSetRecognition.objects.create(
        page=first, kind=RecognitionKind.FIRST_SET, level="city", catalog=private_catalog
    )
    FirstSetRecognition.objects.create(
        page=drug,
        kind=RecognitionKind.INNOVATIVE_DRUG,
        level="province",
        recognised_on=datetime.date(2024, 5, 1),
    )
    assert titles(client, "/api/v1/products", first_set="true") == ["首台套设备"]
    body = client.get(f"/api/v1/products/{drug.pk}").json()
    assert body["first_set"] is False
    assert body["recognitions"] == [
        {
            "kind": "innovative_drug",
            "kind_label": "创新药物",
            "level": "province",
            "level_label": "省级",
            "recognised_on": "2024-05-01",
            "catalog": None,
        }
    ]
    first_body = client.get(f"/api/v1/products/{first.pk}").json()
    assert first_body["first_set"] is True
    assert first_body["recognitions"][0]["catalog"] is None  # the catalog is not public


def test_rich_text_comes_out_rendered(client):
    target = factories.enterprise(title="被链接的企业")
    enterprise = factories.enterprise(
        title="简介含链接的企业",
        description=f'<p>见 <a linktype="page" id="{target.pk}">合作企业</a></p>',
    )
    body = client.get(f"/api/v1/enterprises/{enterprise.pk}").json()
    assert "linktype" not in body["description"]
    assert f'href="{target.url}"' in body["description"]
