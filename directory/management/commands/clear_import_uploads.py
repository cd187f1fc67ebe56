"""Delete admin import uploads that were never confirmed and have expired."""

from django.core.management.base import BaseCommand

from directory.models import ImportUpload


class Command(BaseCommand):
    help = "删除超时未确认的导入上传文件。"

    def handle(self, *args, **options):
        count, _ = ImportUpload.objects.expired().delete()
        self.stdout.write(f"已删除 {count} 个过期的上传文件。")
