import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from directory.choices import ProcurementStatus, ProductType, RecognitionKind
from directory.models import FirstSetRecognition
from policies.models import PolicyIndexPage, PolicyPage
from tests import factories

pytestmark = pytest.mark.django_db

ZHONGSHAN = [("广东省", "中山市")]


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_policy_page_shows_its_facts_and_says_what_is_unstated(client):
    catalog = factories.catalog(title="中山市首台（套）高端医疗装备产品目录")
    page = factories.policy(
        title="中山市促进首台（套）指导意见",
        document_number="中工信〔2020〕214号",
        bodies=["中山市工业和信息化局", "中山市卫生健康局"],
        issued_on=datetime.date(2020, 6, 1),
        issued_precision="month",
        areas=ZHONGSHAN,
        related=[catalog],
        fact_source=factories.source_document(),
    )
    html = html_of(client, page)
    for fact in [
        "中工信〔2020〕214号",
        "中山市工业和信息化局、中山市卫生健康局",
        "2020年6月",
        "未载明",
        "广东省中山市",
        "中山市首台（套）高端医疗装备产品目录",
        catalog.url,
        "本页事实摘自",
        "中山市工业和信息化局《关于市十六届人大三次会议第2023028号代表建议答复的函》"
        "（中工信函〔2023〕47号），2023年6月20日",
    ]:
        assert fact in html
    assert "2020年6月1日" not in html  # the letter gives the month only


def test_index_lists_only_public_policies_newest_first(client):
    older = factories.policy(title="较早的政策", issued_on=datetime.date(2020, 1, 1))
    newer = factories.policy(title="较新的政策", issued_on=datetime.date(2021, 2, 9))
    factories.policy(title="草稿政策", live=False)
    private = factories.policy(title="受限政策")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = html_of(client, PolicyIndexPage.objects.get())
    assert html.index(newer.title) < html.index(older.title)
    assert "草稿政策" not in html
    assert "受限政策" not in html


def test_a_product_shows_the_policies_of_its_province_and_kind(client):
    zhongshan = factories.enterprise(region="中山市")
    drug = factories.product(
        parent=zhongshan,
        title="本地药品",
        product_type=ProductType.DRUG,
        device_class="",
        procurement_status=ProcurementStatus.OFFLINE,
    )
    consumable = factories.product(
        parent=zhongshan, product_type=ProductType.CONSUMABLE, procurement_status="sunshine"
    )
    cixi = factories.enterprise(region="慈溪市")
    cixi_consumable = factories.product(parent=cixi, product_type=ProductType.CONSUMABLE)

    drug_cap = factories.policy(
        title="药品线下采购占比不超过5%",
        areas=ZHONGSHAN,
        product_types=["drug"],
        procurement_statuses=["offline"],
    )
    consumables_cap = factories.policy(
        title="耗材备案采购不超过20%",
        areas=ZHONGSHAN,
        product_types=["consumable"],
        procurement_statuses=["offline"],
    )
    zhejiang = factories.policy(
        title="浙江医用耗材动态调整", areas=[("浙江省", "")], product_types=["consumable"]
    )
    ningbo = factories.policy(
        title="宁波市级联合带量采购", areas=[("浙江省", "宁波市")], product_types=["consumable"]
    )

    html = html_of(client, drug)
    assert drug_cap.title in html and drug_cap.url in html
    assert consumables_cap.title not in html  # another kind
    assert zhejiang.title not in html  # another province

    # On the platform, not offline: the offline cap does not apply.
    assert consumables_cap.title not in html_of(client, consumable)

    html = html_of(client, cixi_consumable)
    assert zhejiang.title in html
    assert ningbo.title in html  # 慈溪 lies in 宁波
    assert drug_cap.title not in html


def test_first_set_policies_show_only_on_recognised_products(client):
    maker = factories.enterprise(region="中山市")
    recognised = factories.product(parent=maker, title="数字乳腺X射线机")
    plain = factories.product(parent=maker, title="普通设备")
    FirstSetRecognition.objects.create(
        page=recognised, kind=RecognitionKind.FIRST_SET, level="city"
    )
    guidance = factories.policy(
        title="首台（套）推广应用指导意见",
        areas=ZHONGSHAN,
        product_types=["device"],
        first_set_only=True,
    )
    assert guidance.title in html_of(client, recognised)
    assert guidance.title not in html_of(client, plain)


def test_a_policy_that_names_a_product_shows_there_wherever_it_applies(client):
    product = factories.product(parent=factories.enterprise(region="杭州市"))
    named = factories.policy(title="点名的政策", related=[product])
    assert named.title in html_of(client, product)


def test_a_catalog_shows_the_policies_for_its_kind_and_place(client):
    first_set = factories.catalog(
        title="中山市首台（套）目录", kind="first_set", issuing_body="中山市工业和信息化局"
    )
    ningbo_first_set = factories.catalog(
        title="宁波市“三首”目录", kind="first_set", issuing_body="宁波市有关部门"
    )
    recommended = factories.catalog(title="2022年度中山优质产品推荐目录")
    guidance = factories.policy(
        title="首台（套）指导意见", areas=ZHONGSHAN, catalog_kinds=["first_set"]
    )
    caps = factories.policy(title="线下采购比例", areas=ZHONGSHAN, related=[recommended])

    assert guidance.title in html_of(client, first_set)
    assert guidance.title not in html_of(client, ningbo_first_set)
    html = html_of(client, recommended)
    assert caps.title in html and guidance.title not in html


@pytest.mark.parametrize("hide", ["draft", "private", "unpublished_section"])
def test_hidden_policies_never_reach_product_catalog_or_index_pages(client, hide):
    product = factories.product(parent=factories.enterprise(region="中山市"))
    catalog = factories.catalog(kind="first_set", issuing_body="中山市工业和信息化局")
    hidden = factories.policy(
        title="不应公开的政策",
        live=hide != "draft",
        areas=ZHONGSHAN,
        product_types=[product.product_type],
        catalog_kinds=["first_set"],
        related=[product, catalog],
    )
    if hide == "private":
        PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    index = PolicyIndexPage.objects.get()
    if hide == "unpublished_section":
        index.unpublish()
    for page in (product, catalog):
        assert "不应公开的政策" not in html_of(client, page)
    assert not PolicyPage.objects.applying_to_product(product, "中山市").exists()
    if hide != "unpublished_section":
        assert "不应公开的政策" not in html_of(client, index)
    else:
        assert client.get(index.url).status_code == 404
        assert client.get(hidden.url).status_code == 404


def test_a_policy_lists_only_public_related_pages(client):
    public_catalog = factories.catalog(title="公开目录")
    draft_product = factories.product(title="草稿产品", live=False)
    page = factories.policy(related=[public_catalog, draft_product])
    html = html_of(client, page)
    assert "公开目录" in html
    assert "草稿产品" not in html


def test_policies_on_a_product_page_cost_the_same_queries_however_many(client):
    product = factories.product(parent=factories.enterprise(region="中山市"))

    def queries():
        client.get(product.url)  # warm the site-root cache
        with CaptureQueriesContext(connection) as context:
            client.get(product.url)
        return len(context)

    factories.policy(areas=ZHONGSHAN, product_types=[product.product_type])
    with_one = queries()
    for _ in range(4):
        factories.policy(areas=ZHONGSHAN, product_types=[product.product_type])
    assert queries() == with_one
    assert client.get(product.url).content.decode().count("测试政策") == 5
