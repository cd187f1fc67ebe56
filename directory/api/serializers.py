"""Enterprises, products and catalogs as the API shows them.

Names agree with search's JSON (`title`, `procurement_status`, …). Rich text
comes out rendered as HTML, never in Wagtail's internal form. Products need
`prepare_products()` first: it finds their enterprises, first-set marks and
public recognition catalogs for a whole page of results in a few queries.
"""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from core.visibility import public_ids
from directory.api.provenance import ProvenanceMixin, with_sources
from directory.models import EnterprisePage, FirstSetRecognition, first_set_product_ids


@extend_schema_field({"type": "string", "description": "HTML"})
class RichTextField(serializers.Field):
    """Wagtail rich text rendered to HTML (links resolved, no internal tags)."""

    def to_representation(self, value):
        return expand_db_html(value or "")


@extend_schema_field({"type": "string", "nullable": True})
class PageUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page.get_url(request=self.context.get("request"))


class LabelField(serializers.CharField):
    """The Chinese label of a choice field (`get_<field>_display`)."""

    def __init__(self, field, **kwargs):
        super().__init__(source=f"get_{field}_display", read_only=True, **kwargs)


class PageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = PageUrlField()


class EnterpriseSerializer(ProvenanceMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    short_name = serializers.CharField()
    credit_code = serializers.CharField()
    region = serializers.CharField()
    district = serializers.CharField()
    town = serializers.CharField()
    address = serializers.CharField()
    contact_name = serializers.CharField()
    contact_phone = serializers.CharField()
    website = serializers.CharField()
    description = RichTextField()
    drug_licence_no = serializers.CharField()
    device_licence_no = serializers.CharField()
    certifications = serializers.ListField(
        child=serializers.CharField(), source="certification_list"
    )
    is_example = serializers.BooleanField(help_text="示例数据，非官方信息")
    url = PageUrlField()
    last_published_at = serializers.DateTimeField(allow_null=True)


class EnterpriseDetailSerializer(EnterpriseSerializer):
    products = PageLinkSerializer(many=True, source="public_products")


class ProductEnterpriseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    credit_code = serializers.CharField()
    region = serializers.CharField()
    url = PageUrlField()


class RecognitionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = LabelField("kind")
    level = serializers.CharField()
    level_label = LabelField("level")
    recognised_on = serializers.DateField(allow_null=True)
    catalog = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"id": {"type": "integer"}, "title": {"type": "string"}},
        }
    )
    def get_catalog(self, recognition):
        catalog = recognition.catalog
        if catalog is None or catalog.pk not in self.context.get("public_catalog_ids", ()):
            return None
        return {"id": catalog.pk, "title": catalog.title}


class ProductSerializer(ProvenanceMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    enterprise = ProductEnterpriseSerializer(source="api_enterprise", allow_null=True)
    product_type = serializers.CharField()
    product_type_label = LabelField("product_type")
    device_class = serializers.CharField()
    device_class_label = LabelField("device_class")
    registration_no = serializers.CharField()
    model_spec = serializers.CharField()
    intended_use = serializers.CharField()
    description = RichTextField()
    procurement_status = serializers.CharField()
    procurement_status_label = LabelField("procurement_status")
    medical_insurance = serializers.CharField()
    medical_insurance_label = LabelField("medical_insurance")
    first_set = serializers.BooleanField(source="api_first_set", help_text="有首台（套）认定")
    recognitions = RecognitionSerializer(
        many=True, source="recognitions.all", help_text="全部认定（首台（套）、创新药物、“三首”）"
    )
    is_example = serializers.BooleanField()
    url = PageUrlField()


class ProductDetailSerializer(ProductSerializer):
    catalogs = PageLinkSerializer(many=True, source="get_catalogs")


def product_queryset(queryset):
    recognitions = FirstSetRecognition.objects.select_related("catalog").order_by(
        "sort_order", "pk"
    )
    return with_sources(queryset).prefetch_related(Prefetch("recognitions", queryset=recognitions))


def prepare_products(products, context):
    """Attach each product's enterprise and first-set mark, and put the public
    recognition catalogs in `context`: three queries for any number."""
    products = list(products)
    makers = EnterprisePage.objects.for_public().makers_of(products)
    first_set = first_set_product_ids([product.pk for product in products])
    catalog_ids = {
        recognition.catalog_id
        for product in products
        for recognition in product.recognitions.all()
        if recognition.catalog_id
    }
    context["public_catalog_ids"] = public_ids(catalog_ids) if catalog_ids else set()
    for product in products:
        product.api_enterprise = makers[product.pk]
        product.api_first_set = product.pk in first_set
    return products


class CatalogSerializer(ProvenanceMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = LabelField("kind")
    issuing_body = serializers.CharField()
    document_number = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    validity = serializers.CharField(source="validity.value")
    validity_label = serializers.CharField(source="validity.label")
    declared_count = serializers.IntegerField(allow_null=True)
    entry_count = serializers.IntegerField(help_text="已公开的条目数")
    introduction = RichTextField()
    url = PageUrlField()
    downloads = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "properties": {"csv": {"type": "string"}, "xlsx": {"type": "string"}},
            "required": ["csv", "xlsx"],
        }
    )
    def get_downloads(self, catalog):
        base = catalog.get_url(request=self.context.get("request")) or ""
        return {
            file_format: base + catalog.reverse_subpage("download", args=[file_format])
            for file_format in ("csv", "xlsx")
        }


class EntrySerializer(serializers.Serializer):
    sort_order = serializers.IntegerField()
    kind = serializers.SerializerMethodField()
    id = serializers.IntegerField(source="page.pk")
    title = serializers.CharField(source="page.title")
    note = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "enum": ["product", "enterprise"]})
    def get_kind(self, entry):
        return "product" if entry.product_id else "enterprise"

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, entry):
        return entry.page.get_url(request=self.context.get("request"))


class PagedEntriesSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = EntrySerializer(many=True)


class CatalogDetailSerializer(CatalogSerializer):
    entries = PagedEntriesSerializer(
        source="api_entries", help_text="公开条目，按 page 与 page_size 分页"
    )
