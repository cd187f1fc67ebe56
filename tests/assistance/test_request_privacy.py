"""Requests are private to their enterprise and staff: an editor of
enterprise A neither sees, lists, downloads nor acts on B's requests (404,
or 403 for what no editor may do, never a 500), and bad input is refused
in Chinese without creating anything."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from assistance import attachments
from assistance.models import AssistanceRequest, RequestState
from tests.accounts.responses import text_of
from tests.assistance.conftest import PDF

pytestmark = pytest.mark.django_db


def object_urls(request):
    pk = request.pk
    attachment = request.attachments.get().pk
    return [
        f"/admin/assistance/inspect/{pk}/",
        f"/admin/assistance/edit/{pk}/",
        f"/admin/assistance/history/{pk}/",
        f"/admin/assistance/history-results/{pk}/",
        f"/admin/assistance/usage/{pk}/",
        f"/admin/assistance/delete/{pk}/",
        f"/admin/assistance/attachment/{attachment}/",
    ]


def test_another_enterprises_request_is_invisible(editor_client, request_a, request_b):
    for url in object_urls(request_b):
        for response in (editor_client.get(url), editor_client.post(url, {"state": "done"})):
            assert response.status_code == 404, (url, response.status_code)
            assert request_b.message not in text_of(response)
    for url in ["/admin/assistance/", "/admin/assistance/?state=submitted", "/admin/"]:
        body = text_of(editor_client.get(url))
        assert str(request_a) in body
        assert str(request_b) not in body and request_b.enterprise.title not in body
    request_b.refresh_from_db()
    assert request_b.state == RequestState.SUBMITTED and AssistanceRequest.objects.count() == 2


def test_an_editor_reads_but_never_handles_own_requests(editor_client, request_a):
    for url in object_urls(request_a):
        expected = 200 if "inspect" in url or "attachment" in url else 403
        assert editor_client.get(url).status_code == expected, url
    response = editor_client.post(f"/admin/assistance/edit/{request_a.pk}/", {"state": "done"})
    assert response.status_code == 403
    request_a.refresh_from_db()
    assert request_a.state == RequestState.SUBMITTED


def test_users_outside_enterprises_and_staff_reach_no_request(client, request_a):
    publisher = User.objects.create_user("publisher", "p@example.com", "pw")
    publisher.groups.add(Group.objects.get(name="活动发布员"))
    client.force_login(publisher)
    for url in ["/admin/assistance/", "/admin/assistance/new/"]:
        assert client.get(url).status_code == 403
    for url in object_urls(request_a):
        assert client.get(url).status_code in {403, 404}, url
    client.logout()
    attachment = request_a.attachments.get()
    response = client.get(f"/admin/assistance/attachment/{attachment.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def submit(client, side, **changes):
    data = {
        "enterprise": side.enterprise.pk,
        "kind": "catalog_listing",
        "products": [side.product.pk],
        "message": "请求列入推荐目录",
        **changes,
    }
    return client.post("/admin/assistance/new/", data)


def test_bad_requests_are_refused_in_chinese(editor_client, side_a, side_b, monkeypatch):
    monkeypatch.setattr(attachments, "ATTACHMENT_MAX_BYTES", 1024)
    cases = [
        ({"message": ""}, "请填写申报说明"),
        ({"message": "   \n "}, "请填写申报说明"),
        ({"message": "长" * 5001}, "申报说明最多 5000 字"),
        ({"products": [side_b.product.pk]}, "只能选择本企业的产品"),
        ({"products": ["abc"]}, "只能选择本企业的产品"),
        ({"enterprise": side_b.enterprise.pk}, "只能为本企业提交申报"),
        ({"kind": "bribe"}, "请选择列出的申报事项"),
        ({"attachments": [SimpleUploadedFile("a.exe", b"MZ")]}, "格式不受支持"),
        ({"attachments": [SimpleUploadedFile("a.pdf", b"MZ not a pdf")]}, "内容与扩展名不符"),
        ({"attachments": [SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)]}, "超过"),
        (
            {"attachments": [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(6)]},
            "附件最多 5 个",
        ),
    ]
    for changes, error in cases:
        response = submit(editor_client, side_a, **changes)
        assert response.status_code == 200, (changes, response.status_code)
        assert error in text_of(response), (changes, error)
        assert side_b.product.title not in text_of(response)
    assert not AssistanceRequest.objects.exists()
