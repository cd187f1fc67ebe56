"""kind=policy and kind=hospital documents, on both engines, through the visibility rule."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from core.changes import announce
from directory.models import FirstUseRecord
from search import service
from search.query import parse
from tests import factories

pytestmark = pytest.mark.django_db


def results(**params):
    return [(item["kind"], item["title"]) for item in service.run(parse(params))["results"]]


def trial(product, hospital):
    """Add a 首试首用 record as a loader does, then announce the product."""
    FirstUseRecord.objects.create(
        page=product, hospital=hospital, started_on=datetime.date(2017, 1, 1)
    )
    announce([product])


def test_policies_are_found_by_number_and_text(search_engine):
    factories.policy(
        title="关于印发浙江省医用耗材集中采购产品动态调整改革方案的通知",
        document_number="浙医保发〔2021〕10号",
        bodies=["浙江省医疗保障局"],
        areas=[("浙江省", "")],
        summary="探索公立医疗机构自行采购制度。",
    )
    factories.product(title="动态调整测试耗材")
    search_engine.sync()
    expected = ("policy", "关于印发浙江省医用耗材集中采购产品动态调整改革方案的通知")
    assert results(q="浙医保发〔2021〕10号") == [expected]
    assert results(q="自行采购", kind="policy") == [expected]
    assert results(q="动态调整")[0][0] in {"policy", "product"}
    assert results(q="动态调整", kind="policy") == [expected]
    assert results(q="动态调整", kind="product") == [("product", "动态调整测试耗材")]


def test_hidden_policies_are_never_found(search_engine):
    factories.policy(title="草稿带量采购政策", live=False)
    private = factories.policy(title="受限带量采购政策")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = factories.policy(title="公开带量采购政策")
    search_engine.sync()
    assert results(q="带量采购") == [("policy", "公开带量采购政策")]
    public.unpublish()
    search_engine.sync()
    assert results(q="带量采购") == []


def test_a_hospital_name_finds_the_hospital_and_the_products_trialled_there(search_engine):
    hospital = factories.hospital(title="宗汉卫生院", level="township")
    screening = factories.product(title="乳腺癌筛查设备")
    trial(screening, hospital)
    search_engine.sync()
    found = results(q="宗汉卫生院")
    assert found[0] == ("hospital", "宗汉卫生院")
    assert ("product", "乳腺癌筛查设备") in found
    assert results(q="乳腺癌筛查", kind="hospital") == [("hospital", "宗汉卫生院")]

    # The product leaves the public site: the hospital no longer lists it.
    screening.unpublish()
    search_engine.sync()
    assert results(q="乳腺癌筛查", kind="hospital") == []
    assert results(q="宗汉卫生院") == [("hospital", "宗汉卫生院")]


@pytest.mark.parametrize("hide", ["draft", "private", "unpublished"])
def test_hidden_hospitals_are_never_found_nor_lend_their_name(search_engine, hide):
    hospital = factories.hospital(title="白沙路卫生院", live=hide != "draft")
    product = factories.product(title="一次性牙科手机")
    trial(product, hospital)
    if hide == "private":
        PageViewRestriction.objects.create(page=hospital, restriction_type="login")
    if hide == "unpublished":
        hospital.unpublish()
    search_engine.sync()
    assert results(q="白沙路卫生院") == []
    assert results(q="牙科手机") == [("product", "一次性牙科手机")]
