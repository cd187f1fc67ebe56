import datetime

import pytest
from django.db.models import ProtectedError
from wagtail.models import PageViewRestriction

from directory.models import FirstUseRecord
from hospitals.models import HospitalIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def trial(product, hospital, year=2017, scope="女性“两癌”筛查工作中试点使用"):
    return FirstUseRecord.objects.create(
        page=product, hospital=hospital, started_on=datetime.date(year, 1, 1), scope=scope
    )


def test_hospital_page_lists_public_products_trialled_there(client):
    hospital = factories.hospital(title="宗汉卫生院", level="township", ownership="public")
    maker = factories.enterprise(title="宁波杜比医疗科技有限公司", region="慈溪市")
    screening = factories.product(parent=maker, title="乳腺癌筛查设备")
    trial(screening, hospital)
    draft = factories.product(parent=maker, title="草稿产品", live=False)
    trial(draft, hospital)
    hidden_maker = factories.enterprise(title="未发布企业", live=False)
    orphan = factories.product(parent=hidden_maker, title="未发布企业的产品")
    trial(orphan, hospital)
    private = factories.product(parent=maker, title="受限产品")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    trial(private, hospital)

    html = html_of(client, hospital)
    for fact in ["宗汉卫生院", "卫生院", "公立", "慈溪市", "乳腺癌筛查设备", screening.url]:
        assert fact in html
    assert maker.url in html
    assert "2017年" in html and "女性“两癌”筛查工作中试点使用" in html
    for hidden in ["草稿产品", "未发布企业的产品", "受限产品"]:
        assert hidden not in html

    index = html_of(client, HospitalIndexPage.objects.get())
    assert "宗汉卫生院" in index
    assert "首试首用本地产品 1 项" in index


def test_product_page_links_each_public_hospital(client):
    product = factories.product(title="一次性牙科手机")
    hospital = factories.hospital(title="慈溪市人民医院")
    trial(product, hospital, 2018, "首试首用")
    html = html_of(client, product)
    assert "慈溪市人民医院" in html
    assert f'href="{hospital.url}"' in html


@pytest.mark.parametrize("hide", ["draft", "private"])
def test_hidden_hospitals_never_appear_on_products_or_the_index(client, hide):
    product = factories.product()
    hospital = factories.hospital(title="不应公开的医院", live=hide != "draft")
    if hide == "private":
        PageViewRestriction.objects.create(page=hospital, restriction_type="login")
    trial(product, hospital)
    assert "不应公开的医院" not in html_of(client, product)
    assert "不应公开的医院" not in html_of(client, HospitalIndexPage.objects.get())
    if hide == "draft":
        assert client.get(hospital.url).status_code == 404
    else:
        assert client.get(hospital.url).status_code in (302, 401)


def test_a_hospital_with_records_cannot_be_deleted_and_lose_them():
    hospital = factories.hospital()
    trial(factories.product(), hospital)
    with pytest.raises(ProtectedError):
        hospital.delete()
    assert FirstUseRecord.objects.filter(hospital=hospital).exists()


def test_admin_refuses_to_delete_a_hospital_that_records_point_at(admin_client):
    hospital = factories.hospital()
    trial(factories.product(), hospital)
    response = admin_client.post(f"/admin/pages/{hospital.pk}/delete/")
    assert response.status_code in (200, 302, 403)
    assert type(hospital).objects.filter(pk=hospital.pk).exists()
