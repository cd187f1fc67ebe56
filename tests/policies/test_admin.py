"""Staff edit policy and hospital pages in the Wagtail admin; bad values come back named."""

import datetime

import pytest
from django.contrib.auth.models import User
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from directory.models import FirstUseRecord
from policies.models import PolicyIndexPage, PolicyPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(User.objects.create_superuser("staff", "staff@example.com", "pw"))
    return client


def test_policy_hospital_and_trialled_product_open_in_the_editor(staff):
    hospital = factories.hospital()
    product = factories.product()
    FirstUseRecord.objects.create(
        page=product, hospital=hospital, started_on=datetime.date(2017, 1, 1)
    )
    policy = factories.policy(product_types=["drug"], related=[product])
    for page in (policy, hospital, product, hospital.get_parent(), policy.get_parent()):
        assert staff.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page


def policy_form(**fields):
    data = {
        "title": "后台新建政策",
        "slug": "admin-policy",
        "summary": "通俗说明。",
        "issued_precision": "day",
        "issuing_bodies": inline_formset([{"name": "浙江省医疗保障局"}], min=1),
        "areas": inline_formset([{"province": "浙江省", "city": ""}]),
        "related_pages": inline_formset([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def test_the_editor_refuses_a_bad_number_and_bad_dates_and_keeps_nothing(staff):
    url = f"/admin/pages/add/policies/policypage/{PolicyIndexPage.objects.get().pk}/"
    response = staff.post(url, policy_form(document_number="浙医保发2021第10号"))
    assert response.status_code == 200
    assert "文号格式" in response.context["form"].errors["document_number"][0]

    response = staff.post(
        url,
        policy_form(
            document_number="浙医保发〔2021〕10号",
            in_force_from="2021-03-01",
            in_force_until="2021-02-01",
        ),
    )
    assert response.status_code == 200
    assert "不能早于" in response.context["form"].errors["in_force_until"][0]
    assert not PolicyPage.objects.filter(slug="admin-policy").exists()


def test_the_editor_saves_a_joint_policy_with_its_lists(staff):
    url = f"/admin/pages/add/policies/policypage/{PolicyIndexPage.objects.get().pk}/"
    data = policy_form(
        document_number="浙医保发（2021）10 号",
        issued_on="2021-02-09",
        issuing_bodies=inline_formset(
            [{"name": "浙江省医疗保障局"}, {"name": "浙江省卫生健康委员会"}], min=1
        ),
    )
    data["product_types"] = ["consumable", "device"]  # checkboxes: one key, several values
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = PolicyPage.objects.get(slug="admin-policy")
    assert page.document_number == "浙医保发〔2021〕10号"
    assert page.product_types == ["consumable", "device"]
    assert page.issuing_body_names() == "浙江省医疗保障局、浙江省卫生健康委员会"


def test_the_editor_needs_an_issuing_body(staff):
    url = f"/admin/pages/add/policies/policypage/{PolicyIndexPage.objects.get().pk}/"
    response = staff.post(url, policy_form(issuing_bodies=inline_formset([], min=1)))
    assert response.status_code == 200
    assert "请至少填写一个发文单位" in str(response.context["form"].non_field_errors())
    assert not PolicyPage.objects.filter(slug="admin-policy").exists()
