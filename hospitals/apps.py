from django.apps import AppConfig


class HospitalsConfig(AppConfig):
    name = "hospitals"
    verbose_name = "医疗机构"
    # Called by `manage.py load_demo` after the directory's own content.
    demo_loader = "hospitals.demo_loading.load"

    def ready(self):
        from search import registry

        from .search_documents import HospitalSource

        registry.register(HospitalSource())
