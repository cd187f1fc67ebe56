"""Labels people can trust: a record's facts with their source, placeholders
marked per field, 核实于, on the pages, in the downloads and in the API."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError

from directory.choices import ProcurementStatus, ProductType
from directory.importing.reading import SpreadsheetError, parse_rows
from directory.spreadsheets import HEADERS, write_csv
from tests import factories
from tests.search.conftest import elasticsearch_url, search_engine  # noqa: F401
from tests.search.helpers import search

pytestmark = pytest.mark.django_db

VERIFIED = {"verified_on": datetime.date(2026, 11, 25), "verified_against": "答复函原文"}
LETTER_NUMBER = "中工信函〔2023〕47号"


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def letter_product(**fields):
    """A product taken from the letter: its class and use are placeholders."""
    return factories.product(
        title="数字乳腺X射线机",
        fact_source=factories.source_document(url="https://example.gov.cn/letter.pdf"),
        placeholders={"device_class": "原文未载明管理类别", "intended_use": "按名称概括"},
        intended_use="乳腺X射线摄影检查。",
        **VERIFIED,
        **fields,
    )


def test_a_letter_record_shows_its_source_placeholders_and_verification(client):
    html = html_of(client, letter_product())
    assert "本页事实摘自" in html and LETTER_NUMBER in html and "2023年6月20日" in html
    assert 'href="https://example.gov.cn/letter.pdf"' in html  # the source document
    assert "占位" in html and "原文未载明管理类别" in html
    assert html.count('class="badge badge--placeholder"') == 2  # class and intended use
    assert "核实于" in html and "2026年11月25日" in html and "答复函原文" in html
    assert "示例数据，非官方信息" not in html  # facts from a letter are not an example


def test_a_wholly_synthetic_record_says_so_and_unverified_records_say_that(client):
    html = html_of(client, factories.product(is_example=True))
    assert "示例数据，非官方信息" in html and "本页事实摘自" not in html
    assert "尚未经工作人员核实" in html


def test_a_source_without_a_link_says_why(client):
    source = factories.source_document(access_note="原文标注“公开方式：不公开”，本平台未收录原文。")
    html = html_of(client, factories.enterprise(fact_source=source))
    assert "公开方式：不公开" in html and "查看原文" not in html


def test_a_placeholder_date_is_never_shown_as_a_date(client):
    catalog = factories.catalog(
        title="首台（套）高端医疗装备产品目录",
        published_on=datetime.date(2020, 6, 1),
        placeholders={"published_on": "原文未载明目录发布日期"},
    )
    product = factories.product()
    catalog.entries.create(product=product, sort_order=1)
    for page in (catalog, catalog.get_parent().specific, product):
        html = html_of(client, page)
        assert "原文未载明目录发布日期" in html
        assert "2020年6月1日" not in html and "2020-06-01" not in html


def test_a_placeholder_event_time_reads_as_what_the_letter_says(client):
    event = factories.event(
        title="中山市首届医工合作高峰会",
        starts_at=datetime.datetime(2021, 12, 15, 1, tzinfo=datetime.UTC),
        placeholders={"starts_at": "原文只载明“2021年底”，未载明具体日期", "ends_at": "原文未载明"},
    )
    for page in (event, event.get_parent().specific):
        html = html_of(client, page)
        assert "原文只载明“2021年底”" in html
        assert "2021年12月15日" not in html
    assert "application/ld+json" not in html_of(client, event)  # no placeholder harvested


def test_a_count_shared_by_two_issues_says_it_is_their_total(client):
    first = factories.catalog(title="药械生产企业及产品目录（第一期）", document_number="")
    second = factories.catalog(
        title="药械生产企业及产品目录（第二期）",
        declared_count=1196,
        declared_count_combined_with=first,
    )
    first.declared_count_combined_with = second
    first.save_revision().publish()
    html = html_of(client, second)
    assert "1196" in html and "合计" in html and "不是本期单独的数量" in html
    assert "原文件共 1196 项" not in html
    html = html_of(client, first)
    assert "原文未分列本期数量" in html and "合计 1196" in html


@pytest.mark.parametrize(
    ("placeholders", "message"),
    [
        ({"nonsense": "x"}, "不是本记录可标为占位的字段"),
        ({"title": "x"}, "不是本记录可标为占位的字段"),
        ({"device_class": ""}, "须附 1–200 字的说明"),
        (["device_class"], "{字段名: 说明}"),
    ],
)
def test_bad_placeholders_are_refused_in_chinese(placeholders, message):
    product = factories.product()
    product.placeholders = placeholders
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert message in str(error.value)


def test_a_verification_names_what_it_was_checked_against():
    product = factories.product()
    product.verified_on = datetime.date(2026, 11, 25)
    with pytest.raises(ValidationError, match="核实依据"):
        product.full_clean()


def download_rows(client, catalog):
    response = client.get(f"{catalog.url}download/csv/")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_downloads_say_whether_a_row_is_an_example_and_where_it_comes_from(client):
    real, synthetic = letter_product(), factories.product(is_example=True)
    catalog = factories.catalog(entries=[real, synthetic])
    rows = {row["产品名称"]: row for row in download_rows(client, catalog)}
    assert rows[real.title]["示例数据"] == "否"
    assert LETTER_NUMBER in rows[real.title]["信息来源"]
    assert "https://example.gov.cn/letter.pdf" in rows[real.title]["信息来源"]
    assert "管理类别：原文未载明管理类别" in rows[real.title]["占位字段"]
    assert rows[real.title]["核实情况"].startswith("2026-11-25 核实")
    assert rows[synthetic.title]["示例数据"] == "是"
    assert rows[synthetic.title]["信息来源"] == ""


def test_search_downloads_carry_the_same_columns(client):
    letter_product()
    response = client.get("/search/download.csv?q=数字乳腺")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == list(HEADERS) and "示例数据" in header


def test_example_rows_are_never_imported_back_as_real(client):
    catalog = factories.catalog(entries=[letter_product(), factories.product(is_example=True)])
    data = "\n".join(
        ",".join(f'"{value}"' for value in row.values()) for row in download_rows(client, catalog)
    )
    with pytest.raises(SpreadsheetError, match="示例数据"):
        parse_rows((",".join(HEADERS) + "\n" + data).encode(), "csv")
    # Without the example row the same file reads, and the provenance columns stay out.
    real_only = write_csv([{"enterprise_name": "甲", "credit_code": "x", "is_example": "否"}])
    parsed = parse_rows(real_only, "csv")
    assert "is_example" not in parsed.columns and "fact_source" not in parsed.columns


def test_api_records_carry_their_provenance_and_no_placeholder_dates(client):
    product = letter_product()
    catalog = factories.catalog(
        fact_source=product.fact_source,
        published_on=datetime.date(2020, 6, 1),
        placeholders={"published_on": "原文未载明"},
        entries=[product],
    )
    event = factories.event(placeholders={"starts_at": "原文只载明“2021年底”"})
    data = client.get(f"/api/v1/products/{product.pk}").json()
    assert data["provenance"]["is_example"] is False
    assert data["provenance"]["source"]["document_number"] == LETTER_NUMBER
    assert data["provenance"]["source"]["url"] == "https://example.gov.cn/letter.pdf"
    assert data["provenance"]["placeholders"]["device_class"] == "原文未载明管理类别"
    assert data["provenance"]["verified_on"] == "2026-11-25"
    data = client.get(f"/api/v1/catalogs/{catalog.pk}").json()
    assert data["published_on"] is None and data["provenance"]["placeholders"]["published_on"]
    data = client.get(f"/api/v1/events/{event.pk}").json()
    assert data["starts_at"] is None and data["ends_at"] is not None
    listed = client.get("/api/v1/products").json()["results"]
    assert all("provenance" in item for item in listed)
    synthetic = factories.product(is_example=True)
    assert client.get(f"/api/v1/products/{synthetic.pk}").json()["provenance"]["is_example"]


def rule(title, city_or_province, statuses, product_types, live=True):
    province, city = city_or_province
    return factories.policy(
        title=title,
        live=live,
        summary=f"{title}的要点。",
        areas=[(province, city)],
        product_types=product_types,
        procurement_statuses=statuses,
    )


def test_procurement_rules_follow_the_products_province(client):
    rule("药品线下采购占比不超过5%", ("广东省", "中山市"), ["offline"], ["drug"])
    rule("医用耗材集中采购与阳光挂网", ("浙江省", ""), ["centralized", "sunshine"], ["consumable"])
    rule("草稿规定", ("浙江省", ""), ["centralized"], ["consumable"], live=False)
    zhongshan = factories.enterprise(region="中山市")
    cixi = factories.enterprise(region="慈溪市")
    drug = dict(product_type=ProductType.DRUG, device_class="")
    offline = ProcurementStatus.OFFLINE
    html = html_of(client, factories.product(parent=zhongshan, procurement_status=offline, **drug))
    assert "药品线下采购占比不超过5%" in html and "中山市（广东省）的规定" in html
    html = html_of(client, factories.product(parent=cixi, procurement_status=offline, **drug))
    assert (
        "线下采购占比不超过5%" not in html
        and "本平台尚未收录慈溪市（浙江省）关于这种采购方式的规定" in html
    )
    consumable = factories.product(
        parent=cixi, product_type=ProductType.CONSUMABLE, procurement_status="centralized"
    )
    html = html_of(client, consumable)
    assert "医用耗材集中采购与阳光挂网" in html and "草稿规定" not in html


def test_the_offline_status_no_longer_names_zhongshans_caps_everywhere():
    from directory.choices import PROCUREMENT_PLAIN_WORDS

    assert not re.search(r"5 ?%|20 ?%", PROCUREMENT_PLAIN_WORDS[ProcurementStatus.OFFLINE])


def test_provenance_never_reveals_a_draft_source_page(client):
    """Sources are documents, not pages: a product's box names its letter
    whether or not a policy page about it is public; a hidden product stays hidden."""
    hidden = letter_product(live=False)
    assert client.get(f"/api/v1/products/{hidden.pk}").status_code == 404
    assert json.dumps(client.get("/api/v1/products").json()).find(hidden.title) == -1


def test_search_gives_no_placeholder_dates_and_marks_synthetic_catalogs(search_engine):  # noqa: F811
    factories.event(title="医工合作高峰会", placeholders={"starts_at": "原文只载明“2021年底”"})
    factories.catalog(title="首台套装备目录", placeholders={"published_on": "原文未载明"})
    factories.catalog(title="示例装备目录", is_example=True)
    search_engine.sync()
    (event,) = search(q="医工合作高峰会", kind="event")["results"]
    assert event["starts_at"] is None
    by_title = {item["title"]: item for item in search(q="装备目录", kind="catalog")["results"]}
    assert by_title["首台套装备目录"]["published_on"] is None
    assert by_title["示例装备目录"]["is_example"] is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "慈溪市卫生健康局《对市十七届人大五次会议第276号建议的答复》（慈卫建〔2021〕15号）",
            ("慈溪市卫生健康局", "对市十七届人大五次会议第276号建议的答复", "慈卫建〔2021〕15号"),
        ),
        ("中山市医保局《某通知》", ("中山市医保局", "某通知", "")),
        ("演示用的示例医疗机构，非官方信息", ("未载明", "演示用的示例医疗机构，非官方信息", "")),
    ],
)
def test_free_text_sources_become_source_documents(text, expected):
    """How migrations hospitals 0003 and policies 0004 read the former text field."""
    from directory.models.provenance import source_fields_from_citation

    fields = source_fields_from_citation(text)
    assert (fields["issuing_body"], fields["title"], fields["document_number"]) == expected


def test_an_event_with_a_placeholder_day_puts_nothing_in_a_calendar(client):
    event = factories.event(placeholders={"starts_at": "原文只载明“每年”召开"})
    response = client.get(f"{event.url}calendar.ics")
    assert response.status_code == 200 and b"BEGIN:VEVENT" not in response.content
    assert b"BEGIN:VEVENT" not in client.get("/events/calendar.ics").content
