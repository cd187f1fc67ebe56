"""The interface in Chinese by default and in English by choice; content as entered."""

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def test_the_switch_remembers_english_and_goes_back(client):
    response = client.get("/language/en/?next=/catalogs/")
    assert response.status_code == 302 and response["Location"] == "/catalogs/"
    assert response.cookies[COOKIE].value == "en"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    response = client.get("/language/zh-hans/?next=/")
    assert response.cookies[COOKIE].value == "zh-hans"


def test_an_english_page_translates_the_interface_not_the_content(client):
    product = factories.product(title="数字乳腺X射线机", intended_use="乳腺X射线摄影检查。")
    chinese = client.get(product.url).content.decode()
    assert '<html lang="zh-hans">' in chinese and "企业与产品名录" in chinese
    assert 'href="/language/en/?next=' in chinese  # the switch is on the page
    client.cookies[COOKIE] = "en"
    english = client.get(product.url).content.decode()
    assert '<html lang="en">' in english
    for interface in ["Enterprises and products", "Skip to content", "Intended use", "Catalogs"]:
        assert interface in english
    assert "跳到正文" not in english and "适用范围" not in english
    assert "数字乳腺X射线机" in english and "乳腺X射线摄影检查。" in english  # content as entered
    assert 'href="/language/zh-hans/?next=' in english


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/enterprises/",
        "/catalogs/",
        "/events/",
        "/policies/",
        "/hospitals/",
        "/search/?q=乳腺",
    ],
)
def test_every_section_has_the_switch_in_both_languages(client, url):
    assert "/language/en/" in client.get(url).content.decode()
    client.cookies[COOKIE] = "en"
    html = client.get(url).content.decode()
    assert "/language/zh-hans/" in html and "Skip to content" in html


def test_the_browser_language_alone_never_switches(client):
    html = client.get("/catalogs/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html
    client.cookies[COOKIE] = "fr"  # an unknown choice falls back to Chinese
    assert '<html lang="zh-hans">' in client.get("/catalogs/").content.decode()


def test_the_page_cache_keeps_one_copy_per_language(client, page_cache):
    catalog = factories.catalog(title="推荐目录")
    assert "目录条目" in client.get(catalog.url).content.decode()  # cached in Chinese
    client.cookies[COOKIE] = "en"
    english = client.get(catalog.url).content.decode()
    assert "Catalog entries" in english and "目录条目" not in english  # cached in English
    del client.cookies[COOKIE]
    chinese = client.get(catalog.url).content.decode()
    assert "目录条目" in chinese and "Catalog entries" not in chinese
    client.cookies[COOKIE] = "en"
    assert "Catalog entries" in client.get(catalog.url).content.decode()


@pytest.mark.parametrize(
    ("url", "status", "location"),
    [
        ("/language/fr/", 400, None),
        ("/language/en/?next=https://evil.example/", 302, "/"),
        ("/language/en/?next=//evil.example/", 302, "/"),
        ("/language/en/", 302, "/"),
    ],
)
def test_bad_switches_are_refused_or_stay_on_the_site(client, url, status, location):
    response = client.get(url)
    assert response.status_code == status
    if location:
        assert response["Location"] == location
    else:
        assert "不支持该语言" in response.content.decode()
        assert COOKIE not in response.cookies


def test_english_shows_no_draft_or_private_page(client):
    draft = factories.product(title="草稿产品", live=False)
    client.cookies[COOKIE] = "en"
    assert client.get(f"/language/en/?next={draft.url}").status_code == 302
    assert "草稿产品" not in client.get("/enterprises/").content.decode()
    assert "草稿产品" not in client.get(draft.get_parent().url).content.decode()


def test_the_not_found_page_speaks_the_chosen_language(client):
    assert "页面未找到" in client.get("/no-such-page/").content.decode()
    client.cookies[COOKIE] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()
