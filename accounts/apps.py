from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "账户与权限"

    def ready(self):
        from . import provisioning, review  # noqa: F401
