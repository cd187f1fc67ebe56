from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "企业与产品名录"

    def ready(self):
        from search import registry

        from . import signals  # noqa: F401
        from .search_documents import (
            CatalogSource,
            EnterpriseSource,
            ProductSource,
            search_download,
        )

        registry.register(EnterpriseSource())
        registry.register(ProductSource())
        registry.register(CatalogSource())
        registry.set_download(search_download)
