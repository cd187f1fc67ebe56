"""Enterprises, products and catalogs under /api/v1/: public pages only."""

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from core.api import PAGE_PARAMETERS, Filter, PagePagination, PublicDetailView, PublicListView
from directory.choices import (
    CatalogKind,
    DeviceClass,
    MedicalInsurance,
    ProcurementStatus,
    ProductType,
    Validity,
)
from directory.models import CatalogEntry, CatalogPage, EnterprisePage, ProductPage

from . import serializers
from .provenance import with_sources

REGION = Filter("region", "text", "所在地区，如“中山市”")
TEXT = Filter("q", "text", "名称包含的文字")
CATALOG = Filter("catalog", "id", "目录 id")


# Enterprises ------------------------------------------------------------------


@extend_schema(summary="企业列表")
class EnterpriseList(PublicListView):
    serializer_class = serializers.EnterpriseSerializer
    filters = (REGION, TEXT, CATALOG)

    def get_queryset(self):
        return with_sources(EnterprisePage.objects.for_public()).order_by("title", "pk")

    def filter_public(self, queryset, values):
        if values["region"]:
            queryset = queryset.filter(region=values["region"])
        if values["q"]:
            queryset = queryset.filter(
                Q(title__icontains=values["q"]) | Q(short_name__icontains=values["q"])
            )
        if values["catalog"]:
            listed = CatalogEntry.objects.in_force().filter(catalog_id=values["catalog"])
            queryset = queryset.filter(pk__in=listed.values("enterprise_id"))
        return queryset


@extend_schema(summary="企业详情（含公开产品）")
class EnterpriseDetail(PublicDetailView):
    serializer_class = serializers.EnterpriseDetailSerializer
    not_found = "企业不存在或尚未公开。"

    def get_queryset(self):
        return EnterprisePage.objects.for_public()

    def get_object(self):
        enterprise = super().get_object()
        enterprise.public_products = enterprise.get_products().only(
            "id", "title", "url_path", "path", "depth"
        )
        return enterprise


# Products ---------------------------------------------------------------------


def public_products():
    return serializers.product_queryset(ProductPage.objects.for_public())


@extend_schema(summary="产品列表")
class ProductList(PublicListView):
    serializer_class = serializers.ProductSerializer
    filters = (
        Filter("product_type", ProductType, "产品类别"),
        Filter("device_class", DeviceClass, "管理类别"),
        Filter("procurement_status", ProcurementStatus, "采购状态"),
        Filter("medical_insurance", MedicalInsurance, "医保"),
        Filter("first_set", "bool", "是否有首台（套）认定"),
        Filter("enterprise", "id", "企业 id"),
        CATALOG,
        REGION,
        Filter("q", "text", "名称或注册证编号包含的文字"),
    )

    def get_queryset(self):
        return public_products().order_by("title", "pk")

    def filter_public(self, queryset, values):
        exact = ("product_type", "device_class", "procurement_status", "medical_insurance")
        queryset = queryset.filter(**{name: values[name] for name in exact if values[name]})
        enterprises = EnterprisePage.objects.for_public()
        if values["enterprise"]:
            enterprises = enterprises.filter(pk=values["enterprise"])
        if values["region"]:
            enterprises = enterprises.filter(region=values["region"])
        if values["enterprise"] or values["region"]:
            queryset = queryset.annotate(
                parent_path=Substr("path", 1, (F("depth") - 1) * ProductPage.steplen)
            ).filter(parent_path__in=enterprises.values("path"))
        if values["catalog"]:
            listed = CatalogEntry.objects.in_force().filter(catalog_id=values["catalog"])
            queryset = queryset.filter(pk__in=listed.values("product_id"))
        if values["first_set"] is not None:
            first_set = ProductPage.objects.first_set().values("pk")
            queryset = (
                queryset.filter(pk__in=first_set)
                if values["first_set"]
                else queryset.exclude(pk__in=first_set)
            )
        if values["q"]:
            queryset = queryset.filter(
                Q(title__icontains=values["q"]) | Q(registration_no__icontains=values["q"])
            )
        return queryset

    def get_serializer(self, *args, **kwargs):
        kwargs.setdefault("context", self.get_serializer_context())
        if args:
            serializers.prepare_products(args[0], kwargs["context"])
        return super().get_serializer(*args, **kwargs)


@extend_schema(summary="产品详情（含所在目录）")
class ProductDetail(PublicDetailView):
    serializer_class = serializers.ProductDetailSerializer
    not_found = "产品不存在或尚未公开。"

    def get_queryset(self):
        return public_products()

    def get_serializer(self, *args, **kwargs):
        kwargs.setdefault("context", self.get_serializer_context())
        if args:
            serializers.prepare_products([args[0]], kwargs["context"])
        return super().get_serializer(*args, **kwargs)


# Catalogs ---------------------------------------------------------------------


def public_catalogs():
    entries = CatalogEntry.objects.for_public().filter(catalog=OuterRef("pk"))
    count = entries.order_by().values("catalog").annotate(n=Count("pk")).values("n")
    return CatalogPage.objects.for_public().annotate(entry_count=Coalesce(Subquery(count), 0))


def validity_q(validity):
    today = timezone.localdate()
    started = Q(valid_from__lte=today) | Q(valid_from__isnull=True, published_on__lte=today)
    ended = Q(valid_until__lt=today)
    return {
        Validity.CURRENT: started & ~ended,
        Validity.EXPIRED: started & ended,
        Validity.PENDING: ~started,
    }[validity]


@extend_schema(summary="目录列表")
class CatalogList(PublicListView):
    serializer_class = serializers.CatalogSerializer
    filters = (
        Filter("kind", CatalogKind, "目录类型"),
        Filter("validity", Validity, "有效状态"),
    )

    def get_queryset(self):
        return with_sources(public_catalogs()).order_by("-published_on", "pk")

    def filter_public(self, queryset, values):
        if values["kind"]:
            queryset = queryset.filter(kind=values["kind"])
        if values["validity"]:
            queryset = queryset.filter(validity_q(values["validity"]))
        return queryset


@extend_schema(
    summary="目录详情（条目分页）",
    parameters=PAGE_PARAMETERS,
)
class CatalogDetail(PublicDetailView):
    serializer_class = serializers.CatalogDetailSerializer
    not_found = "目录不存在或尚未公开。"
    takes_parameters = True

    def get_queryset(self):
        return public_catalogs()

    def retrieve(self, request, *args, **kwargs):
        catalog = self.get_object()
        paginator = PagePagination()
        entries = paginator.paginate_queryset(catalog.get_entries(), request, self)
        for entry in entries:
            entry.page = entry.product or entry.enterprise
        paged = paginator.get_paginated_response(entries).data
        catalog.api_entries = paged
        return Response(self.get_serializer(catalog).data)
