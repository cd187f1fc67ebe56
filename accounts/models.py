"""Who may edit which enterprise, and the invitations that create accounts."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class EnterpriseAccessQuerySet(models.QuerySet):
    def for_user(self, user):
        """The enterprises `user` edits (through their editors' groups)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(group__user=user)


class EnterpriseAccess(models.Model):
    """What an enterprise page got when it was created: its editors' group and
    its media collection. Deleting the page deletes this row, and with it
    (accounts.provisioning) the group and the collection."""

    enterprise = models.OneToOneField(
        "directory.EnterprisePage",
        verbose_name="企业",
        on_delete=models.CASCADE,
        related_name="access",
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name="编辑组", on_delete=models.PROTECT, related_name="enterprise"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name="图片与文件集",
        on_delete=models.PROTECT,
        related_name="enterprise_access",
    )

    objects = EnterpriseAccessQuerySet.as_manager()

    class Meta:
        verbose_name = "企业编辑权限"
        verbose_name_plural = verbose_name
        permissions = [("edit_staff_owned_fields", "编辑由工作人员维护的字段")]

    def __str__(self):
        return str(self.group)


class InvitationQuerySet(models.QuerySet):
    def unused(self):
        return self.filter(used_at__isnull=True)


class Invitation(models.Model):
    """A single-use link to set a password; the link carries a signed id
    (accounts.invitations) and expires after INVITATION_MAX_AGE."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="账户",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    enterprise = models.ForeignKey(
        "directory.EnterprisePage",
        verbose_name="企业",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="邀请人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("发出时间", default=timezone.now)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "企业用户邀请"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user.email} → {self.enterprise.title}"


class PublicUpdate(models.Model):
    """One line of a public page's 更新记录: when, which fields, and whether
    the enterprise published them itself or staff reviewed them. No names."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="public_updates"
    )
    published_at = models.DateTimeField("更新时间", default=timezone.now, db_index=True)
    fields = models.JSONField("更新内容", default=list)
    self_service = models.BooleanField("企业自行更新", default=False)

    class Meta:
        verbose_name = "更新记录"
        verbose_name_plural = verbose_name
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.published_at:%Y-%m-%d} {'、'.join(self.fields)}（{self.source}）"

    @property
    def source(self):
        return "企业自行更新" if self.self_service else "经工作人员审核"
