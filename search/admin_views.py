"""The 搜索词统计 report: which queries found nothing or led to no click,
with a one-step way to add a synonym for a row, and how far Elasticsearch
lags behind."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from . import stats
from .models import Synonym

VIEW_PERMISSION = "search.view_querystat"
SYNONYM_PERMISSION = "search.add_synonym"
PERIODS = {"7": 7, "30": 30, "90": stats.RETENTION_DAYS}


class SynonymColumn(Column):
    """添加同义词 (the add form, prefilled) or 编辑同义词 if the term has one."""

    cell_template_name = "search/admin/synonym_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["synonym_url"] = instance.get("synonym_url")
        context["synonym_label"] = instance.get("synonym_label")
        return context


class QueryReportView(ReportView):
    page_title = "搜索词统计"
    header_icon = "search"
    template_name = "search/admin/query_report.html"
    index_url_name = "search_query_report"
    index_results_url_name = "search_query_report_results"
    paginate_by = 50
    list_export = ["query", "searches_total", "zero_total", "no_click_total"]
    export_headings = {
        "query": "搜索词",
        "searches_total": "搜索次数",
        "zero_total": "无结果次数",
        "no_click_total": "无点击次数",
    }
    export_filename = "search-queries"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def days(self):
        return PERIODS.get(self.request.GET.get("days", ""), 30)

    @property
    def columns(self):
        return [
            TitleColumn(
                "query",
                label="搜索词",
                get_url=lambda row: reverse("search") + "?" + urlencode({"q": row["query"]}),
            ),
            Column("zero_total", label="无结果次数"),
            Column("no_click_total", label="无点击次数"),
            Column("searches_total", label="搜索次数"),
            SynonymColumn("synonym", label="同义词"),
        ]

    def get_queryset(self):
        return stats.report(self.days)

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        if not self.request.user.has_perm(SYNONYM_PERMISSION):
            return rows
        existing = dict(
            Synonym.objects.filter(term__in=[row["query"] for row in rows]).values_list(
                "term", "pk"
            )
        )
        for row in rows:
            if row["query"] in existing:
                url = reverse("wagtailsnippets_search_synonym:edit", args=[existing[row["query"]]])
                row.update(synonym_url=url, synonym_label="编辑同义词")
            else:
                url = reverse("wagtailsnippets_search_synonym:add")
                row.update(
                    synonym_url=f"{url}?{urlencode({'term': row['query']})}",
                    synonym_label="添加同义词",
                )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["periods"] = [(key, f"近 {days} 天") for key, days in PERIODS.items()]
        context["days"] = self.days
        context["sync"] = sync_status()
        return context


def sync_status():
    """Elasticsearch's lag for the report's header (None on the embedded engine)."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from .engines import elastic_push, get_engine

    return elastic_push.status(get_engine().cursor_name)
