"""Seats and the waiting list, kept right under concurrent submissions.

Every change to an event's registrations first locks the event's row
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite runs write transactions one at
a time), so two people can never both take the last seat.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from core.changes import announce
from events.models import EventPage, Registration, RegistrationStatus


class RegistrationRefused(Exception):
    """The registration cannot be taken; the message is for the visitor."""


class DuplicateRegistration(RegistrationRefused):
    def __init__(self, earlier):
        super().__init__(gettext("该手机号码或电子邮箱已报名本活动。"))
        self.earlier = earlier


@dataclass(frozen=True)
class RegistrationState:
    is_open: bool
    closed_reason: str
    capacity: int | None
    confirmed: int

    @property
    def remaining(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.confirmed >= self.capacity


def closed_reason(event, now=None):
    """Why the event takes no registrations now ('' when it does), in the
    active language."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return gettext("本活动未开放在线报名。")
    if event.is_cancelled:
        return gettext("活动已取消，报名已关闭。")
    if event.registration_deadline and now > event.registration_deadline:
        return gettext("报名已截止。")
    if not event.time_pending and event.current_ends_at < now:
        return gettext("活动已结束，报名已关闭。")
    return ""


def registration_state(event):
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    reason = closed_reason(event)
    return RegistrationState(not reason, reason, event.capacity, confirmed)


def _locked_event(event_id):
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def register(event, data):
    """Take a seat, or a place on the waiting list when the event is full.
    Raises RegistrationRefused with a message for the visitor."""
    with transaction.atomic():
        event = _locked_event(event.pk)
        reason = closed_reason(event)
        if reason:
            raise RegistrationRefused(reason)
        earlier = (
            event.registrations.active()
            .filter(Q(phone=data["phone"]) | Q(email__iexact=data["email"]))
            .first()
        )
        if earlier is not None:
            raise DuplicateRegistration(earlier)
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        full = event.capacity is not None and confirmed >= event.capacity
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
                    consent_at=timezone.now(),
                    **data,
                )
        except IntegrityError:
            # Only a constraint can get here (same phone or email, or a
            # reference code drawn twice): refuse, never a 500.
            raise RegistrationRefused(gettext("提交未能保存，请稍后重试。")) from None
        announce([event])  # the event page shows the seats left
        return registration


def _promote_waiting(event):
    """Move the first in line into free seats; return who was promoted."""
    if event.capacity is None:
        free = None
    else:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        free = max(event.capacity - confirmed, 0)
    line = event.registrations.waiting_line()
    promoted = list(line if free is None else line[:free])
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
    return promoted


def cancel(registration):
    """Cancel and give the seat to the first on the waiting list.
    Returns the registrations promoted (to be told), or None if it was
    already cancelled."""
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _promote_waiting(event)
        announce([event])
        return promoted
