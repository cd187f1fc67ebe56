"""TOTP two-factor: staff who can publish turn it on with a real code from
their device's key; after that every new sign-in waits for a current code
before any admin page opens. Others are not offered it."""

import re
import time

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.responses import text_of

pytestmark = pytest.mark.django_db
SETUP = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"


def code_for(device, steps_ahead=0):
    """The code an authenticator app shows (`steps_ahead` 30-second steps on:
    a code once accepted is never accepted again)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def wrong_code(device):
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def turn_on(client, user):
    client.force_login(user)
    page = text_of(client.get(SETUP))
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in page and len(secret) == 32
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302, re.findall(r'role="alert">([^<]*)<', text_of(response))
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_reviewer_turns_it_on_and_then_signs_in_with_a_code(client, reviewer, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client.force_login(reviewer)
    device = TOTPDevice.objects.create(user=reviewer, confirmed=False, name="x")
    response = client.post(SETUP, {"code": wrong_code(device)})
    assert "验证码不正确或已过期" in text_of(response)
    assert client.post(SETUP, {"code": "12ab56"}).status_code == 200
    device.delete()

    device = turn_on(client, reviewer)
    assert client.get("/admin/").status_code == 200  # this session proved the code

    client.logout()
    client.force_login(reviewer)  # a new sign-in: password only, so far
    for url in ["/admin/", "/admin/pages/", "/admin/assistance/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), url
    response = client.post(VERIFY, {"code": wrong_code(device), "next": "/admin/pages/"})
    assert response.status_code == 200 and "验证码不正确或已过期" in text_of(response)
    response = client.post(VERIFY, {"code": code_for(device, 1), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_code_is_not_accepted_twice_and_guessing_is_slowed(client, reviewer):
    device = turn_on(client, reviewer)
    used = code_for(device)
    client.logout()
    client.force_login(reviewer)
    response = client.post(VERIFY, {"code": used})
    assert response.status_code == 200 and "验证码不正确或已过期" in text_of(response)
    response = client.post(VERIFY, {"code": code_for(device, 1)})  # right, but too soon
    assert "尝试次数过多" in text_of(response)
    assert client.get("/admin/").status_code == 302


def test_turning_it_off_takes_a_current_code(client, reviewer, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = turn_on(client, reviewer)
    assert "已开启" in text_of(client.get(SETUP))
    client.post(SETUP, {"code": wrong_code(device)})
    assert TOTPDevice.objects.filter(user=reviewer).exists()
    client.post(SETUP, {"code": code_for(device, 1)})
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    client.logout()
    client.force_login(reviewer)
    assert client.get("/admin/").status_code == 200


def test_verify_never_redirects_off_site(client, reviewer, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = turn_on(client, reviewer)
    client.logout()
    client.force_login(reviewer)
    response = client.post(VERIFY, {"code": code_for(device, 1), "next": "https://evil.test/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_only_staff_who_can_publish_are_offered_it(client, editor_client, reviewer):
    response = editor_client.get(SETUP)
    assert response.status_code == 403 and "可发布内容的工作人员" in text_of(response)
    assert SETUP not in text_of(editor_client.get("/admin/"))
    assert not TOTPDevice.objects.exists()
    other = User.objects.create_user("nobody-special", "n@example.com", "pw", is_staff=False)
    client.force_login(other)
    assert client.get(SETUP).status_code in {302, 403}  # no admin access at all
    client.force_login(reviewer)
    assert SETUP in text_of(client.get("/admin/"))
