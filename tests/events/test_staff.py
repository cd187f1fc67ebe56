import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from events.models import EventStatus, Registration, RegistrationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def add_registrations(event, count, status=RegistrationStatus.CONFIRMED, start=0):
    return [
        Registration.objects.create(
            event=event,
            name=f"参会者{n}",
            organisation=f"单位{n}",
            role="enterprise",
            phone=f"1390000{n:04d}",
            email=f"r{n}@example.com",
            consent_at=timezone.now(),
            status=status,
        )
        for n in range(start, start + count)
    ]


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def event():
    event = factories.event(title="对接会", registration_enabled=True, capacity=3)
    add_registrations(event, 3)
    add_registrations(event, 2, RegistrationStatus.WAITING, start=3)
    add_registrations(event, 1, RegistrationStatus.CANCELLED, start=5)
    return event


def test_summary_counts_per_event(staff, event):
    Registration.objects.filter(pk=Registration.objects.first().pk).update(
        checked_in_at=timezone.now()
    )
    response = staff.get("/admin/events/registrations/")
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index("对接会") :]
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:7]]
    assert cells[2:6] == ["3", "2", "1", "1"]


def test_list_filters_by_event_and_exports_csv_and_xlsx(staff, event):
    other = factories.event(title="另一活动", registration_enabled=True)
    add_registrations(other, 1, start=50)
    response = staff.get(f"/admin/registrations/?event={event.pk}&export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(rows) == 6
    assert {row["姓名"] for row in rows} >= {"参会者0", "参会者5"}
    assert "参会者50" not in {row["姓名"] for row in rows}
    response = staff.get(f"/admin/registrations/?event={event.pk}&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    values = [cell.value for cell in sheet[1]]
    assert "报名编号" in values and sheet.max_row == 7


def test_check_in_list_has_a_qr_per_confirmed_attendee_and_checks_in(staff, event):
    response = staff.get(f"/admin/events/{event.pk}/check-in/")
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    confirmed = Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
    assert html.count('class="segno"') == 3
    for registration in confirmed:
        assert registration.reference in html
    assert "参会者3" not in html  # waiting
    first = confirmed.first()
    staff.post(f"/admin/events/{event.pk}/check-in/", {"reference": first.reference.lower()})
    first.refresh_from_db()
    assert first.checked_in_at is not None
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING).first()
    response = staff.post(
        f"/admin/events/{event.pk}/check-in/", {"reference": waiting.reference}, follow=True
    )
    assert "未找到报名编号" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_registrations_are_for_staff_only(client, django_user_model, event):
    assert client.get("/admin/events/registrations/").status_code == 302
    assert client.get(f"/admin/events/{event.pk}/check-in/").status_code == 302
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (
        "/admin/events/registrations/",
        f"/admin/events/{event.pk}/check-in/",
        "/admin/registrations/?export=csv",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "参会者0" not in response.content.decode()
    # The public never sees names: not on the event page, its feeds or the API.
    client.logout()
    for url in (
        event.url,
        event.url + "calendar.ics",
        "/api/v1/events/",
        f"/api/v1/events/{event.pk}/",
    ):
        assert "参会者0" not in client.get(url).content.decode()


def test_purge_deletes_registrations_days_after_the_event_only(event):
    old = factories.event(
        starts_at=timezone.now() - datetime.timedelta(days=40), registration_enabled=True
    )
    recent = factories.event(
        starts_at=timezone.now() - datetime.timedelta(days=5), registration_enabled=True
    )
    pending = factories.event(
        starts_at=timezone.now() - datetime.timedelta(days=60),
        status=EventStatus.POSTPONED,
        registration_enabled=True,
    )
    add_registrations(old, 2, start=100)
    add_registrations(recent, 2, start=200)
    add_registrations(pending, 1, start=300)
    out = io.StringIO()
    call_command("purge_registrations", "--days", "30", "--dry-run", stdout=out)
    assert "将删除 2 条" in out.getvalue()
    assert Registration.objects.filter(event=old).count() == 2
    call_command("purge_registrations", "--days", "30", stdout=io.StringIO())
    assert not Registration.objects.filter(event=old).exists()
    assert Registration.objects.filter(event=recent).count() == 2
    assert Registration.objects.filter(event=pending).count() == 1
    assert Registration.objects.filter(event=event).count() == 6
