"""Staff create, postpone and cancel events in the editor; bad dates come
back with the field named in Chinese and nothing saved."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventIndexPage, EventPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(User.objects.create_superuser("staff", "staff@example.com", "pw"))
    return client


def event_form(**fields):
    data = {
        "title": "后台新建对接会",
        "slug": "admin-event",
        "event_type": "matchmaking",
        "status": "scheduled",
        "starts_at": "2030-05-10 09:30",
        "ends_at": "2030-05-10 17:00",
        "body": rich_text(""),
        "agenda": streamfield([]),
        "attachments": inline_formset([]),
        "follow_ups": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


def add_url():
    return f"/admin/pages/add/events/eventpage/{EventIndexPage.objects.get().pk}/"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"ends_at": "2030-05-09 09:00"}, "ends_at", "结束时间不能早于开始时间"),
        (
            {"registration_deadline": "2030-06-01 00:00"},
            "registration_deadline",
            "报名截止时间不能晚于活动结束时间",
        ),
        (
            {"new_starts_at": "2030-06-01 09:00"},
            "new_starts_at",
            "只有状态为“延期”的活动才能填写新时间",
        ),
        (
            {
                "status": "postponed",
                "new_starts_at": "2030-06-01 09:00",
                "new_ends_at": "2030-05-01 09:00",
            },
            "new_ends_at",
            "延期后结束时间不能早于",
        ),
        ({"starts_at": "2030-13-45 99:99"}, "starts_at", ""),
        ({"capacity": "-5"}, "capacity", ""),
    ],
)
def test_bad_dates_are_refused_with_the_field_named(staff, fields, field, message):
    response = staff.post(add_url(), event_form(**fields))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in errors[field][0]
    assert not EventPage.objects.filter(slug="admin-event").exists()


def test_staff_publish_then_postpone_with_reason_and_new_time(staff, client):
    response = staff.post(
        add_url(), event_form(region="中山市", registration_enabled="on", capacity="50")
    )
    assert response.status_code == 302
    event = EventPage.objects.get(slug="admin-event")
    assert event.live and event.region == "中山市" and event.sequence == 0
    edit = event_form(
        status="postponed",
        status_reason="场地调整",
        new_starts_at="2030-06-01 09:30",
        new_ends_at="2030-06-01 17:00",
    )
    assert staff.post(f"/admin/pages/{event.pk}/edit/", edit).status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1 and event.status_reason == "场地调整"
    client.logout()
    html = client.get(event.url).content.decode()
    assert "本活动已延期" in html and "场地调整" in html and "2030年6月1日 09:30" in html


def test_scheduled_publishing_goes_live_with_publish_scheduled(staff):
    go_live = timezone.localtime() + datetime.timedelta(hours=1)
    data = event_form(go_live_at=go_live.strftime("%Y-%m-%d %H:%M:%S"))
    assert staff.post(add_url(), data).status_code == 302
    event = EventPage.objects.get(slug="admin-event")
    assert not event.live
    call_command("publish_scheduled")
    event.refresh_from_db()
    assert not event.live
    # As if the hour had passed (rather than sleeping in the test).
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision = Revision.objects.get(object_id=str(event.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    event.refresh_from_db()
    assert event.live


def test_events_index_and_new_event_open_in_the_editor(staff):
    for page in (EventIndexPage.objects.get(), factories.event()):
        assert staff.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert staff.get(add_url()).status_code == 200
