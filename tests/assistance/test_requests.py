"""An enterprise submits a request; staff see the queue, move it on with a
reply; each change is recorded and mailed to the enterprise, whose dashboard
shows the state and the reply."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from assistance.models import AssistanceRequest, RequestState
from tests.accounts.responses import text_of
from tests.assistance.conftest import PDF

pytestmark = pytest.mark.django_db


def test_an_editor_submits_a_request_about_own_products_with_an_attachment(editor_client, side_a):
    response = editor_client.get("/admin/assistance/new/")
    assert response.status_code == 200
    assert "省平台挂网协助" in text_of(response) and side_a.product.title in text_of(response)

    response = editor_client.post(
        "/admin/assistance/new/",
        {
            "enterprise": side_a.enterprise.pk,
            "kind": "medical_insurance",
            "products": [side_a.product.pk, side_a.draft.pk],
            "message": "  请协助申报 2026 年医保目录。 ",
            "attachments": [SimpleUploadedFile("说明.pdf", PDF)],
        },
    )
    assert response.status_code == 302, text_of(response)
    request = AssistanceRequest.objects.get()
    assert request.enterprise == side_a.enterprise and request.submitted_by == side_a.editor
    assert request.state == RequestState.SUBMITTED
    assert request.message == "请协助申报 2026 年医保目录。"
    assert set(request.products.all()) == {side_a.product.specific, side_a.draft.specific}
    attachment = request.attachments.get()
    assert attachment.name == "说明.pdf" and attachment.size == len(PDF)
    # stored outside MEDIA_ROOT, which a web server may serve to anyone
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert [change.state for change in request.changes.all()] == [RequestState.SUBMITTED]

    download = editor_client.get(f"/admin/assistance/attachment/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "no-store" in download["Cache-Control"] and "private" in download["Cache-Control"]


def test_staff_see_the_queue_filtered_by_state_and_kind(client, reviewer, request_a, request_b):
    client.force_login(reviewer)
    body = text_of(client.get("/admin/assistance/"))
    assert str(request_a) in body and str(request_b) in body
    request_b.state = RequestState.DONE
    request_b.save()
    body = text_of(client.get("/admin/assistance/?state=submitted"))
    assert str(request_a) in body and str(request_b) not in body
    body = text_of(client.get("/admin/assistance/?kind=other"))
    assert str(request_a) not in body and str(request_b) not in body
    attachment = request_b.attachments.get()
    assert client.get(f"/admin/assistance/attachment/{attachment.pk}/").status_code == 200


def test_each_change_is_recorded_mailed_and_shown_on_the_dashboard(
    client, reviewer, side_a, request_a, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    steps = [
        ("accepted", "已收到，材料齐全。"),
        ("in_progress", ""),
        ("done", "已报省医保局，请留意通知。"),
    ]
    for state, reply in steps:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/admin/assistance/edit/{request_a.pk}/", {"state": state, "reply": reply}
            )
        assert response.status_code == 302, text_of(response)

    request_a.refresh_from_db()
    assert request_a.state == RequestState.DONE
    assert [c.state for c in request_a.changes.all()] == [
        "done",
        "in_progress",
        "accepted",
        "submitted",
    ]
    assert [c.changed_by for c in request_a.changes.all()][:3] == [reviewer] * 3
    assert len(mail.outbox) == 3
    assert all(message.to == [side_a.editor.email] for message in mail.outbox)
    assert "已受理" in mail.outbox[0].subject and "材料齐全" in mail.outbox[0].body
    assert "处理中" in mail.outbox[1].body
    assert "已办结" in mail.outbox[2].body and "已报省医保局" in mail.outbox[2].body

    client.force_login(side_a.editor)
    dashboard = text_of(client.get("/admin/"))
    assert "申报与协助" in dashboard and "已办结" in dashboard and "已报省医保局" in dashboard
    inspect = text_of(client.get(f"/admin/assistance/inspect/{request_a.pk}/"))
    assert "材料齐全" in inspect and "已报省医保局" in inspect
    assert reviewer.username not in inspect  # staff names are for staff


def test_staff_handling_refuses_bad_input_in_chinese(client, reviewer, request_a):
    client.force_login(reviewer)
    url = f"/admin/assistance/edit/{request_a.pk}/"
    cases = [
        ({"state": "declined", "reply": "  "}, "不予受理须在答复中说明理由"),
        ({"state": "submitted", "reply": "x"}, "请选择列出的状态"),
        ({"state": "nonsense"}, "请选择列出的状态"),
        ({"state": "accepted", "reply": "长" * 5001}, "答复最多 5000 字"),
    ]
    for data, error in cases:
        response = client.post(url, data)
        assert response.status_code == 200 and error in text_of(response), data
    request_a.refresh_from_db()
    assert request_a.state == RequestState.SUBMITTED and request_a.changes.count() == 1
    assert not mail.outbox


def test_an_attachment_file_goes_with_its_request(request_a, django_capture_on_commit_callbacks):
    attachment = request_a.attachments.get()
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        request_a.enterprise.delete()
    assert not AssistanceRequest.objects.exists() and not storage.exists(name)


def test_the_queue_costs_the_same_few_queries_however_long(
    client, reviewer, side_a, request_a, django_assert_max_num_queries
):
    AssistanceRequest.objects.bulk_create(
        AssistanceRequest(enterprise=side_a.enterprise, kind="other", message="m")
        for _ in range(60)
    )
    for user in (reviewer, side_a.editor):
        client.force_login(user)
        with django_assert_max_num_queries(20):
            assert client.get("/admin/assistance/").status_code == 200
