from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "企业与产品名录"

    def ready(self):
        from . import signals  # noqa: F401
