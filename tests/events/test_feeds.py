import datetime

import feedparser
import icalendar
import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventIndexPage, EventPage, EventStatus, EventType
from tests import factories

pytestmark = pytest.mark.django_db


def index_url():
    return EventIndexPage.objects.get().url


def parse_ics(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def republish(page, **changes):
    page = EventPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def test_event_ics_parses_back_in_shanghai_time(client):
    start = datetime.datetime(2030, 3, 1, 1, 30, tzinfo=datetime.UTC)
    event = factories.event(title="医企对接会", starts_at=start, venue="中山纪念图书馆")
    calendar = parse_ics(client.get(event.url + "calendar.ics"))
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    (vevent,) = calendar.walk("VEVENT")
    dtstart = vevent.decoded("DTSTART")
    assert str(dtstart.tzinfo) == "Asia/Shanghai"
    assert (dtstart.hour, dtstart.minute) == (9, 30)
    assert dtstart == start
    assert str(vevent["LOCATION"]) == "中山纪念图书馆"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in vevent
    assert b"TZID=Asia/Shanghai" in client.get(event.url + "calendar.ics").content


def test_uid_is_stable_and_sequence_rises_with_each_change(client):
    event = factories.event(title="高峰会")
    first = parse_ics(client.get(event.url + "calendar.ics")).walk("VEVENT")[0]
    changed = republish(event, venue="新会场")
    second = parse_ics(client.get(changed.url + "calendar.ics")).walk("VEVENT")[0]
    assert str(second["UID"]) == str(first["UID"])
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    # Saving a draft changes nothing the public sees, the sequence neither.
    EventPage.objects.get(pk=event.pk).save_revision()
    third = parse_ics(client.get(changed.url + "calendar.ics")).walk("VEVENT")[0]
    assert int(third["SEQUENCE"]) == int(second["SEQUENCE"])


def test_cancelled_event_is_status_cancelled_and_postponed_uses_new_time(client):
    event = factories.event(title="将取消的培训")
    cancelled = republish(event, status=EventStatus.CANCELLED, status_reason="报名不足")
    vevent = parse_ics(client.get(cancelled.url + "calendar.ics")).walk("VEVENT")[0]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "报名不足" in str(vevent["DESCRIPTION"])
    new_start = timezone.now() + datetime.timedelta(days=40)
    postponed = factories.event(
        title="延期展会",
        status=EventStatus.POSTPONED,
        new_starts_at=new_start,
        new_ends_at=new_start + datetime.timedelta(hours=2),
    )
    vevent = parse_ics(client.get(postponed.url + "calendar.ics")).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == new_start.replace(microsecond=0)


def test_calendar_feeds_list_upcoming_public_events_all_and_by_type(client, site_tree):
    factories.event(title="培训甲", event_type=EventType.TRAINING)
    factories.event(title="对接会乙", event_type=EventType.MATCHMAKING)
    factories.event(
        title="往期培训",
        event_type=EventType.TRAINING,
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )
    factories.event(title="草稿培训", event_type=EventType.TRAINING, live=False)
    private = factories.event(title="内部培训", event_type=EventType.TRAINING)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    everything = vevents(parse_ics(client.get(index_url() + "calendar.ics")))
    assert set(everything) == {"培训甲", "对接会乙"}
    training = vevents(parse_ics(client.get(index_url() + "calendar/training.ics")))
    assert set(training) == {"培训甲"}
    assert client.get(index_url() + "calendar/nonsense.ics").status_code == 404


def test_private_and_draft_event_ics_is_404(client):
    draft = factories.event(live=False)
    private = factories.event()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(private.url + "calendar.ics").status_code == 404
    assert client.get(f"{index_url()}{draft.slug}/calendar.ics").status_code == 404


def test_atom_feed_parses_back_with_public_notices_only(client, site_tree):
    factories.event(title="新通知：对接会")
    factories.event(title="取消的高峰会", status=EventStatus.CANCELLED, status_reason="天气")
    factories.event(title="草稿通知", live=False)
    private = factories.event(title="内部通知")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(index_url() + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert "新通知：对接会" in titles and "【已取消】取消的高峰会" in titles
    assert not any("草稿" in t or "内部" in t for t in titles)
    assert all(entry.id.startswith("urn:event-") for entry in feed.entries)


def test_pages_link_their_feeds(client):
    event = factories.event()
    for url in (index_url(), event.url):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert '<link rel="alternate" type="text/calendar"' in html
    assert f'href="{event.url}calendar.ics"' in client.get(event.url).content.decode()
