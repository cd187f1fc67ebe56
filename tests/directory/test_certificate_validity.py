"""注册证有效期至 and 生产许可证有效期至: the date, days left within 90 days,
or 已过期, on the public pages."""

import datetime

import pytest
from django.utils import timezone

from directory.models.product import validity_note
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_note_counts_down_the_last_ninety_days():
    today = datetime.date(2026, 11, 25)
    assert validity_note(None, today) == ""
    assert validity_note(datetime.date(2027, 6, 1), today) == ""
    assert validity_note(datetime.date(2027, 2, 23), today) == "还剩 90 天"
    assert validity_note(today, today) == "还剩 0 天"
    assert validity_note(datetime.date(2026, 11, 24), today) == "已过期"


def test_public_pages_show_the_dates_and_their_state(client):
    today = timezone.localdate()
    enterprise = factories.enterprise(licence_valid_until=today - datetime.timedelta(days=1))
    product = factories.product(
        enterprise, certificate_valid_until=today + datetime.timedelta(days=30)
    )
    body = client.get(product.url).content.decode()
    assert "注册证有效期至" in body and "还剩 30 天" in body
    body = client.get(enterprise.url).content.decode()
    assert "生产许可证有效期至" in body and "已过期" in body
