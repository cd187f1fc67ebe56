import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventStatus, Registration, RegistrationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(n=1, **overrides):
    data = {
        "name": f"张三{n}",
        "organisation": "中山市人民医院",
        "role": "hospital",
        "phone": f"1380000{n:04d}",
        "email": f"person{n}@example.com",
        "needs": "了解数字乳腺X射线机",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def open_event():
    return factories.event(title="医企对接会", registration_enabled=True, capacity=2)


def register(client, event, n=1, **overrides):
    return client.post(event.url + "register/", form_data(n, **overrides))


def test_register_confirms_with_reference_and_email_with_cancel_link(client, open_event):
    response = register(client, open_event)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "报名成功" in html and registration.reference in html
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    (message,) = mail.outbox
    assert message.to == ["person1@example.com"]
    assert "报名成功" in message.subject and registration.reference in message.body
    assert f"register/{registration.cancel_token}/" in message.body


def test_full_event_puts_people_on_the_waiting_list_in_order(client, open_event):
    for n in range(1, 5):
        assert register(client, open_event, n).status_code == 302
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    fourth = Registration.objects.order_by("pk").last()
    assert fourth.waiting_position() == 2
    html = client.get(f"{open_event.url}register/{fourth.cancel_token}/").content.decode()
    assert "已加入候补名单" in html and "第 2 位" in html
    assert "已加入候补名单" in mail.outbox[-1].subject and "第 2 位" in mail.outbox[-1].body


def test_cancelling_frees_the_seat_and_promotes_the_first_waiting(client, open_event):
    for n in range(1, 5):
        register(client, open_event, n)
    first, _, third, fourth = Registration.objects.order_by("pk")
    mail.outbox.clear()
    response = client.post(f"{open_event.url}register/{first.cancel_token}/")
    assert response.status_code == 302
    first.refresh_from_db(), third.refresh_from_db(), fourth.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED and first.cancelled_at
    assert third.status == RegistrationStatus.CONFIRMED
    assert fourth.status == RegistrationStatus.WAITING and fourth.waiting_position() == 1
    recipients = {m.to[0]: m for m in mail.outbox}
    assert "报名已取消" in recipients["person1@example.com"].subject
    assert "候补转为报名成功" in recipients["person3@example.com"].subject
    assert third.reference in recipients["person3@example.com"].body
    # Cancelling twice changes nothing and promotes no one else.
    client.post(f"{open_event.url}register/{first.cancel_token}/")
    fourth.refresh_from_db()
    assert fourth.status == RegistrationStatus.WAITING


@pytest.mark.parametrize("field", ["phone", "email"])
def test_duplicate_is_refused_politely_and_the_earlier_link_resent(client, open_event, field):
    register(client, open_event, 1)
    mail.outbox.clear()
    other = form_data(2)
    other[field] = form_data(1)[field].upper() if field == "email" else form_data(1)[field]
    response = client.post(open_event.url + "register/", other)
    assert response.status_code == 409
    html = response.content.decode()
    assert "已报名本活动" in html and "重新发送" in html
    assert Registration.objects.count() == 1
    (message,) = mail.outbox
    assert message.to == ["person1@example.com"]


def test_a_cancelled_registrant_may_register_again(client, open_event):
    register(client, open_event, 1)
    client.post(f"{open_event.url}register/{Registration.objects.get().cancel_token}/")
    assert register(client, open_event, 1).status_code == 302
    assert Registration.objects.active().count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"phone": "12345"}, "请输入有效的联系电话"),
        ({"email": "not-an-email"}, "请输入有效的电子邮箱"),
        ({"consent": ""}, "请阅读并同意个人信息的使用说明"),
        ({"name": ""}, "此项为必填项"),
        ({"role": "boss"}, "请选择有效的选项"),
        ({"needs": "长" * 1001}, "内容过长"),
        ({"organisation": "单位" * 100}, "内容过长"),
    ],
)
def test_bad_input_is_a_chinese_message_and_saves_nothing(client, open_event, overrides, message):
    response = register(client, open_event, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_phone_shapes_are_normalised(client, open_event):
    register(client, open_event, 1, phone="+86 138-0000-0001")
    register(client, open_event, 2, phone="0760-88000000")
    assert set(Registration.objects.values_list("phone", flat=True)) == {
        "13800000001",
        "0760-88000000",
    }


def test_honeypot_filled_saves_nothing(client, open_event):
    response = register(client, open_event, website="http://spam.example")
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_rate_limit_per_address(client, open_event, settings):
    settings.EVENT_REGISTRATION_RATE = (3, 600)
    for n in range(3):
        client.post(
            open_event.url + "register/", form_data(n + 10, phone="bad"), REMOTE_ADDR="192.0.2.1"
        )
    response = client.post(open_event.url + "register/", form_data(20), REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert not Registration.objects.exists()
    other = client.post(open_event.url + "register/", form_data(21), REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"registration_deadline": timezone.now() - datetime.timedelta(hours=1)}, "报名已截止"),
        ({"status": EventStatus.CANCELLED}, "活动已取消"),
    ],
)
def test_closed_registration_says_why_and_refuses(client, fields, reason):
    event = factories.event(registration_enabled=True, **fields)
    assert reason in client.get(event.url + "register/").content.decode()
    response = register(client, event)
    assert response.status_code == 409
    assert reason in response.content.decode()
    assert not Registration.objects.exists()


def test_past_event_registration_is_closed(client):
    event = factories.event(
        registration_enabled=True, starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    assert register(client, event).status_code == 409


def test_register_route_is_404_unless_enabled_and_public(client, site_tree):
    assert client.get(factories.event().url + "register/").status_code == 404
    draft = factories.event(registration_enabled=True, live=False)
    assert client.get(f"/events/{draft.slug}/register/").status_code == 404
    assert client.post(f"/events/{draft.slug}/register/", form_data()).status_code == 404
    private = factories.event(registration_enabled=True)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(private.url + "register/").status_code == 404
    assert client.post(private.url + "register/", form_data()).status_code == 404
    assert not Registration.objects.exists()


def test_registration_page_needs_its_secret_token(client, open_event):
    register(client, open_event)
    assert client.get(f"{open_event.url}register/{'x' * 32}/").status_code == 404
    other = factories.event(registration_enabled=True)
    token = Registration.objects.get().cancel_token
    assert client.get(f"{other.url}register/{token}/").status_code == 404


def test_form_is_private_and_never_cached(client, open_event, settings):
    settings.MIDDLEWARE = ["core.page_cache.AnonymousPageCacheMiddleware", *settings.MIDDLEWARE]
    first = client.get(open_event.url + "register/")
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', first.content).group(1)
    client.cookies.clear()
    second = client.get(open_event.url + "register/")
    assert token not in second.content


def test_event_page_shows_seats_and_links_the_form(client, open_event):
    html = client.get(open_event.url).content.decode()
    assert "剩余名额 2 个" in html and f'href="{open_event.url}register/"' in html
    for n in range(1, 3):
        register(client, open_event, n)
    assert "加入候补名单" in client.get(open_event.url).content.decode()


def test_oversized_submission_is_a_400_not_a_500(client, open_event, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = register(client, open_event, needs="长" * 20_000)
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_cached_event_page_shows_the_seats_left_after_a_registration(
    client, open_event, settings, django_capture_on_commit_callbacks
):
    settings.MIDDLEWARE = ["core.page_cache.AnonymousPageCacheMiddleware", *settings.MIDDLEWARE]
    assert "剩余名额 2 个" in client.get(open_event.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        register(client, open_event)
    client.cookies.clear()
    assert "剩余名额 1 个" in client.get(open_event.url).content.decode()
