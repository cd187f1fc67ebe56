import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

UPLOAD_LIFETIME = datetime.timedelta(hours=2)


def new_token():
    return secrets.token_hex(16)


class ImportUploadQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(expires_at__lte=timezone.now())

    def awaiting(self, token, user):
        """The upload `user` may confirm under `token`, if it has not expired."""
        return self.filter(token=token, user=user, expires_at__gt=timezone.now()).first()


class ImportUpload(models.Model):
    """A spreadsheet between the admin's preview and its confirmation.

    Kept in the database rather than on one server's disk, so the confirm
    request may land on any worker; rows expire and are deleted by the next
    upload or by `manage.py clear_import_uploads`.
    """

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField("文件名", max_length=255)
    file_format = models.CharField("格式", max_length=4)
    data = models.BinaryField("内容")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    objects = ImportUploadQuerySet.as_manager()

    class Meta:
        verbose_name = "待确认的导入文件"

    def __str__(self):
        return self.filename

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = timezone.now() + UPLOAD_LIFETIME
        super().save(*args, **kwargs)
