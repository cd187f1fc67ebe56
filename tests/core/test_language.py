"""The interface in Chinese by default and in English by choice; content as
entered; and what programs read (the API, downloads, imports) always Chinese."""

import datetime
import io
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import include, path
from django.utils import timezone, translation
from lxml import html as lxml_html
from openpyxl import load_workbook
from wagtail.models import Page

from directory.choices import (
    CatalogKind,
    DeviceClass,
    ProcurementStatus,
    ProductType,
    RecognitionKind,
)
from directory.importing import ImportOptions, import_catalog
from directory.importing.reading import parse_rows
from directory.models import FirstSetRecognition, FirstUseRecord, ProductPage
from directory.spreadsheets import write_csv
from events.models import EventFollowUp, EventPage, EventStatus, EventType, Registration
from hospitals.models import HospitalLevel, Ownership
from policies.models import DatePrecision
from search.engines import get_engine
from tests import factories
from tests.directory.test_import import good_rows

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_switch_remembers_english_and_goes_back(client):
    response = client.get("/language/en/?next=/catalogs/")
    assert response.status_code == 302 and response["Location"] == "/catalogs/"
    assert response.cookies[COOKIE].value == "en"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    response = client.get("/language/zh-hans/?next=/")
    assert response.cookies[COOKIE].value == "zh-hans"


def test_an_english_page_translates_the_interface_not_the_content(client):
    product = factories.product(title="数字乳腺X射线机", intended_use="乳腺X射线摄影检查。")
    chinese = client.get(product.url).content.decode()
    assert '<html lang="zh-hans">' in chinese and "企业与产品名录" in chinese
    assert 'href="/language/en/?next=' in chinese  # the switch is on the page
    client.cookies[COOKIE] = "en"
    english = client.get(product.url).content.decode()
    assert '<html lang="en">' in english
    for interface in ["Enterprises and products", "Skip to content", "Intended use", "Catalogs"]:
        assert interface in english
    assert "跳到正文" not in english and "适用范围" not in english
    assert "数字乳腺X射线机" in english and "乳腺X射线摄影检查。" in english  # content as entered
    assert 'href="/language/zh-hans/?next=' in english


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/enterprises/",
        "/catalogs/",
        "/events/",
        "/policies/",
        "/hospitals/",
        "/search/?q=乳腺",
    ],
)
def test_every_section_has_the_switch_in_both_languages(client, url):
    assert "/language/en/" in client.get(url).content.decode()
    client.cookies[COOKIE] = "en"
    html = client.get(url).content.decode()
    assert "/language/zh-hans/" in html and "Skip to content" in html


def test_the_browser_language_alone_never_switches(client):
    html = client.get("/catalogs/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html
    client.cookies[COOKIE] = "fr"  # an unknown choice falls back to Chinese
    assert '<html lang="zh-hans">' in client.get("/catalogs/").content.decode()


def test_the_page_cache_keeps_one_copy_per_language(client, page_cache):
    catalog = factories.catalog(title="推荐目录")
    assert "目录条目" in client.get(catalog.url).content.decode()  # cached in Chinese
    client.cookies[COOKIE] = "en"
    english = client.get(catalog.url).content.decode()
    assert "Catalog entries" in english and "目录条目" not in english  # cached in English
    del client.cookies[COOKIE]
    chinese = client.get(catalog.url).content.decode()
    assert "目录条目" in chinese and "Catalog entries" not in chinese
    client.cookies[COOKIE] = "en"
    assert "Catalog entries" in client.get(catalog.url).content.decode()


@pytest.mark.parametrize(
    ("url", "status", "location"),
    [
        ("/language/fr/", 400, None),
        ("/language/en/?next=https://evil.example/", 302, "/"),
        ("/language/en/?next=//evil.example/", 302, "/"),
        ("/language/en/", 302, "/"),
    ],
)
def test_bad_switches_are_refused_or_stay_on_the_site(client, url, status, location):
    response = client.get(url)
    assert response.status_code == status
    if location:
        assert response["Location"] == location
    else:
        assert "不支持该语言" in response.content.decode()
        assert COOKIE not in response.cookies


def test_english_shows_no_draft_or_private_page(client):
    draft = factories.product(title="草稿产品", live=False)
    client.cookies[COOKIE] = "en"
    assert client.get(f"/language/en/?next={draft.url}").status_code == 302
    assert "草稿产品" not in client.get("/enterprises/").content.decode()
    assert "草稿产品" not in client.get(draft.get_parent().url).content.decode()


def test_the_not_found_page_speaks_the_chosen_language(client):
    assert "页面未找到" in client.get("/no-such-page/").content.decode()
    client.cookies[COOKIE] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


# --- Every public page in English: interface translated, content as entered ---

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def visible_text(html):
    """What a reader meets in the page's header, main and footer: the text,
    and the labels of stacked table cells, of landmarks and of links. The
    name of the other language (marked lang="zh-hans") is meant to be Chinese."""
    tree = lxml_html.fromstring(html)
    for node in tree.xpath("//script|//style|//*[@lang='zh-hans']"):
        node.drop_tree()
    parts = []
    for region in tree.xpath("//header|//main|//footer"):
        parts.append(region.text_content())
        parts += region.xpath(".//@data-label|.//@aria-label|.//@title|.//@alt")
    return "\n".join(parts)


def assert_no_chinese_interface(html, *content):
    """No Chinese left once the content (every page's title and introduction,
    and `content`) is taken out."""
    text = visible_text(html)
    entered = {p.title for p in Page.objects.specific()}
    entered |= {getattr(p, "introduction", "") for p in Page.objects.specific()}
    for item in sorted({str(c) for c in (*content, *entered) if c}, key=len, reverse=True):
        text = text.replace(item, "\n")
    leftover = [line.strip() for line in text.splitlines() if CJK.search(line)]
    assert not leftover, leftover


def english(client, url, status=200):
    client.cookies[COOKIE] = "en"
    response = client.get(url)
    assert response.status_code == status, url
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


def chinese(client, url):
    client.cookies.pop(COOKIE, None)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


SOURCE = {
    "title": "关于市十六届人大三次会议第2023028号代表建议答复的函",
    "issuing_body": "中山市工业和信息化局",
    "document_number": "中工信函〔2023〕47号",
}
CONTENT = [
    *SOURCE.values(),
    f"{SOURCE['issuing_body']}《{SOURCE['title']}》（{SOURCE['document_number']}）",
    "中山市",
    "广东省",
    "慈溪市",
    "浙江省",
    "答复函原文",
    "乳腺X射线摄影检查。",
    "火炬开发区",
    "中山市博览中心",
    "医院、企业",
    "张工",
    "签约 3 家",
    "中工信〔2020〕214号",
    "测试用的政策要点。",
    "女性两癌筛查",
    "粤械注准20202060001",
]


@pytest.fixture
def world():
    """One page of every kind, linked as the letters link them."""
    today = timezone.localdate()
    maker = factories.enterprise(
        title="中山示例医疗器械有限公司",
        town="火炬开发区",
        licence_valid_until=today - datetime.timedelta(days=1),
        certifications="GMP",
    )
    product = factories.product(
        maker,
        title="数字乳腺X射线机",
        registration_no="粤械注准20202060001",
        certificate_valid_until=today + datetime.timedelta(days=30),
        intended_use="乳腺X射线摄影检查。",
        medical_insurance="covered",
        fact_source=factories.source_document(**SOURCE),
        verified_on=datetime.date(2026, 11, 5),
        verified_against="答复函原文",
    )
    catalog = factories.catalog(
        title="2022年度中山优质产品推荐目录",
        published_on=datetime.date(2022, 11, 1),
        valid_until=datetime.date(2025, 10, 31),
        declared_count=30,
        entries=[product, factories.enterprise(title="中山另一企业有限公司")],
    )
    FirstSetRecognition.objects.create(
        page=product,
        kind=RecognitionKind.FIRST_SET,
        level="city",
        catalog=catalog,
        recognised_on=datetime.date(2021, 3, 1),
    )
    hospital = factories.hospital(
        title="慈溪市人民医院", level=HospitalLevel.GRADE_3A, ownership=Ownership.PUBLIC
    )
    starts = datetime.datetime(2030, 6, 1, 9, 30, tzinfo=SHANGHAI)
    event = factories.event(
        title="2030年中山医企对接会",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        registration_enabled=True,
        registration_deadline=starts - datetime.timedelta(days=7),
        capacity=2,
        region="中山市",
        venue="中山市博览中心",
        audience="医院、企业",
        contact_name="张工",
    )
    event = EventPage.objects.get(pk=event.pk)
    event.enterprises.set([maker])
    event.products.set([product])
    event.follow_ups = [
        EventFollowUp(happened_on=datetime.date(2030, 6, 20), description="签约 3 家")
    ]
    event.save_revision().publish()
    FirstUseRecord.objects.create(
        page=product,
        hospital=hospital,
        started_on=datetime.date(2018, 1, 1),
        scope="女性两癌筛查",
        event=event,
    )
    policy = factories.policy(
        title="中山市首台（套）产品推广应用办法",
        document_number="中工信〔2020〕214号",
        issued_on=datetime.date(2020, 6, 1),
        issued_precision=DatePrecision.MONTH,
        product_types=[ProductType.DEVICE],
        procurement_statuses=[ProcurementStatus.SUNSHINE],
        catalog_kinds=[CatalogKind.RECOMMENDED],
        areas=[("广东省", "中山市")],
        related=[product],
    )
    return SimpleNamespace(
        maker=maker, product=product, catalog=catalog, hospital=hospital, event=event, policy=policy
    )


def test_a_product_page_in_english_has_no_chinese_interface(client, world, content_caches):
    chinese(client, world.product.url)  # its page fragments cached in Chinese first
    html = english(client, world.product.url)
    assert_no_chinese_interface(html, *CONTENT)
    for words in [
        "Medical device",
        "Class II medical device",
        "<strong>Listed on the provincial platform (sunshine listing)</strong>: Listed on",
        "Covered by medical insurance",
        "30 days left",
        "First-set medical equipment</strong> (City)",
        "March 2021",  # the recognition: YEAR_MONTH_FORMAT
        "Issued Nov. 1, 2022, valid until Oct. 31, 2025",
        "Expired",
        "Grade 3A",
        'data-label="Started">2018<',
        "Verified on",
        ">Nov. 5, 2026</time>",
        "》（中工信函〔2023〕47号）, June 20, 2023",  # the source's citation, its date in English
        "Matchmaking meeting · June 1, 2030",
    ]:
        assert words in html, words


def test_the_chinese_pages_are_as_before(client, world):
    html = chinese(client, world.product.url)
    for words in [
        '<html lang="zh-hans">',
        "第二类医疗器械",
        "<strong>省平台阳光挂网</strong>：已在省药械采购平台阳光挂网",
        "还剩 30 天",
        ">2026年11月5日</time>",
        "（中工信函〔2023〕47号），2023年6月20日",
        "2022年11月1日发布，有效期至2025年10月31日",
        "2021年3月",
        'data-label="开始时间">2018年<',
        "对接会 · 2030年6月1日",
    ]:
        assert words in html, words
    assert "2030年6月1日 09:30" in chinese(client, world.event.url)
    assert "2020年6月" in chinese(client, world.policy.url)
    assert "2018年" in chinese(client, world.hospital.url)
    assert "已过期" in chinese(client, world.maker.url)


def test_enterprise_catalog_hospital_and_policy_pages_in_english(client, world):
    html = english(client, world.maker.url)
    assert_no_chinese_interface(html, *CONTENT)
    assert "Expired" in html and "Medical device · Class II" in html
    html = english(client, world.catalog.url)
    assert_no_chinese_interface(html, *CONTENT)
    assert "Catalog of recommended quality products" in html and " on Nov. 1, 2022." in html
    assert "2 of the 30 entries in the original are on this site" in html
    assert 'data-label="Registration number"' in html and ">Enterprise<" in html
    html = english(client, world.hospital.url)
    assert_no_chinese_interface(html, *CONTENT)
    assert "Grade 3A" in html and "Public" in html and ">2018<" in html
    html = english(client, world.policy.url)
    assert_no_chinese_interface(html, *CONTENT)
    assert "June 2020" in html and "Not stated" in html
    assert "Medical device (Listed on the provincial platform (sunshine listing))" in html


def test_an_event_page_in_english(client, world):
    html = english(client, world.event.url)
    assert_no_chinese_interface(html, *CONTENT)
    text = " ".join(visible_text(html).split())
    for words in [
        "Matchmaking meeting",
        "Going ahead as planned",
        "June 1, 2030, 9:30 a.m. to 1:30 p.m.",
        "May 25, 2030, 9:30 a.m.",  # the registration deadline
        "2 places",
        "2 places left.",
        "1 enterprise",
        "First trial and first use in 1 hospital",
        "June 20, 2030: 签约 3 家",
    ]:
        assert words in text, words


def test_a_postponed_event_and_the_lists_in_english(client, world):
    factories.event(
        title="延期的高峰会",
        event_type=EventType.SUMMIT,
        status=EventStatus.POSTPONED,
        status_reason="场地调整",
    )
    for url in ["/", "/events/", "/catalogs/", "/enterprises/", "/hospitals/", "/policies/"]:
        html = english(client, url)
        assert_no_chinese_interface(html, *CONTENT, "场地调整")
    assert "<strong>1</strong> product<" in english(client, "/")
    html = english(client, "/events/")
    assert "Summit" in html and "New time to be announced" in html
    assert "Reason for postponing: 场地调整" in html


def test_registration_form_errors_and_confirmation_in_english(client, world):
    url = world.event.url + "register/"
    html = english(client, url)
    assert_no_chinese_interface(html, *CONTENT)
    assert "Registration closes: May 25, 2030, 9:30 a.m. (Beijing time)" in html
    assert " Hospital</label>" in html
    response = client.post(url, {"name": "", "phone": "123", "email": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert_no_chinese_interface(html, *CONTENT)
    assert "Fill in this field." in html and "Enter a valid telephone number" in html
    data = {
        "name": "张三",
        "organisation": "慈溪市人民医院",
        "role": "hospital",
        "phone": "13800000001",
        "email": "person@example.com",
        "consent": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    html = english(client, response["Location"])
    assert_no_chinese_interface(html, *CONTENT, "张三")
    assert "Registered" in html and "Cancel registration" in html
    assert Registration.objects.get().role == "hospital"


@pytest.fixture
def embedded_search(settings):
    settings.ELASTICSEARCH_URL = ""
    get_engine().reset()


def test_search_results_and_a_zero_result_search_in_english(client, embedded_search, world):
    client.cookies[COOKIE] = "en"
    html = client.get("/search/", {"q": "乳腺"}).content.decode()  # a product, hospital, event
    assert_no_chinese_interface(html, *CONTENT, "乳腺")
    assert "慈溪市 · Grade 3A" in html and "Matchmaking meeting · 2030-06-01" in html
    response = client.get("/search/", {"q": "乳腺", "kind": "product", "device_class": "2"})
    html = response.content.decode()
    assert_no_chinese_interface(html, *CONTENT, "乳腺")
    for words in [
        "Type: Product",
        "Device class: Class II",
        ">Medical device<",
        "Medical device · Class II",
        "Procurement status: Listed on the provincial platform (sunshine listing)",
        "name contains “乳腺”",
        "<strong>1</strong> result",
    ]:
        assert words in html, words
    response = client.get("/search/", {"q": "乳腺", "procurement": "centralized"})
    html = response.content.decode()
    help_words = response.context["response"]["suggestions"]
    assert_no_chinese_interface(html, *CONTENT, "乳腺", *help_words["terms"], *help_words["titles"])
    assert "No results with the filters chosen" in html
    assert re.search(r"Without the filters: \d+ results?<", html)
    response = client.get("/search/", {"q": "乳腺", "page": "abc"})
    assert response.status_code == 400
    assert "must be a whole number from 1 to 10000" in response.content.decode()


def test_the_error_pages_in_english(client):
    assert_no_chinese_interface(english(client, "/no-such-page/", status=404))
    with override_settings(ROOT_URLCONF="tests.core.test_language"):
        client.raise_request_exception = False
        html = english(client, "/broken/", status=500)
    assert_no_chinese_interface(html)
    assert "Service unavailable" in html and "Local medical products portal" in html
    del client.cookies[COOKIE]
    with override_settings(ROOT_URLCONF="tests.core.test_language"):
        html = client.get("/broken/").content.decode()
    assert '<html lang="zh-hans">' in html and "服务暂时不可用" in html


def test_the_rate_limit_page_speaks_the_chosen_language(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_RULES = [("search", "/search/", ("GET", "HEAD"), "1/m")]
    client.cookies[COOKIE] = "en"
    client.get("/search/", {"q": "乳腺"})
    response = client.get("/search/", {"q": "乳腺"})
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="en">' in html and "Too many requests" in html
    assert_no_chinese_interface(html)


def _broken(request):
    raise RuntimeError("a fault for the 500 page")


urlpatterns = [path("broken/", _broken), path("", include("config.urls"))]


# --- What programs read stays Chinese whatever the cookie says ---


def test_the_open_data_api_keeps_the_chinese_labels_in_english(client, embedded_search, world):
    client.cookies[COOKIE] = "en"
    products = client.get("/api/v1/products").json()["results"]
    product = next(p for p in products if p["id"] == world.product.pk)
    assert product["product_type_label"] == "医疗器械"
    assert product["procurement_status_label"] == "省平台阳光挂网"
    assert product["provenance"]["source"]["citation"].endswith("，2023年6月20日")
    catalog = client.get(f"/api/v1/catalogs/{world.catalog.pk}").json()
    assert catalog["kind_label"] == "优质产品推荐目录" and catalog["validity_label"] == "已过期"
    event = client.get(f"/api/v1/events/{world.event.pk}").json()
    assert event["event_type_label"] == "对接会" and event["status_label"] == "如期举行"
    found = client.get("/api/search/", {"q": "乳腺", "kind": "product"}).json()
    assert found["results"][0]["why"] == ["名称含“乳腺”"]
    labels = {v["label"] for facet in found["facets"].values() for v in facet}
    assert {"医疗器械", "第二类", "产品", "省平台阳光挂网"} <= labels
    error = client.get("/api/v1/products", {"page": "abc"}).json()["error"]
    assert error == "参数 page 应为 1 到 10000 之间的整数。"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_downloads_keep_the_chinese_labels_in_english(client, embedded_search, world, file_format):
    client.cookies[COOKIE] = "en"
    for url in [
        f"{world.catalog.url}download/{file_format}/",
        f"/search/download.{file_format}?q=乳腺",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        data = b"".join(response)
        rows = [values for _, values in parse_rows(data, file_format).rows]
        row = next(values for values in rows if values.get("product_name") == "数字乳腺X射线机")
        assert row["product_type"] == "医疗器械" and row["device_class"] == "第二类"
        assert row["procurement_status"] == "省平台阳光挂网"
        assert row["medical_insurance"] == "已纳入医保目录" and row["first_set"] == "是"
        if file_format == "csv":
            text = data.decode("utf-8-sig")
        else:
            sheet = load_workbook(io.BytesIO(data)).worksheets[0]
            text = "\n".join(str(cell.value) for line in sheet.iter_rows() for cell in line)
        assert "（中工信函〔2023〕47号），2023年6月20日" in text  # the source, cited in Chinese
        assert "2026-11-05 核实，依据：答复函原文" in text


def test_a_chinese_spreadsheet_imports_while_english_is_active(admin_client):
    rows = good_rows()
    with translation.override("en"):
        report = import_catalog(
            write_csv(rows), "csv", ImportOptions(catalog_title="英文界面下导入的目录")
        )
    assert report.ok, report.summary_lines()
    mammo = ProductPage.objects.get(registration_no="粤械注准20203060001")
    assert mammo.device_class == DeviceClass.CLASS_3
    assert mammo.procurement_status == ProcurementStatus.SUNSHINE
    assert mammo.medical_insurance == "covered"
    assert ProductPage.objects.get(title="示例胶囊").product_type == ProductType.DRUG
    # And through the admin, with the English cookie set.
    admin_client.cookies[COOKIE] = "en"
    rows[1]["registration_no"] = ""
    upload = {
        "catalog_title": "英文 cookie 下上传的目录",
        "catalog_kind": "enterprise_product",
        "file": SimpleUploadedFile("目录.csv", write_csv(rows), content_type="text/csv"),
    }
    preview = admin_client.post("/admin/directory/import/", upload)
    assert preview.status_code == 200 and "确认导入" in preview.content.decode()
