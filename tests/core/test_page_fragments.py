"""The page fragment cache: shared by every visitor, fresh after every
announced change, never holding a draft, a form or live state."""

import re

import pytest
from django.contrib.auth.models import User

from tests import factories
from tests.events.test_registration import register

pytestmark = pytest.mark.django_db


def heading(response):
    return re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1)


def behind_the_hook(page, **fields):
    """Write to a page without announcing it: only a cached rendering shows the old value."""
    type(page).objects.filter(pk=page.pk).update(**fields)


def test_signed_in_visitors_share_the_rendering_until_a_change_commits(
    content_caches, client, django_capture_on_commit_callbacks
):
    product = factories.product(title="片段缓存乳腺机")
    client.force_login(User.objects.create_superuser("staff", "staff@example.com", "pw"))
    assert heading(client.get(product.url)) == "片段缓存乳腺机"

    behind_the_hook(product, title="未经发布的改动")
    assert heading(client.get(product.url)) == "片段缓存乳腺机"

    with django_capture_on_commit_callbacks(execute=True):
        product.refresh_from_db()
        product.title = "已发布的新标题"
        product.save_revision().publish()
    assert heading(client.get(product.url)) == "已发布的新标题"


def test_a_preview_neither_reads_nor_fills_the_cache(content_caches, client):
    product = factories.product(title="公开的标题")
    draft = type(product).objects.get(pk=product.pk)
    draft.title = "草稿标题"
    revision = draft.save_revision()

    preview = revision.as_object().make_preview_request()
    assert "草稿标题" in preview.content.decode()
    assert heading(client.get(product.url)) == "公开的标题"
    preview = revision.as_object().make_preview_request()
    assert "草稿标题" in preview.content.decode()
    assert heading(client.get(product.url)) == "公开的标题"


def test_pages_hidden_by_a_committed_change_stop_being_served(
    content_caches, client, django_capture_on_commit_callbacks
):
    enterprise = factories.enterprise()
    product = factories.product(enterprise, title="将被隐藏的产品")
    assert client.get(product.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        enterprise.unpublish()
    assert client.get(product.url).status_code == 404
    assert client.get(enterprise.url).status_code == 404


def test_each_query_string_is_rendered_for_itself(content_caches, client):
    from directory.models import DirectoryIndexPage

    index = DirectoryIndexPage.objects.get()
    for number in range(31):
        factories.enterprise(title=f"分页企业{number:02d}")
    first = client.get(index.url).content.decode()
    second = client.get(index.url, {"page": 2}).content.decode()
    assert "分页企业00" in first and "分页企业00" not in second
    assert "分页企业30" in second and "分页企业30" not in first


@pytest.fixture
def open_event():
    return factories.event(title="片段缓存对接会", registration_enabled=True, capacity=2)


def test_free_seats_are_counted_on_every_request(content_caches, client, open_event):
    assert "剩余名额 2 个" in client.get(open_event.url).content.decode()
    behind_the_hook(open_event, summary="未经发布的摘要")
    # A registration commits nothing in a rolled-back test, so the version stays:
    # only the live part of the page can show the seat it took.
    assert register(client, open_event).status_code == 302
    html = client.get(open_event.url).content.decode()
    assert "剩余名额 1 个" in html and "未经发布的摘要" not in html


def test_a_form_on_a_sub_route_keeps_its_own_csrf_token(content_caches, client, open_event):
    token = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
    first = token.search(client.get(open_event.url + "register/").content).group(1)
    client.cookies.clear()
    second = token.search(client.get(open_event.url + "register/").content).group(1)
    assert first != second


@pytest.mark.parametrize("restricted", ["enterprise", "product"])
def test_a_restriction_added_later_is_asked_for_before_any_cached_part(
    content_caches, client, django_capture_on_commit_callbacks, restricted
):
    from wagtail.models import PageViewRestriction

    enterprise = factories.enterprise()
    product = factories.product(enterprise, title="稍后加密码的产品")
    assert heading(client.get(product.url)) == "稍后加密码的产品"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=enterprise if restricted == "enterprise" else product,
            restriction_type=PageViewRestriction.PASSWORD,
            password="s3cret",
        )
    html = client.get(product.url).content.decode()
    assert "稍后加密码的产品" not in html and 'name="password"' in html
