import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.models import EventStatus, EventType
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_event_page_shows_its_facts_in_shanghai_time(client):
    starts = datetime.datetime(2021, 12, 15, 1, 30, tzinfo=datetime.UTC)  # 09:30 in Shanghai
    event = factories.event(
        title="中山市首届医工合作高峰会",
        event_type=EventType.SUMMIT,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        venue="中山纪念图书馆",
        organisers="中山市卫生健康局、中山市工业和信息化局",
        co_organisers="中山市市场监督管理局、中山市医疗保障局",
        hosts="健康基地",
        audience="公立医疗机构与生物医药企业",
        registration_deadline=starts - datetime.timedelta(days=2),
        capacity=300,
        contact_name="示例联系人",
        contact_phone="0760-88000000",
        agenda=[("item", {"time": "09:30–10:00", "title": "开幕致辞", "speaker": "主持人"})],
    )
    html = get(client, event)
    for fact in [
        "高峰会",
        "2021年12月15日 09:30",
        "17:30",
        "中山纪念图书馆",
        "中山市卫生健康局、中山市工业和信息化局",
        "中山市市场监督管理局、中山市医疗保障局",
        "健康基地",
        "公立医疗机构与生物医药企业",
        "2021年12月13日 09:30",
        "300 人",
        "0760-88000000",
        "开幕致辞",
        "09:30–10:00",
    ]:
        assert fact in html, fact


@pytest.mark.parametrize(
    ("status", "words"),
    [(EventStatus.POSTPONED, "本活动已延期"), (EventStatus.CANCELLED, "本活动已取消")],
)
def test_postponed_and_cancelled_events_say_so_prominently(client, status, words):
    html = get(client, factories.event(status=status))
    assert words in html
    assert 'role="alert"' in html


def test_example_event_carries_the_banner(client):
    assert "示例数据，非官方信息" in get(client, factories.event(is_example=True))


def test_event_title_is_escaped(client):
    html = get(client, factories.event(title="<script>alert(1)</script>培训"))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;培训" in html


def test_event_index_splits_upcoming_and_past(client):
    upcoming = factories.event(title="即将举行的对接会")
    past_start = timezone.now() - datetime.timedelta(days=400)
    factories.event(title="往期培训班", starts_at=past_start)
    html = get(client, upcoming.get_parent())
    assert html.index("即将举行的对接会") < html.index("往期活动") < html.index("往期培训班")


def test_event_page_query_count_stays_small(client, django_assert_max_num_queries):
    event = factories.event()
    client.get(event.url)
    with django_assert_max_num_queries(18):
        assert client.get(event.url).status_code == 200
