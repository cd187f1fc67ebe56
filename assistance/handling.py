"""Every change to a request goes through here: it is recorded as a
`RequestChange` and, after commit, the enterprise's editors are emailed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from .models import RequestAttachment, RequestChange, RequestState

logger = logging.getLogger(__name__)


def submit(assistance_request, uploads, user):
    """Store a new request's attachments and its first history line."""
    assistance_request.submitted_by = user
    assistance_request.save()
    for upload in uploads:
        attachment = RequestAttachment(
            request=assistance_request, name=upload.name, size=upload.size
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    RequestChange.objects.create(
        request=assistance_request, state=RequestState.SUBMITTED, changed_by=user
    )


def record_change(assistance_request, reply, user):
    """`assistance_request.state` has just been saved; record it with the
    reply and tell the enterprise once the transaction commits."""
    change = RequestChange.objects.create(
        request=assistance_request, state=assistance_request.state, reply=reply, changed_by=user
    )
    transaction.on_commit(lambda: notify_enterprise(change))
    return change


def enterprise_emails(enterprise):
    access = getattr(enterprise, "access", None)
    if access is None:
        return []
    users = access.group.user_set.filter(is_active=True).exclude(email="")
    return sorted({user.email for user in users})


def notify_enterprise(change):
    assistance_request = change.request
    recipients = enterprise_emails(assistance_request.enterprise)
    if not recipients:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    link = base + reverse("assistance:inspect", args=[assistance_request.pk])
    reply = f"\n答复：\n{change.reply}\n" if change.reply else ""
    body = (
        f"您好：\n\n贵企业提交的“{assistance_request.get_kind_display()}”申报"
        f"（第 {assistance_request.pk} 号）状态已更新为：{change.get_state_display()}。\n"
        f"{reply}\n详情请登录后查看：{link}\n\n{settings.WAGTAIL_SITE_NAME}"
    )
    subject = (
        f"{settings.WAGTAIL_SITE_NAME}：申报第 {assistance_request.pk} 号"
        f"{change.get_state_display()}"
    )
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # a mail failure never undoes the change staff made
        logger.exception("request %s: state mail not sent", assistance_request.pk)
