import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventIndexPage, EventStatus, EventType
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def days(n):
    return timezone.now() + datetime.timedelta(days=n)


def index_html(client, query=""):
    response = client.get(EventIndexPage.objects.get().url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_upcoming_soonest_first_then_archive_newest_first(client):
    factories.event(title="下月培训", starts_at=days(30))
    factories.event(title="下周对接会", starts_at=days(7))
    factories.event(title="去年展会", starts_at=days(-365))
    factories.event(title="上月会议", starts_at=days(-30))
    html = index_html(client)
    order = ["下周对接会", "下月培训", "往期活动", "上月会议", "去年展会"]
    positions = [html.index(title) for title in order]
    assert positions == sorted(positions)


def test_archive_is_paginated_and_keeps_filters(client):
    for n in range(21):
        factories.event(
            title=f"往期培训{n:02d}", starts_at=days(-10 - n), event_type=EventType.TRAINING
        )
    html = index_html(client, "?type=training")
    assert "第 1 / 2 页" in html
    assert "type=training&amp;page=2" in html
    assert "往期培训20" not in html
    assert "往期培训20" in index_html(client, "?type=training&page=2")


def test_filters_by_type_year_and_region(client):
    factories.event(
        title="慈溪医企对接会",
        region="慈溪市",
        starts_at=datetime.datetime(2020, 11, 5, 1, tzinfo=datetime.UTC),
    )
    factories.event(
        title="中山高峰会",
        region="中山市",
        event_type=EventType.SUMMIT,
        starts_at=datetime.datetime(2021, 12, 15, 1, tzinfo=datetime.UTC),
    )
    factories.event(
        title="中山UDI培训",
        region="中山市",
        event_type=EventType.TRAINING,
        starts_at=datetime.datetime(2023, 3, 20, 1, tzinfo=datetime.UTC),
    )
    html = index_html(client, "?region=中山市")
    assert "中山高峰会" in html and "中山UDI培训" in html and "慈溪医企对接会" not in html
    html = index_html(client, "?year=2020")
    assert "慈溪医企对接会" in html and "中山高峰会" not in html
    html = index_html(client, "?type=summit&region=中山市")
    assert "中山高峰会" in html and "中山UDI培训" not in html


def test_year_is_counted_in_shanghai_time(client):
    # 2021-12-31 17:00 UTC is already 2022 in Shanghai.
    factories.event(
        title="跨年活动", starts_at=datetime.datetime(2021, 12, 31, 17, tzinfo=datetime.UTC)
    )
    factories.event(
        title="年中活动", starts_at=datetime.datetime(2021, 6, 1, 1, tzinfo=datetime.UTC)
    )
    assert "跨年活动" in index_html(client, "?year=2022")
    assert "跨年活动" not in index_html(client, "?year=2021")


@pytest.mark.parametrize(
    "query",
    ["?year=abc", "?type=<script>", "?region=无此地区", "?page=-1", "?year=99999999999999999999"],
)
def test_bad_filters_are_ignored_not_errors(client, query):
    factories.event(title="某活动")
    assert "某活动" in index_html(client, query)


def test_postponed_event_keeps_its_place_with_old_time_struck_and_new_time(client):
    old_start = datetime.datetime(2030, 5, 10, 1, 30, tzinfo=datetime.UTC)
    new_start = datetime.datetime(2030, 6, 20, 2, 0, tzinfo=datetime.UTC)
    event = factories.event(
        title="延期的对接会",
        starts_at=old_start,
        status=EventStatus.POSTPONED,
        status_reason="会场检修",
        new_starts_at=new_start,
        new_ends_at=new_start + datetime.timedelta(hours=3),
    )
    for html in (index_html(client), client.get(event.url).content.decode()):
        assert "会场检修" in html
        assert "<del" in html
        struck = html[html.index("<del") : html.index("</del>")]
        assert "2030年5月10日 09:30" in struck
        after = html[html.index("</del>") :]
        assert "2030年6月20日 10:00" in after
    # The old time is never shown outside the strike-through.
    page_html = client.get(event.url).content.decode()
    assert page_html.count("2030年5月10日 09:30") == page_html.count("<del")


def test_postponed_without_new_time_says_so_and_stays_upcoming(client):
    factories.event(
        title="时间待定的高峰会",
        starts_at=days(-3),
        status=EventStatus.POSTPONED,
        status_reason="疫情",
    )
    html = index_html(client)
    assert html.index("时间待定的高峰会") < html.index("往期活动")
    assert "新时间待定" in html


def test_cancelled_event_keeps_its_place_with_reason(client):
    event = factories.event(
        title="取消的培训",
        starts_at=days(5),
        status=EventStatus.CANCELLED,
        status_reason="报名人数不足",
    )
    factories.event(title="后面的展会", starts_at=days(6))
    html = index_html(client)
    assert html.index("取消的培训") < html.index("后面的展会") < html.index("往期活动")
    assert "报名人数不足" in html
    page = client.get(event.url).content.decode()
    assert "本活动已取消" in page and "报名人数不足" in page and "<del" in page


def test_multi_day_event_renders_as_a_range_in_shanghai_time(client):
    start = datetime.datetime(2030, 3, 1, 0, 30, tzinfo=datetime.UTC)
    event = factories.event(starts_at=start, ends_at=start + datetime.timedelta(days=2, hours=9))
    html = client.get(event.url).content.decode()
    assert "2030年3月1日 08:30</time> 至 <time" in html
    assert "2030年3月3日 17:30" in html


def test_index_lists_only_public_events(client, site_tree):
    factories.event(title="草稿活动", live=False)
    private = factories.event(title="内部活动")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    factories.event(title="公开活动")
    html = index_html(client)
    assert "公开活动" in html
    assert "草稿活动" not in html and "内部活动" not in html
    assert "内部活动" not in index_html(client, "?year=" + str(days(10).astimezone(SHANGHAI).year))


def test_home_page_lists_next_events_with_current_times(client):
    new_start = datetime.datetime(2030, 6, 20, 2, 0, tzinfo=datetime.UTC)
    factories.event(
        title="首页延期活动",
        starts_at=datetime.datetime(2030, 5, 10, 1, 30, tzinfo=datetime.UTC),
        status=EventStatus.POSTPONED,
        new_starts_at=new_start,
    )
    factories.event(title="首页草稿活动", live=False)
    html = client.get("/").content.decode()
    assert "首页延期活动" in html and "首页草稿活动" not in html
    assert "2030年6月20日 10:00" in html
    struck = html[html.index("<del") : html.index("</del>")]
    assert "2030年5月10日 09:30" in struck
