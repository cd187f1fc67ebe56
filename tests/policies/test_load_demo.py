"""Every fact of the letters that this app loads is on the demo site, with its source."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page, Revision

from demo.data import SEED_SOURCE_CX, SEED_SOURCE_ZS
from directory.models import CatalogPage, EnterprisePage, FirstUseRecord, ProductPage
from events.models import EventPage
from hospitals.models import HospitalIndexPage, HospitalPage
from policies.models import PolicyPage

pytestmark = pytest.mark.django_db

CX_NUMBER = "慈卫建〔2021〕15号"
ZS_NUMBER = "中工信函〔2023〕47号"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load once for the module, in a transaction rolled back after it (as
    Django's TestCase does per class), so what migrations made stays."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def text_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def test_the_named_policies_are_real_records_citing_their_letter(demo, client):
    guidance = PolicyPage.objects.get(document_number="中工信〔2020〕214号")
    assert not guidance.is_example
    assert guidance.issued_display == "2020年6月"
    assert [b.name for b in guidance.issuing_bodies.all()] == [
        "中山市工业和信息化局",
        "中山市卫生健康局",
        "中山市市场监督管理局",
        "中山市财政局",
        "中山市发展和改革局",
    ]
    html = text_of(client, guidance)
    assert "三甲、三乙综合性医院新增第三台及以后" in html
    assert "基层和其他医疗机构" in html
    assert ZS_NUMBER in html

    adjustment = PolicyPage.objects.get(document_number="浙医保发〔2021〕10号")
    assert adjustment.issued_on.isoformat() == "2021-02-09"
    html = text_of(client, adjustment)
    assert "自行采购" in html and CX_NUMBER in html

    for title, facts, source in [
        ("中山市医疗机构药品线下采购占比不超过5%", ["5%", "线下采购"], ZS_NUMBER),
        ("中山市医疗机构医用耗材备案采购金额不超过20%", ["20%", "备用采购"], ZS_NUMBER),
        (
            "浙江省医用耗材集中采购与阳光采购相结合的采购政策",
            ["14大类", "7大类", "90%以上", "严禁网下采购"],
            CX_NUMBER,
        ),
        ("宁波市医用耗材市级联合带量采购（全省首次）", ["2021年4月", "全省共享"], CX_NUMBER),
    ]:
        policy = PolicyPage.objects.get(title=title)
        assert not policy.is_example
        html = text_of(client, policy)
        for fact in [*facts, source]:
            assert fact in html, (title, fact)
        assert "未载明" in html  # each leaves out a 文号 or a date


def test_policies_show_where_they_apply(demo, client):
    recommended = CatalogPage.objects.get(title="2022年度中山优质产品推荐目录")
    html = text_of(client, recommended)
    assert "药品线下采购占比不超过5%" in html and "备案采购金额不超过20%" in html
    first_set = CatalogPage.objects.get(title="中山市首台（套）高端医疗装备产品目录")
    assert "中工信〔2020〕214号" in text_of(client, first_set)
    mammography = ProductPage.objects.get(title="数字乳腺X射线机")
    assert "中工信〔2020〕214号" in text_of(client, mammography)


def test_the_hospitals_and_their_trials(demo, client):
    screening = ProductPage.objects.get(slug="breast-cancer-screening-device")
    handpiece = ProductPage.objects.get(slug="disposable-dental-handpiece")
    for title, level, product, year in [
        ("宗汉卫生院", "卫生院", screening, 2017),
        ("白沙路卫生院", "卫生院", screening, 2017),
        ("慈溪市人民医院", "未载明", handpiece, 2018),
    ]:
        hospital = HospitalPage.objects.get(title=title)
        assert not hospital.is_example
        assert hospital.get_level_display() == level
        record = FirstUseRecord.objects.get(hospital=hospital, page=product)
        assert record.started_on.year == year
        html = text_of(client, hospital)
        assert product.title in html and f"{year}年" in html and CX_NUMBER in html
        assert hospital.url in text_of(client, product)
    html = text_of(client, HospitalIndexPage.objects.get())
    assert "24家公立医院" in html and "5家较大规模民营医院" in html and "21.27%" in html
    assert HospitalPage.objects.get(slug="demo-peoples-hospital").is_example


def test_the_facts_still_missing_are_loaded_with_their_source(demo, client):
    programme = CatalogPage.objects.get(title="宁波市重点自主创新产品")
    assert programme.issuing_body == "宁波市科学技术局"
    assert not programme.entries.exists()
    html = text_of(client, programme)
    assert "入选产品名单" in html and "未录入" in html and CX_NUMBER in html

    regulation = PolicyPage.objects.get(document_number="慈市监管〔2020〕3号")
    html = text_of(client, regulation)
    assert "10家企业取得15张医疗器械应急注册证" in html and CX_NUMBER in html

    meeting = EventPage.objects.get(slug="cx-adverse-event-annual-meeting")
    html = text_of(client, meeting)
    assert "每年" in html and "镇级及以上医疗机构" in html and "占位" in html
    assert not meeting.is_example and "starts_at" in meeting.placeholders
    assert "2021年1月15日" not in html  # the placeholder day is never shown as a date

    matchmaking = EventPage.objects.get(slug="cx-hospital-enterprise-matchmaking-2020")
    html = text_of(client, matchmaking)
    for fact in ["24家", "5家较大规模民营医院", "21.27%", "21家"]:
        assert fact in html
    for short_name in ["广慈", "慈北", "新跃", "汉科", "蓝禾", "赛诺微", "乐康"]:
        maker = EnterprisePage.objects.get(short_name=short_name, region="慈溪市")
        assert not maker.is_example and "credit_code" in maker.placeholders
        assert "全称原文未载明" in maker.title
        assert maker.url in html
        assert CX_NUMBER in text_of(client, maker)


def test_loading_again_changes_nothing(demo):
    before = (Page.objects.count(), Revision.objects.count(), FirstUseRecord.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        FirstUseRecord.objects.count(),
    ) == before


def test_sources_are_the_letters():
    assert ZS_NUMBER in SEED_SOURCE_ZS and CX_NUMBER in SEED_SOURCE_CX
