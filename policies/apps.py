from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "政策文件"
    # Called by `manage.py load_demo` after the directory's own content.
    demo_loader = "policies.demo_loading.load"

    def ready(self):
        from search import registry

        from .search_documents import PolicySource

        registry.register(PolicySource())
