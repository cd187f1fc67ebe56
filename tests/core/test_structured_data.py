"""What machines read from each page type: schema.org JSON-LD (parsed with
extruct, as a crawler would), Open Graph and the canonical URL."""

import datetime
import zoneinfo

import extruct
import pytest
from lxml import html as lxml_html

from directory.choices import DeviceClass, ProductType
from events.models import EventStatus
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    data = extruct.extract(
        text, base_url="http://localhost" + url, syntaxes=["json-ld", "opengraph"], uniform=True
    )
    return text, data["json-ld"], data["opengraph"]


def canonical(text):
    return lxml_html.fromstring(text).xpath("//link[@rel='canonical']/@href")


def test_enterprise_is_an_organization_with_its_credit_code(client):
    maker = factories.enterprise(
        title="中山大翔医疗器械有限公司",
        short_name="大翔医疗",
        district="火炬开发区",
        address="中山市火炬开发区1号",
        contact_phone="0760-88880000",
    )
    text, (data,), og = read(client, maker.url)
    assert data["@type"] == "Organization"
    assert data["name"] == "中山大翔医疗器械有限公司"
    assert data["alternateName"] == "大翔医疗"
    assert data["identifier"]["value"] == maker.credit_code
    assert data["identifier"]["propertyID"] == "统一社会信用代码"
    assert data["address"]["streetAddress"] == "中山市火炬开发区1号"
    assert data["telephone"] == "0760-88880000"
    assert data["url"] == maker.get_full_url()
    assert canonical(text) == [maker.get_full_url()]
    assert og[0]["og:title"] == "中山大翔医疗器械有限公司"
    assert og[0]["og:url"] == maker.get_full_url()


def test_product_names_its_manufacturer_and_registration_number(client):
    maker = factories.enterprise(title="中山示例齿科器材有限公司")
    product = factories.product(
        maker,
        title="一次性牙科手机",
        registration_no="粤械注准20182170123",
        device_class=DeviceClass.CLASS_2,
        product_type=ProductType.DEVICE,
        model_spec="YK-1",
    )
    _, (data,), _ = read(client, product.url)
    assert data["@type"] == "Product"
    assert data["name"] == "一次性牙科手机"
    assert data["productID"] == "粤械注准20182170123"
    assert data["identifier"]["value"] == "粤械注准20182170123"
    assert data["model"] == "YK-1"
    assert data["category"] == "医疗器械"
    assert data["manufacturer"]["@type"] == "Organization"
    assert data["manufacturer"]["name"] == "中山示例齿科器材有限公司"
    assert data["manufacturer"]["identifier"]["value"] == maker.credit_code
    properties = {p["name"]: p["value"] for p in data["additionalProperty"]}
    assert properties == {"采购状态": "省平台阳光挂网", "管理类别": "第二类"}


def test_event_has_time_place_organiser_and_status(client):
    start = datetime.datetime(2030, 3, 15, 9, 30, tzinfo=SHANGHAI)
    event = factories.event(
        title="口腔科器械企业座谈会",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        venue="慈溪市卫生健康局会议室",
        address="慈溪市白沙路街道",
        organisers="慈溪市卫生健康局、慈溪市经信局",
        status=EventStatus.POSTPONED,
    )
    _, (data,), _ = read(client, event.url)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2030-03-15T09:30:00+08:00"
    assert data["endDate"] == "2030-03-15T12:30:00+08:00"
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["location"]["name"] == "慈溪市卫生健康局会议室"
    assert data["location"]["address"]["streetAddress"] == "慈溪市白沙路街道"
    assert [o["name"] for o in data["organizer"]] == ["慈溪市卫生健康局", "慈溪市经信局"]


def test_catalog_is_a_dataset_whose_downloads_work(client):
    catalog = factories.catalog(
        title="2022年度中山优质产品推荐目录",
        document_number="中工信〔2022〕1号",
        published_on=datetime.date(2022, 11, 1),
        valid_until=datetime.date(2025, 10, 31),
        entries=[factories.product(title="数字乳腺X射线机")],
    )
    _, (data,), _ = read(client, catalog.url)
    assert data["@type"] == "Dataset"
    assert data["name"] == "2022年度中山优质产品推荐目录"
    assert data["identifier"]["value"] == "中工信〔2022〕1号"
    assert data["datePublished"] == "2022-11-01"
    assert data["temporalCoverage"] == "2022-11-01/2025-10-31"
    assert data["creator"]["name"] == "中山市工业和信息化局"
    formats = {d["encodingFormat"]: d["contentUrl"] for d in data["distribution"]}
    assert set(formats) == {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    download = client.get(formats["text/csv"].removeprefix("http://localhost"))
    assert download.status_code == 200
    assert "数字乳腺X射线机" in b"".join(download.streaming_content).decode("utf-8-sig")


def test_home_page_describes_the_site_search(client):
    _, (data,), _ = read(client, "/")
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"] == "http://localhost/search/?q={search_term_string}"


def test_synthetic_records_give_machines_nothing_to_harvest(client):
    example = factories.enterprise(title="示例企业", is_example=True)
    text, data, _ = read(client, example.url)
    assert data == []
    assert '<meta name="robots" content="noindex">' in text


def test_markup_in_a_title_cannot_break_out_of_the_json_ld(client):
    maker = factories.enterprise(title="</script><script>alert(1)</script>公司")
    text, (data,), _ = read(client, maker.url)
    assert data["name"] == "</script><script>alert(1)</script>公司"
    assert "<script>alert(1)" not in text


def test_paginated_index_keeps_its_page_in_the_canonical_url(client):
    for number in range(31):
        factories.enterprise(title=f"企业{number:02d}")
    text, _, _ = read(client, "/enterprises/?page=2&utm_source=x")
    assert canonical(text) == ["http://localhost/enterprises/?page=2"]
