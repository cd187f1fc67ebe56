import pytest
from django.contrib.auth.models import User

from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_cached_until_a_change_commits(
    page_cache, client, django_capture_on_commit_callbacks
):
    product = factories.product(title="缓存测试乳腺机")
    assert "缓存测试乳腺机" in client.get(product.url).content.decode()

    # Written behind the page's back: the cached copy is still served.
    type(product).objects.filter(pk=product.pk).update(title="未经发布的改动")
    assert "缓存测试乳腺机" in client.get(product.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        product.title = "已发布的新标题"
        product.save_revision().publish()
    assert "已发布的新标题" in client.get(product.url).content.decode()


def test_signed_in_users_and_other_paths_bypass_the_cache(page_cache, client, settings):
    settings.CACHE_BY_CONTENT_VERSION = False  # the page fragments serve them (see core's tests)
    product = factories.product(title="登录用户看到的标题")
    client.get(product.url)
    type(product).objects.filter(pk=product.pk).update(title="直接写入的标题")
    user = User.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    assert "直接写入的标题" in client.get(product.url).content.decode()


def test_not_found_pages_are_not_cached(page_cache, client, django_capture_on_commit_callbacks):
    enterprise = factories.enterprise()
    url = enterprise.url + "later/"
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        factories.product(enterprise, title="稍后发布", slug="later")
    assert client.get(url).status_code == 200


def test_the_kept_site_root_follows_a_published_home_page(
    page_cache, client, django_capture_on_commit_callbacks
):
    from home.models import HomePage

    assert client.get("/").status_code == 200
    home = HomePage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        home.introduction = "首页导语已更新"
        home.save_revision().publish()
    client.cookies.clear()
    assert "首页导语已更新" in client.get("/").content.decode()
