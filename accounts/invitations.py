"""Invite an enterprise user: create the account, tie it to the enterprise,
and send a single-use set-password link that expires.

The link carries the invitation's id signed with a timestamp; it works while
the signature is younger than INVITATION_MAX_AGE and the invitation unused.
Nobody ever chooses or shares a password for someone else.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import EnterpriseAccess, Invitation
from .provisioning import ensure_access

SALT = "accounts.invitation"


class InvitationError(Exception):
    """Refused, with a message for the person who asked."""


def token_for(invitation):
    return signing.TimestampSigner(salt=SALT).sign(str(invitation.pk))


def link_for(invitation):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("accounts:accept_invitation", args=[token_for(invitation)])


def invitation_from_token(token):
    """The unused invitation a token names, or None (bad, expired or used)."""
    try:
        pk = signing.TimestampSigner(salt=SALT).unsign(token, max_age=settings.INVITATION_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return Invitation.objects.unused().select_related("user", "enterprise").filter(pk=pk).first()


def _account_for(email, enterprise):
    User = get_user_model()
    user = (
        User.objects.filter(email__iexact=email).first()
        or User.objects.filter(username__iexact=email).first()
    )
    if user is None:
        user = User(username=email, email=email)
        user.set_unusable_password()
        user.save()
        return user
    if user.is_staff or user.is_superuser:
        raise InvitationError("该邮箱属于工作人员账户，不能作为企业用户邀请。")
    others = EnterpriseAccess.objects.for_user(user).exclude(enterprise=enterprise)
    if others.exists():
        raise InvitationError("该邮箱已是其他企业的用户，一个账户只能属于一家企业。")
    if user.groups.exclude(enterprise__isnull=False).exists():
        raise InvitationError("该邮箱属于工作人员账户，不能作为企业用户邀请。")
    return user


@transaction.atomic
def invite(email, enterprise, invited_by=None):
    """Create (or re-invite) the account and return the new invitation.
    Earlier unused links of that account stop working."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError("请输入有效的邮箱地址。") from None
    access = ensure_access(enterprise)
    user = _account_for(email, enterprise)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    user.groups.add(access.group)
    now = timezone.now()
    Invitation.objects.unused().filter(user=user).update(used_at=now)
    return Invitation.objects.create(user=user, enterprise=enterprise, invited_by=invited_by)


def send_invitation(invitation):
    """Mail the link; returns it (each call signs a new, equally valid one)."""
    link = link_for(invitation)
    hours = settings.INVITATION_MAX_AGE // 3600
    body = (
        f"您好：\n\n平台已为“{invitation.enterprise.title}”开通企业账户（{invitation.user.email}）。"
        f"请在 {hours} 小时内打开下面的链接设置密码，链接只能使用一次：\n\n"
        f"{link}\n\n"
        f"设置后可在 {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/ 登录，"
        "维护本企业及产品信息。\n\n如非本人申请，请忽略本邮件。\n"
        f"{settings.WAGTAIL_SITE_NAME}"
    )
    send_mail(
        f"{settings.WAGTAIL_SITE_NAME}：企业账户邀请",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.user.email],
    )
    return link


@transaction.atomic
def accept(invitation, password):
    """Set the password and spend the invitation (once, even under races)."""
    spent = Invitation.objects.unused().filter(pk=invitation.pk).update(used_at=timezone.now())
    if not spent:
        return False
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    return True
