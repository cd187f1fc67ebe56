"""Risk-tiered review: low-risk edits go live on save, regulated ones wait
for a reviewer; public pages show 更新记录 and never a pending change."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from accounts.models import PublicUpdate
from directory.models import EnterprisePage, ProductPage
from tests.accounts.test_staff_owned_fields import edit_form

pytestmark = pytest.mark.django_db


def public_text(client, page):
    client.logout()
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def search_finds(client, text):
    client.logout()
    return text in client.get("/api/search/", {"q": text}).content.decode()


def test_a_phone_change_goes_live_on_save_and_is_recorded(client, side_a):
    client.force_login(side_a.editor)
    _, data = edit_form(client, side_a.enterprise)
    data["contact_phone"] = "0760-12345678"
    response = client.post(f"/admin/pages/{side_a.enterprise.pk}/edit/", data)
    assert response.status_code == 302

    live = EnterprisePage.objects.get(pk=side_a.enterprise.pk)
    assert live.contact_phone == "0760-12345678" and not live.has_unpublished_changes
    update = PublicUpdate.objects.get(page=live)
    assert update.fields == ["联系电话"] and update.self_service
    body = public_text(client, live)
    assert "0760-12345678" in body
    assert "更新记录" in body and "企业自行更新" in body
    assert side_a.editor.email not in body and side_a.editor.username not in body


def submit_intended_use(client, side, text):
    client.force_login(side.editor)
    _, data = edit_form(client, side.product)
    data["intended_use"] = text
    url = f"/admin/pages/{side.product.pk}/edit/"
    assert client.post(url, data).status_code == 302  # save: the low-risk part goes live
    _, data = edit_form(client, side.product)
    data["action-submit"] = "提交审核"
    assert client.post(url, data).status_code == 302
    return ProductPage.objects.get(pk=side.product.pk)


def test_a_regulated_change_waits_for_a_reviewer_who_approves_it(client, side_a, reviewer):
    product = submit_intended_use(client, side_a, "用于乳腺癌早期筛查")
    assert product.workflow_in_progress
    assert product.intended_use != "用于乳腺癌早期筛查"
    assert "用于乳腺癌早期筛查" not in public_text(client, product)
    assert not search_finds(client, "乳腺癌早期筛查")

    client.force_login(reviewer)
    compare = client.get(f"/admin/pages/{product.pk}/revisions/compare/live...latest/")
    assert compare.status_code == 200 and "用于乳腺癌早期筛查" in compare.content.decode()
    state = product.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[product.pk, "approve", state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)

    product.refresh_from_db()
    assert product.intended_use == "用于乳腺癌早期筛查" and not product.workflow_in_progress
    body = public_text(client, product)
    assert "用于乳腺癌早期筛查" in body and "经工作人员审核" in body
    assert PublicUpdate.objects.get(page=product).fields == ["适用范围"]
    assert search_finds(client, "乳腺癌早期筛查")


def test_a_rejected_change_never_reaches_the_public(client, side_a, reviewer):
    product = submit_intended_use(client, side_a, "可治愈一切疾病")
    client.force_login(reviewer)
    state = product.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[product.pk, "reject", state.pk])
    response = client.post(url, {"comment": "适用范围须与注册证一致"})
    assert response.status_code in (200, 302)

    product.refresh_from_db()
    state.refresh_from_db()
    assert state.status == "rejected"
    assert state.comment == "适用范围须与注册证一致"
    assert "可治愈一切疾病" not in public_text(client, product)
    assert not search_finds(client, "可治愈一切疾病")
    assert not PublicUpdate.objects.filter(page=product).exists()


def test_mixed_changes_publish_the_low_risk_part_only(client, side_a, reviewer):
    client.force_login(side_a.editor)
    product = side_a.product
    _, data = edit_form(client, product)
    data["intended_use"] = "待审的适用范围"
    data["title"] = "改名后的产品"
    response = client.post(f"/admin/pages/{product.pk}/edit/", data)
    assert response.status_code == 302
    live = ProductPage.objects.get(pk=product.pk)
    assert live.title == product.title and live.intended_use != "待审的适用范围"
    draft = live.get_latest_revision_as_object()
    assert draft.title == "改名后的产品" and draft.intended_use == "待审的适用范围"
    assert not PublicUpdate.objects.filter(page=product).exists()


def test_a_new_product_by_an_editor_is_a_draft_until_approved(client, side_a):
    client.force_login(side_a.editor)
    parent = side_a.enterprise
    url = f"/admin/pages/add/directory/productpage/{parent.pk}/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update({"title": "企业自建产品", "slug": "self-made", "product_type": "service"})
    data["device_class"] = ""
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = ProductPage.objects.get(slug="self-made")
    assert not page.live
    client.logout()
    assert client.get(parent.url + "self-made/").status_code == 404


def test_a_reviewer_can_roll_back_a_self_service_change(client, side_a, reviewer):
    old_phone = side_a.enterprise.contact_phone
    client.force_login(side_a.editor)
    _, data = edit_form(client, side_a.enterprise)
    data["contact_phone"] = "0760-99999999"
    client.post(f"/admin/pages/{side_a.enterprise.pk}/edit/", data)

    client.force_login(reviewer)
    earlier = side_a.enterprise.latest_revision_id
    revert = client.get(f"/admin/pages/{side_a.enterprise.pk}/revisions/{earlier}/revert/")
    assert revert.status_code == 200
    _, data = edit_form(client, side_a.enterprise)
    data["contact_phone"] = old_phone
    data["action-publish"] = "发布"
    assert client.post(f"/admin/pages/{side_a.enterprise.pk}/edit/", data).status_code == 302
    live = EnterprisePage.objects.get(pk=side_a.enterprise.pk)
    assert live.contact_phone == old_phone
    latest = PublicUpdate.objects.filter(page=live).first()
    assert latest.fields == ["联系电话"] and not latest.self_service


def test_the_editors_dashboard_shows_the_reviewers_comment(client, side_a, side_b, reviewer):
    product = submit_intended_use(client, side_a, "可治愈一切疾病")
    client.force_login(reviewer)
    state = product.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[product.pk, "reject", state.pk])
    client.post(url, {"comment": "适用范围须与注册证一致"})

    client.force_login(side_a.editor)
    body = client.get("/admin/").content.decode()
    assert "我的企业" in body and side_a.draft.title in body
    assert "适用范围须与注册证一致" in body
    assert side_b.draft.title not in body
