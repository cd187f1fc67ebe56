"""Events in public search, on both engines (fixtures from tests/search)."""

import pytest
from wagtail.models import PageViewRestriction

from events.models import EventPage, EventType
from tests import factories
from tests.search.conftest import elasticsearch_url, search_engine  # noqa: F401
from tests.search.helpers import facet, search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(search_engine):  # noqa: F811
    maker = factories.enterprise(title="宁波杜比医疗科技有限公司", region="慈溪市")
    device = factories.product(maker, title="数字乳腺X射线机")
    summit = factories.event(
        title="首届医工合作高峰会",
        event_type=EventType.SUMMIT,
        venue="中山纪念图书馆",
        organisers="中山市卫生健康局",
        region="中山市",
    )
    matchmaking = factories.event(title="慈溪医企对接会", region="慈溪市")
    matchmaking = EventPage.objects.get(pk=matchmaking.pk)
    matchmaking.enterprises.set([maker])
    matchmaking.products.set([device])
    matchmaking.save_revision().publish()
    factories.event(title="草稿对接会图书馆", live=False, venue="中山纪念图书馆")
    private = factories.event(title="内部培训图书馆", venue="中山纪念图书馆")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    search_engine.sync()
    return summit, matchmaking


def test_events_are_found_by_venue_and_organisers_as_kind_event(events, search_engine):  # noqa: F811
    assert titles(search(q="纪念图书馆", kind="event")) == ["首届医工合作高峰会"]
    assert titles(search(q="卫生健康局", kind="event")) == ["首届医工合作高峰会"]
    assert facet(search(q="纪念图书馆"), "kind") == {"event": 1}


def test_events_are_found_by_what_they_presented(events, search_engine):  # noqa: F811
    assert titles(search(q="乳腺X射线", kind="event")) == ["慈溪医企对接会"]
    assert "慈溪医企对接会" in titles(search(q="杜比医疗"))


def test_event_type_and_region_facets(events, search_engine):  # noqa: F811
    response = search(q="会", kind="event")
    assert facet(response, "event_type") == {"summit": 1, "matchmaking": 1}
    assert titles(search(q="会", kind="event", event_type="summit")) == ["首届医工合作高峰会"]


def test_search_page_and_api_list_events(events, search_engine, client):  # noqa: F811
    summit, _ = events
    html = client.get("/search/", {"q": "高峰会", "kind": "event"}).content.decode()
    # Result links go through the click counter, which redirects to the page.
    assert f'href="/search/go/{summit.pk}/?t=' in html and ">活动<" in html
    data = client.get("/api/search/", {"q": "高峰会", "kind": "event"}).json()
    assert [item["title"] for item in data["results"]] == ["首届医工合作高峰会"]
    assert data["results"][0]["event_type_label"] == "高峰会"


def test_unpublished_event_leaves_search(events, search_engine):  # noqa: F811
    summit, _ = events
    EventPage.objects.get(pk=summit.pk).unpublish()
    search_engine.sync()
    assert titles(search(q="纪念图书馆", kind="event")) == []
