"""Following a search: /search/feed/ is an Atom feed of its new and changed
results, on both engines, through the visibility rule."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db


def feed(client, params, status=200):
    response = client.get("/search/feed/", params)
    assert response.status_code == status, response.content
    if status != 200:
        return response
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def set_dates(page, published, updated=None):
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=updated or published
    )


def test_the_feed_lists_matching_results_newest_first_by_publish_or_update(client, search_engine):
    now = timezone.now()
    old = factories.product(title="血压计旧款")
    changed = factories.product(title="血压计改版款")
    new = factories.product(title="血压计新款")
    factories.product(title="无关的牙科手机")
    set_dates(old, now - datetime.timedelta(days=30))
    set_dates(changed, now - datetime.timedelta(days=20), now - datetime.timedelta(hours=1))
    set_dates(new, now - datetime.timedelta(days=2))
    search_engine.sync()

    parsed = feed(client, {"q": "血压计", "kind": "product"})
    assert [e.title for e in parsed.entries] == [
        "【产品】血压计改版款",
        "【产品】血压计新款",
        "【产品】血压计旧款",
    ]
    first = parsed.entries[0]
    assert first.link.endswith(changed.url)
    assert first.updated_parsed > first.published_parsed
    assert "血压计" in parsed.feed.title and "产品" in parsed.feed.title
    assert parsed.feed.link.endswith("/search/?q=%E8%A1%80%E5%8E%8B%E8%AE%A1&kind=product")

    assert [e.title for e in feed(client, {"q": "血压计", "kind": "enterprise"}).entries] == []


@pytest.mark.parametrize("hide", ["draft", "private", "unpublished", "private section"])
def test_a_hidden_page_never_appears_in_the_feed(client, search_engine, hide):
    factories.product(title="公开监护仪")
    secret = factories.product(title="机密监护仪", live=hide != "draft")
    if hide == "private":
        PageViewRestriction.objects.create(page=secret, restriction_type="login")
    elif hide == "private section":
        PageViewRestriction.objects.create(page=secret.get_parent(), restriction_type="login")
    elif hide == "unpublished":
        secret.unpublish()
    search_engine.sync()
    response = client.get("/search/feed/", {"q": "监护仪"})
    assert "机密" not in response.content.decode()
    assert [e.title for e in feedparser.parse(response.content).entries] == ["【产品】公开监护仪"]


def test_a_page_hidden_since_indexing_drops_out_at_once(client, search_engine):
    """The index may lag (Elasticsearch is pushed after commit); the feed
    asks the visibility rule again when it is read."""
    product = factories.product(title="刚撤下的监护仪")
    search_engine.sync()
    PageViewRestriction.objects.create(page=product, restriction_type="login")
    assert feed(client, {"q": "监护仪"}).entries == []


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 500},
        {"q": "监护\x00仪"},
        {"kind": "nonsense"},
        {"sort": "random"},
        {"page": "abc"},
        {"page_size": "-3"},
        {"device_class": "<script>"},
    ],
)
def test_bad_parameters_get_a_chinese_400(client, search_engine, params):
    response = feed(client, params, status=400)
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert any("\u4e00" <= char <= "\u9fff" for char in body), body


def test_a_search_with_no_results_is_an_empty_feed(client, search_engine):
    search_engine.sync()
    assert feed(client, {"q": "火箭发动机"}).entries == []


def test_the_search_page_links_its_feed(client, search_engine):
    factories.product(title="监护仪甲")
    search_engine.sync()
    response = client.get("/search/", {"q": "监护仪", "kind": "product", "page": "1"})
    tree = lxml_html.fromstring(response.content.decode())
    (link,) = tree.xpath('//link[@rel="alternate"][@type="application/atom+xml"]')
    assert link.get("href") == "/search/feed/?q=%E7%9B%91%E6%8A%A4%E4%BB%AA&kind=product"
    assert tree.xpath('//a[@class="results__feed"]/@href') == [link.get("href")]
    assert [e.title for e in feed(client, {"q": "监护仪", "kind": "product"}).entries] == [
        "【产品】监护仪甲"
    ]
