"""Enterprise editors see what staff own but cannot change it: posted values
for those fields and inline records are never saved; staff can change them."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from directory.choices import ProcurementStatus
from directory.models import EnterprisePage, FirstUseRecord, ProductPage
from tests import factories

pytestmark = pytest.mark.django_db


def edit_form(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return response, querydict_from_html(response.content.decode(), form_id="page-edit-form")


def add_row(data, prefix, **fields):
    index = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    for name, value in {**fields, "id": "", "ORDER": str(index + 1), "DELETE": ""}.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.setdefault(f"{prefix}-INITIAL_FORMS", "0")
    data.setdefault(f"{prefix}-MIN_NUM_FORMS", "0")
    data.setdefault(f"{prefix}-MAX_NUM_FORMS", "1000")


def test_the_editor_sees_staff_owned_values_read_only(editor_client, side_a):
    hospital = factories.hospital(title="中山市人民医院")
    FirstUseRecord.objects.create(page=side_a.product, hospital=hospital)
    response, data = edit_form(editor_client, side_a.product)
    body = response.content.decode()
    assert "省平台阳光挂网" in body and "中山市人民医院" in body
    assert "由工作人员维护" in body
    for name in ("procurement_status", "medical_insurance", "first_use_records-TOTAL_FORMS"):
        assert name not in data
    response, data = edit_form(editor_client, side_a.enterprise)
    assert side_a.enterprise.credit_code in response.content.decode()
    assert "credit_code" not in data


def test_posted_staff_owned_fields_are_never_saved(editor_client, side_a):
    product = side_a.product
    hospital = factories.hospital(title="中山市人民医院")
    FirstUseRecord.objects.create(page=product, hospital=hospital)
    _, data = edit_form(editor_client, product)
    data["procurement_status"] = ProcurementStatus.VBP_WINNER
    data["medical_insurance"] = "covered"
    data["is_example"] = "on"
    data["description"] = data.get("description", "")
    add_row(
        data, "first_use_records", hospital=str(factories.hospital(title="伪造医院").pk), scope=""
    )
    add_row(data, "recognitions", kind="first_set", level="national", highlights="伪造")
    data["model_spec"] = "新型号"
    response = editor_client.post(f"/admin/pages/{product.pk}/edit/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors

    saved = ProductPage.objects.get(pk=product.pk).get_latest_revision_as_object()
    assert saved.model_spec == "新型号"  # the edit itself went through
    assert saved.procurement_status == ProcurementStatus.SUNSHINE
    assert saved.medical_insurance == "unknown"
    assert not saved.is_example
    assert [r.hospital.title for r in saved.first_use_records.all()] == ["中山市人民医院"]
    assert not saved.recognitions.exists()

    enterprise = side_a.enterprise
    _, data = edit_form(editor_client, enterprise)
    data["credit_code"] = "91440000MA4UU8AB1X"
    data["contact_phone"] = "0760-88886666"
    response = editor_client.post(f"/admin/pages/{enterprise.pk}/edit/", data)
    assert response.status_code == 302
    saved = EnterprisePage.objects.get(pk=enterprise.pk).get_latest_revision_as_object()
    assert saved.contact_phone == "0760-88886666"
    assert saved.credit_code == enterprise.credit_code


def test_a_reviewer_edits_staff_owned_fields(client, reviewer, side_a):
    client.force_login(reviewer)
    product = side_a.product
    _, data = edit_form(client, product)
    assert "procurement_status" in data and "first_use_records-TOTAL_FORMS" in data
    data["procurement_status"] = ProcurementStatus.VBP_WINNER
    hospital = factories.hospital(title="中山市人民医院")
    add_row(data, "first_use_records", hospital=str(hospital.pk), scope="")
    response = client.post(f"/admin/pages/{product.pk}/edit/", data)
    assert response.status_code == 302
    saved = ProductPage.objects.get(pk=product.pk).get_latest_revision_as_object()
    assert saved.procurement_status == ProcurementStatus.VBP_WINNER
    assert [r.hospital.title for r in saved.first_use_records.all()] == ["中山市人民医院"]
