"""The staff report 证照到期: certificates expiring within 90 days or
expired, across the directory, with Wagtail's CSV and XLSX export."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from directory.models.product import validity_note

from .certificates import expiring_certificates
from .denials import forbidden
from .roles import STAFF_OWNED_PERMISSION


def may_see_report(user):
    return user.is_superuser or user.has_perm(STAFF_OWNED_PERMISSION)


class CertificateFilterSet(WagtailFilterSet):
    expiry = django_filters.ChoiceFilter(
        label="到期情况",
        empty_label="全部",
        choices=[("expired", "已过期"), ("expiring", "90 天内到期")],
        method="filter_expiry",
    )
    live = django_filters.BooleanFilter(label="已发布")

    class Meta:
        model = Page
        fields = ["expiry", "live"]

    def filter_expiry(self, queryset, name, value):
        today = timezone.localdate()
        if value == "expired":
            return queryset.filter(valid_until__lt=today)
        if value == "expiring":
            return queryset.filter(valid_until__gte=today)
        return queryset


class ExpiringCertificatesView(ReportView):
    page_title = "证照到期"
    header_icon = "date"
    index_url_name = "accounts_certificate_report"
    index_results_url_name = "accounts_certificate_report_results"
    filterset_class = CertificateFilterSet
    columns = [
        TitleColumn(
            "title",
            label="名称",
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
        ),
        Column("certificate", label="证照"),
        Column("enterprise_title", label="企业"),
        DateColumn("valid_until", label="有效期至"),
        Column("validity", label="到期情况"),
        Column("status_string", label="状态"),
    ]
    list_export = [
        "title",
        "certificate",
        "enterprise_title",
        "valid_until",
        "validity",
        "status_string",
    ]
    export_headings = {
        "title": "名称",
        "certificate": "证照",
        "enterprise_title": "企业",
        "valid_until": "有效期至",
        "validity": "到期情况",
        "status_string": "状态",
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"certificates-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return expiring_certificates()

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for page in object_list:
            page.validity = validity_note(page.valid_until, today)
        return object_list


class CertificateReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)
