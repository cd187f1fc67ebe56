"""The search vocabulary in the admin, as a snippet staff edit directly, and
the 搜索词统计 report (search/admin_views.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .admin_views import VIEW_PERMISSION, QueryReportView
from .models import Synonym


class SynonymCreateView(CreateView):
    """`?term=` prefills the form (the report's 添加同义词 link)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        term = self.request.GET.get("term", "").strip()
        if term:
            instance.term = term[: Synonym._meta.get_field("term").max_length]
            instance.source = Synonym.Source.STAFF
        return instance


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "搜索同义词"
    add_to_admin_menu = True
    add_view_class = SynonymCreateView
    list_display = ["term", "equivalents", "two_way", "source", "updated_at"]
    list_filter = ["source", "two_way"]
    search_fields = ["term", "equivalents"]
    panels = [
        FieldPanel("term"),
        FieldPanel("equivalents"),
        FieldPanel("two_way"),
        FieldPanel("source"),
    ]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_query_report_urls():
    return [
        path("reports/search-queries/", QueryReportView.as_view(), name="search_query_report"),
        path(
            "reports/search-queries/results/",
            QueryReportView.as_view(results_only=True),
            name="search_query_report_results",
        ),
    ]


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(
        "搜索词统计", reverse("search_query_report"), icon_name="search", order=700
    )
