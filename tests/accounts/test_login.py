"""Login lock-out per account and address, and sessions that end when the
password changes."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "Zhongshan-2026-device"
WITH_LOCKOUT = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]


@pytest.fixture
def lockout(settings):
    settings.AUTHENTICATION_BACKENDS = WITH_LOCKOUT


def login(client, username, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_repeated_failures_lock_the_account_at_that_address(client, lockout, settings):
    User.objects.create_user("editor@example.com", "editor@example.com", PASSWORD)
    User.objects.create_user("other@example.com", "other@example.com", PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor@example.com", "wrong").status_code == 200
    assert login(client, "editor@example.com", "wrong").status_code == 429

    # Now even the right password is refused.
    response = login(client, "editor@example.com", PASSWORD)
    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()
    assert "_auth_user_id" not in client.session

    # Another account from the same address, and the same account from
    # another address, are not locked.
    assert login(Client(), "other@example.com", PASSWORD).status_code == 302
    assert login(Client(), "editor@example.com", PASSWORD, "10.0.0.2").status_code == 302


def test_a_password_change_ends_every_other_session():
    user = User.objects.create_user("editor@example.com", "editor@example.com", PASSWORD)
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(user)
    user.is_superuser = True
    user.save()
    assert first.get("/admin/").status_code == 200
    user.set_password("A-new-password-2026")
    user.save()
    response = second.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
