"""Requests an enterprise puts to staff (申报与协助), their attachments and
the history of every change staff make to them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .storage import private_storage

STAFF_VIEW_PERMISSION = "assistance.view_assistancerequest"
STAFF_HANDLE_PERMISSION = "assistance.change_assistancerequest"


class RequestKind(models.TextChoices):
    CATALOG_LISTING = "catalog_listing", "列入推荐目录"
    PLATFORM_LISTING = "platform_listing", "省平台挂网协助"
    VOLUME_PROCUREMENT = "volume_procurement", "带量采购候选推荐"
    MEDICAL_INSURANCE = "medical_insurance", "医保目录申报协助"
    OTHER = "other", "其他"


class RequestState(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    ACCEPTED = "accepted", "已受理"
    IN_PROGRESS = "in_progress", "处理中"
    DONE = "done", "已办结"
    DECLINED = "declined", "不予受理"


class AssistanceRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """All requests for staff who handle them; an enterprise editor's
        own enterprises' requests; nothing for anyone else."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm(STAFF_VIEW_PERMISSION):
            return self
        return self.filter(enterprise__access__group__user=user).distinct()


class AssistanceRequest(models.Model):
    enterprise = models.ForeignKey(
        "directory.EnterprisePage",
        verbose_name="企业",
        on_delete=models.CASCADE,
        related_name="assistance_requests",
    )
    kind = models.CharField("事项", max_length=32, choices=RequestKind.choices)
    products = models.ManyToManyField(
        "directory.ProductPage", verbose_name="涉及产品", blank=True, related_name="+"
    )
    message = models.TextField("申报说明", max_length=5000)
    state = models.CharField(
        "状态",
        max_length=16,
        choices=RequestState.choices,
        default=RequestState.SUBMITTED,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    objects = AssistanceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "申报与协助"
        verbose_name_plural = verbose_name
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.enterprise.title}（第 {self.pk} 号）"

    @property
    def latest_reply(self):
        change = self.changes.exclude(reply="").first()
        return change.reply if change else ""


def attachment_path(instance, filename):
    return f"assistance/{instance.request_id}/{filename}"


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=255)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = verbose_name
        ordering = ["pk"]

    def __str__(self):
        return self.name


class RequestChange(models.Model):
    """One step in a request's history: the state it entered and the reply
    the enterprise sees (staff names are kept, and shown only to staff)."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.CASCADE, related_name="changes")
    state = models.CharField("状态", max_length=16, choices=RequestState.choices)
    reply = models.TextField("答复", blank=True, max_length=5000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "处理记录"
        verbose_name_plural = verbose_name
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.get_state_display()}"
