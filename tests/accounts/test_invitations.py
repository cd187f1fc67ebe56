"""Invitations: the command and the admin action create an account tied to
one enterprise and a set-password link that works once and expires."""

import re
import time

import pytest
from django.contrib.auth.models import User
from django.core import mail, signing
from django.core.management import CommandError, call_command

from accounts import invitations
from accounts.models import EnterpriseAccess, Invitation
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "Zhongshan-2026-device"


def link_path(text):
    return re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", text).group(1)


def set_password(client, path, password=PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


def test_the_command_invites_prints_the_link_and_mails_it(client, capsys):
    enterprise = factories.enterprise()
    call_command("invite_enterprise_user", "Li@Example.com", enterprise=enterprise.credit_code)
    printed = capsys.readouterr().out
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["li@example.com"]
    path = link_path(printed)
    assert path == link_path(mail.outbox[0].body)

    user = User.objects.get(email="li@example.com")
    assert not user.has_usable_password() and not user.is_staff
    assert EnterpriseAccess.objects.for_user(user).get().enterprise == enterprise

    assert client.get(path).status_code == 200
    assert set_password(client, path).status_code == 302
    assert client.login(username="li@example.com", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_the_link_works_once(client):
    invitation = invitations.invite("once@example.com", factories.enterprise())
    path = link_path(invitations.link_for(invitation))
    assert set_password(client, path).status_code == 302
    response = set_password(client, path, "Another-password-2026")
    assert response.status_code == 404 and "链接已失效" in response.content.decode()
    assert client.login(username="once@example.com", password=PASSWORD)


def test_the_link_expires_after_72_hours(client):
    invitation = invitations.invite("late@example.com", factories.enterprise())

    class SignedThreeDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 72 * 3600 - 1)

    token = SignedThreeDaysAgo(salt=invitations.SALT).sign(str(invitation.pk))
    response = set_password(client, f"/accounts/invitation/{token}/")
    assert response.status_code == 404
    assert not User.objects.get(email="late@example.com").has_usable_password()


def test_a_new_invitation_voids_the_old_link(client):
    enterprise = factories.enterprise()
    first = invitations.invite("twice@example.com", enterprise)
    second = invitations.invite("twice@example.com", enterprise)
    assert set_password(client, link_path(invitations.link_for(first))).status_code == 404
    assert set_password(client, link_path(invitations.link_for(second))).status_code == 302


def test_bad_links_and_weak_passwords_are_refused_in_chinese(client):
    assert client.get("/accounts/invitation/nonsense/").status_code == 404
    invitation = invitations.invite("weak@example.com", factories.enterprise())
    path = link_path(invitations.link_for(invitation))
    response = set_password(client, path, "12345678")
    assert response.status_code == 200
    assert "密码" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).used_at is None


def test_the_command_refuses_bad_input_in_chinese():
    with pytest.raises(CommandError, match="找不到"):
        call_command("invite_enterprise_user", "a@example.com", enterprise="91440000MA4UU8AB1X")
    enterprise = factories.enterprise()
    with pytest.raises(CommandError, match="有效的邮箱"):
        call_command("invite_enterprise_user", "not-an-email", enterprise=enterprise.credit_code)
    invitations.invite("one@example.com", enterprise)
    with pytest.raises(CommandError, match="其他企业"):
        call_command(
            "invite_enterprise_user",
            "one@example.com",
            enterprise=factories.enterprise().credit_code,
        )
    User.objects.create_user("staff", "staff@example.com", is_staff=True)
    with pytest.raises(CommandError, match="工作人员"):
        call_command(
            "invite_enterprise_user", "staff@example.com", enterprise=enterprise.credit_code
        )
    assert len(mail.outbox) == 0


def test_the_admin_action_invites_for_reviewers_only(client, reviewer, side_a):
    url = f"/admin/accounts/invite/{side_a.enterprise.pk}/"
    client.force_login(side_a.editor)
    response = client.post(url, {"email": "intruder@example.com"})
    assert response.status_code == 403 and "没有权限" in response.content.decode()
    assert not User.objects.filter(email="intruder@example.com").exists()

    client.force_login(reviewer)
    explore = client.get(f"/admin/pages/{side_a.enterprise.pk}/").content.decode()
    assert "邀请企业用户" in explore and url in explore
    response = client.post(url, {"email": "bad"})
    assert response.status_code == 200 and "有效" in response.content.decode()
    response = client.post(url, {"email": "new@example.com"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@example.com"]
    user = User.objects.get(email="new@example.com")
    assert EnterpriseAccess.objects.for_user(user).get().enterprise.pk == side_a.enterprise.pk
    assert client.get("/admin/accounts/invite/999999/").status_code == 404
