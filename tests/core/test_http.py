"""Response policies: Content-Security-Policy, cache headers and rate limits."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    cache.clear()
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_RULES = [
        ("search", "/search/", ("GET", "HEAD"), "3/m"),
        ("api", "/api/", ("GET", "HEAD"), "3/m"),
        ("login", "/admin/login/", ("POST",), "2/m"),
    ]
    yield
    cache.clear()


def test_public_pages_carry_a_csp_without_inline_scripts(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_public_templates_have_no_inline_script_or_style(client):
    maker = factories.enterprise()
    for url in ("/", "/search/?q=测试", maker.url, "/no-such-page/"):
        html = client.get(url).content.decode()
        for tag in ("<script>", "<style", " style=", "onclick="):
            assert tag not in html, (url, tag)


def test_anonymous_pages_may_be_cached_by_browsers_and_a_cdn(client):
    response = client.get("/")
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    assert "s-maxage=300" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_search_and_api_answers_are_revalidated_every_time(client):
    for url in ("/search/?q=乳腺", "/api/search/suggest/?q=ru"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-cache" in cache_control and "s-maxage" not in cache_control, url


def test_signed_in_pages_are_private(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    assert "private" in client.get("/")["Cache-Control"]
    assert "public" not in client.get("/admin/")["Cache-Control"]


def test_search_beyond_the_rate_is_answered_429_in_chinese(client, limits):
    statuses = [client.get("/search/", {"q": "乳腺"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/search/", {"q": "乳腺"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "请求过于频繁" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_api_beyond_the_rate_is_answered_429_as_json(client, limits):
    for _ in range(3):
        assert client.get("/api/search/suggest/", {"q": "ru"}).status_code == 200
    response = client.get("/api/v1/enterprises/")
    assert response.status_code == 429
    assert response.json() == {"error": "请求过于频繁，请稍后再试。"}


def test_login_attempts_beyond_the_rate_are_answered_429(client, limits):
    get_user_model().objects.create_user("editor", password="right-password")
    for _ in range(2):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    assert response.status_code == 429
    # Showing the form is not an attempt.
    assert client.get("/admin/login/").status_code == 200


def test_limits_count_each_client_address_on_its_own(client, limits):
    for _ in range(3):
        client.get("/search/", REMOTE_ADDR="10.0.0.1")
    assert client.get("/search/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/search/", REMOTE_ADDR="10.0.0.2").status_code == 200
