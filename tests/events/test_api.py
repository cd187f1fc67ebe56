import datetime

import pytest
from django.utils import timezone

from events.models import EventStatus, EventType
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    now = timezone.now()
    return {
        "summit": factories.event(
            title="医工合作高峰会",
            event_type=EventType.SUMMIT,
            starts_at=now - datetime.timedelta(days=400),
            venue="中山纪念图书馆",
        ),
        "meeting": factories.event(
            title="医企对接会",
            event_type=EventType.MATCHMAKING,
            starts_at=now + datetime.timedelta(days=20),
        ),
        "training": factories.event(
            title="UDI 培训",
            event_type=EventType.TRAINING,
            status=EventStatus.POSTPONED,
            starts_at=now + datetime.timedelta(days=5),
        ),
        "draft": factories.event(title="草稿活动", live=False),
    }


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def test_list_is_live_only_newest_first(client, events):
    assert titles(client.get("/api/v1/events")) == ["医企对接会", "UDI 培训", "医工合作高峰会"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("event_type=summit", ["医工合作高峰会"]),
        ("status=postponed", ["UDI 培训"]),
        ("upcoming=true", ["UDI 培训", "医企对接会"]),
        ("upcoming=false", ["医工合作高峰会"]),
        ("q=对接", ["医企对接会"]),
    ],
)
def test_filters(client, events, query, expected):
    assert titles(client.get(f"/api/v1/events?{query}")) == expected


@pytest.mark.parametrize(
    "query", ["event_type=party", "status=x", "upcoming=yes", "page_size=1000", "page=-2"]
)
def test_bad_parameters_are_400(client, events, query):
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 400
    assert "参数" in response.json()["error"]


def test_detail_has_times_in_shanghai_and_drafts_are_404(client, events):
    data = client.get(f"/api/v1/events/{events['summit'].pk}").json()
    assert data["venue"] == "中山纪念图书馆"
    assert data["starts_at"].endswith("+08:00")
    assert data["event_type_label"] == "高峰会"
    assert client.get(f"/api/v1/events/{events['draft'].pk}").status_code == 404
    assert client.get("/api/v1/events/0").status_code == 404


def test_pagination(client, events):
    data = client.get("/api/v1/events?page_size=2&page=2").json()
    assert data["count"] == 3 and data["pages"] == 2
    assert [e["title"] for e in data["results"]] == ["医工合作高峰会"]
