"""Messages to registrants. A mail server that is down never undoes a
registration or shows the visitor an error: it is logged for staff."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)


def registration_link(request, registration):
    return request.build_absolute_uri(
        f"{registration.event.url}register/{registration.cancel_token}/"
    )


def _send(request, registration, template, subject):
    context = {
        "registration": registration,
        "event": registration.event,
        "link": registration_link(request, registration),
        "position": registration.waiting_position(),
    }
    with timezone.override("Asia/Shanghai"):
        body = render_to_string(f"events/emails/{template}.txt", context)
    try:
        send_mail(f"{subject}：{registration.event.title}", body, None, [registration.email])
    except Exception:  # any transport failure; the registration stands
        logger.exception("Could not send %s mail for registration %s", template, registration.pk)


def send_received(request, registration):
    subject = "报名成功" if registration.is_confirmed else "已加入候补名单"
    _send(request, registration, "received", subject)


def send_promoted(request, registration):
    _send(request, registration, "promoted", "候补转为报名成功")


def send_cancelled(request, registration):
    _send(request, registration, "cancelled", "报名已取消")
