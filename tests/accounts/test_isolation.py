"""An editor of enterprise A reaches nothing of enterprise B in the admin:
every attempt is refused with a 403 or 404 (never a redirect that could pass
for success, never a 500), and B's names never show."""

import pytest

from tests.accounts.responses import text_of

pytestmark = pytest.mark.django_db

DENIED = {403, 404, 405}


def assert_denied(response, *secrets):
    assert response.status_code in DENIED, (response.request["PATH_INFO"], response.status_code)
    body = text_of(response)
    for secret in secrets:
        assert secret not in body, (response.request["PATH_INFO"], secret)


def page_urls(page):
    revision = page.latest_revision_id
    pk = page.pk
    return [
        f"/admin/pages/{pk}/",
        f"/admin/pages/{pk}/edit/",
        f"/admin/pages/{pk}/view_draft/",
        f"/admin/pages/{pk}/add_subpage/",
        f"/admin/pages/add/directory/productpage/{pk}/",
        f"/admin/pages/{pk}/delete/",
        f"/admin/pages/{pk}/unpublish/",
        f"/admin/pages/{pk}/move/",
        f"/admin/pages/{pk}/copy/",
        f"/admin/pages/{pk}/privacy/",
        f"/admin/pages/{pk}/usage/",
        f"/admin/pages/{pk}/history/",
        f"/admin/pages/{pk}/history/results/",
        f"/admin/pages/{pk}/revisions/",
        f"/admin/pages/{pk}/revisions/{revision}/view/",
        f"/admin/pages/{pk}/revisions/{revision}/revert/",
        f"/admin/pages/{pk}/revisions/compare/earliest...{revision}/",
        f"/admin/pages/{pk}/revisions/compare/live...latest/",
        f"/admin/pages/{pk}/workflow_history/",
    ]


def test_every_page_view_of_another_enterprise_is_refused(editor_client, side_b):
    for page in (side_b.enterprise, side_b.product, side_b.draft):
        for url in page_urls(page):
            assert_denied(editor_client.get(url), side_b.draft.title)


def test_no_write_to_another_enterprise_goes_through(editor_client, side_b):
    for page in (side_b.enterprise, side_b.product, side_b.draft):
        pk = page.pk
        for url in [
            f"/admin/pages/{pk}/edit/",
            f"/admin/pages/{pk}/edit/preview/",
            f"/admin/pages/{pk}/lock/",
            f"/admin/pages/{pk}/unlock/",
            f"/admin/pages/{pk}/delete/",
            f"/admin/pages/{pk}/unpublish/",
            f"/admin/pages/{pk}/revisions/{page.latest_revision_id}/revert/",
            f"/admin/pages/add/directory/productpage/{pk}/",
        ]:
            assert_denied(editor_client.post(url, {"title": "篡改"}))
    for page in (side_b.enterprise, side_b.product, side_b.draft):
        page.refresh_from_db()
        assert page.title != "篡改" and page.draft_title != "篡改"
        assert not page.locked


def test_the_same_views_work_on_the_editors_own_pages(editor_client, side_a):
    for page in (side_a.enterprise, side_a.product, side_a.draft):
        for url in [
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.pk}/history/",
            f"/admin/pages/{page.pk}/revisions/{page.latest_revision_id}/view/",
            f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
        ]:
            assert editor_client.get(url).status_code == 200, url
    add = f"/admin/pages/add/directory/productpage/{side_a.enterprise.pk}/"
    assert editor_client.get(add).status_code == 200
