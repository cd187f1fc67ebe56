"""Nothing of enterprise B in any listing, chooser, search or report that an
editor of enterprise A can open, even while B has work in review and a lock."""

import pytest
from wagtail.models import Page

from directory.models import DirectoryIndexPage
from tests.accounts.responses import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_b(side_b):
    """B's product in review, B's enterprise page locked by B's editor."""
    product = side_b.product.get_latest_revision_as_object()
    product.intended_use = "乙待审用途"
    revision = product.save_revision(user=side_b.editor)
    product.get_workflow().start(product, side_b.editor)
    enterprise = side_b.enterprise
    Page.objects.filter(pk=enterprise.pk).update(locked=True, locked_by=side_b.editor)
    side_b.revision = revision
    return side_b


def b_secrets(side):
    return [side.draft.title, side.image.title, side.document.title, "乙待审用途"]


LISTINGS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/search/?q=乙",
    "/admin/pages/search/results/?q=乙",
    "/admin/choose-page/",
    "/admin/choose-page/search/?q=乙",
    "/admin/images/",
    "/admin/images/?q=乙",
    "/admin/images/chooser/",
    "/admin/images/chooser/results/?q=乙",
    "/admin/documents/",
    "/admin/documents/?q=乙",
    "/admin/documents/chooser/",
    "/admin/documents/chooser/results/?q=乙",
    "/admin/reports/locked/",
    "/admin/reports/site-history/",
    "/admin/reports/site-history/results/",
    "/admin/reports/aging-pages/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/workflows/tasks/index/",
    "/admin/api/main/pages/?search=乙",
    "/admin/api/main/pages/?type=directory.ProductPage",
]


def test_no_listing_chooser_search_or_report_shows_b(editor_client, busy_b):
    directory = DirectoryIndexPage.objects.get()
    urls = LISTINGS + [
        f"/admin/pages/{directory.pk}/",
        f"/admin/choose-page/{directory.pk}/",
        f"/admin/choose-page/{busy_b.enterprise.pk}/",
        f"/admin/api/main/pages/{busy_b.draft.pk}/",
    ]
    for url in urls:
        response = editor_client.get(url)
        assert response.status_code in {200, 302, 403, 404}, (url, response.status_code)
        body = text_of(response)
        for secret in b_secrets(busy_b):
            assert secret not in body, (url, secret)


def test_b_media_cannot_be_opened_or_changed(editor_client, side_b):
    for url in [
        f"/admin/images/{side_b.image.pk}/",
        f"/admin/images/{side_b.image.pk}/delete/",
        f"/admin/images/chooser/{side_b.image.pk}/",
        f"/admin/documents/edit/{side_b.document.pk}/",
        f"/admin/documents/delete/{side_b.document.pk}/",
        f"/admin/documents/chooser/{side_b.document.pk}/",
        f"/admin/images/{side_b.image.pk}/preview/fill-100x100/",
        f"/admin/images/{side_b.image.pk}/generate_url/",
        f"/admin/images/usage/{side_b.image.pk}/",
        f"/admin/documents/usage/{side_b.document.pk}/",
    ]:
        for response in (editor_client.get(url), editor_client.post(url, {"title": "篡改"})):
            assert response.status_code in {403, 404, 405}, (url, response.status_code)
    side_b.image.refresh_from_db()
    side_b.document.refresh_from_db()
    assert side_b.image.title == "乙图片" and side_b.document.title == "乙文件"


def test_no_workflow_action_on_b(editor_client, busy_b):
    page = busy_b.product
    state = page.current_workflow_task_state
    task = state.task
    for url in [
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/",
        f"/admin/pages/workflow/action/{page.pk}/reject/{state.pk}/",
        f"/admin/pages/workflow/collect_action_data/{page.pk}/approve/{state.pk}/",
        f"/admin/pages/workflow/preview/{page.pk}/{task.pk}/",
        f"/admin/pages/workflow/confirm_cancellation/{page.pk}/",
        f"/admin/pages/{page.pk}/workflow_history/detail/{state.workflow_state_id}/",
    ]:
        for response in (editor_client.get(url), editor_client.post(url, {"comment": "x"})):
            assert response.status_code in {403, 404, 405}, (url, response.status_code)
            assert "乙待审用途" not in text_of(response)
    state.refresh_from_db()
    assert state.status == "in_progress"


def test_the_same_listings_show_what_each_user_may_see(
    client, editor_client, side_a, busy_b, reviewer
):
    """The checks above can fail: these lists do show records to their owners."""
    own = {
        "/admin/pages/search/?q=甲": side_a.draft.title,
        "/admin/images/chooser/": side_a.image.title,
        "/admin/documents/chooser/": side_a.document.title,
        f"/admin/pages/{side_a.enterprise.pk}/": side_a.draft.title,
    }
    for url, expected in own.items():
        assert expected in text_of(editor_client.get(url)), url
    client.force_login(reviewer)
    for url, expected in {
        "/admin/pages/search/?q=乙": busy_b.draft.title,
        "/admin/images/": busy_b.image.title,
        "/admin/documents/": busy_b.document.title,
        "/admin/reports/locked/": busy_b.enterprise.title,
        "/admin/reports/workflow/": busy_b.product.title,
    }.items():
        assert expected in text_of(client.get(url)), url


def test_own_media_and_the_way_to_it_stay_open(editor_client, side_a):
    for url in [
        f"/admin/images/{side_a.image.pk}/",
        f"/admin/images/{side_a.image.pk}/preview/fill-100x100/",
        f"/admin/documents/edit/{side_a.document.pk}/",
        f"/admin/pages/{side_a.enterprise.pk}/",
    ]:
        assert editor_client.get(url).status_code == 200, url
    # the directory above the enterprise leads the editor to their own section
    response = editor_client.get(f"/admin/pages/{DirectoryIndexPage.objects.get().pk}/")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/admin/pages/{side_a.enterprise.pk}/"
    )
