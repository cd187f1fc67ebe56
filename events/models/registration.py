"""Registrations for an event: personal data, seen by staff only."""

import secrets

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_noop


class Role(models.TextChoices):
    ENTERPRISE = "enterprise", gettext_noop("企业")
    HOSPITAL = "hospital", gettext_noop("医疗机构")
    OTHER = "other", gettext_noop("其他")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", gettext_noop("报名成功")
    WAITING = "waiting", gettext_noop("候补")
    CANCELLED = "cancelled", gettext_noop("已取消")


# No 0/O, 1/I/L: the code is read aloud at the door and typed from paper.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def new_cancel_token():
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def waiting_line(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def counts(self):
        """Confirmed, waiting, cancelled and checked-in counts in one query."""
        return self.aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )


class Registration(models.Model):
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name="活动",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField("姓名", max_length=40)
    organisation = models.CharField("单位", max_length=100)
    role = models.CharField("身份", max_length=20, choices=Role.choices)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", max_length=254)
    needs = models.TextField("拟对接的产品或需求", max_length=1000, blank=True)
    consent_at = models.DateTimeField("同意个人信息使用的时间")
    status = models.CharField(
        "状态", max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    reference = models.CharField("报名编号", max_length=12, unique=True, default=new_reference)
    cancel_token = models.CharField(max_length=64, unique=True, default=new_cancel_token)
    created_at = models.DateTimeField("报名时间", auto_now_add=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    checked_in_at = models.DateTimeField("签到时间", null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "活动报名"
        verbose_name_plural = "活动报名"
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per phone and per email for each event;
            # a cancelled one does not block registering again.
            models.UniqueConstraint(
                fields=["event", "phone"],
                condition=~Q(status="cancelled"),
                name="events_registration_one_per_phone",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="events_registration_one_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.organisation}）"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    def waiting_position(self):
        """1 for the first in line; None when not waiting."""
        if not self.is_waiting:
            return None
        earlier = Registration.objects.waiting_line().filter(event_id=self.event_id)
        return (
            earlier.filter(
                Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
            ).count()
            + 1
        )
