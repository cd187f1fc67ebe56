"""Open data: a read-only JSON API over live, public enterprises, products and catalogs.

Plain Django views. Every list takes `page` and `page_size` (at most 100) and
its own filters; a bad value is a 400 with a Chinese message, an unknown or
unpublished id a 404. Queries stay constant per page of results.
"""

import re

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from directory.choices import (
    CatalogKind,
    DeviceClass,
    MedicalInsurance,
    ProcurementStatus,
    ProductType,
    RecognitionKind,
    Validity,
)
from directory.models import (
    CatalogEntry,
    CatalogPage,
    EnterprisePage,
    FirstSetRecognition,
    ProductPage,
)

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"^[0-9]{1,19}$")


class ApiError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def error_response(message, status):
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def json_response(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def api_view(view):
    """GET only; ApiError becomes a JSON error response."""

    @require_GET
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return error_response(error.message, error.status)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# Parameters -------------------------------------------------------------------


def text_param(request, name):
    value = request.GET.get(name, "")
    return value.replace("\x00", "").strip()


def int_param(request, name, default=None, minimum=1, maximum=MAX_ID):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not _DIGITS.match(raw) or not minimum <= int(raw) <= maximum:
        raise ApiError(f"参数 {name} 应为 {minimum} 到 {maximum} 之间的整数。")
    return int(raw)


def choice_param(request, name, choices):
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    if value not in choices.values:
        allowed = "、".join(choices.values)
        raise ApiError(f"参数 {name} 的取值无效，可选值：{allowed}。")
    return value


def bool_param(request, name):
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    if value not in ("true", "false"):
        raise ApiError(f"参数 {name} 应为 true 或 false。")
    return value == "true"


def parse_id(raw):
    """An id from the URL, or None (→ 404) for anything that cannot be one."""
    if not _DIGITS.match(raw or "") or not 1 <= int(raw) <= MAX_ID:
        return None
    return int(raw)


def paginate(request, queryset):
    page = int_param(request, "page", default=1, maximum=1_000_000)
    size = int_param(request, "page_size", default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    count = queryset.count()
    offset = (page - 1) * size
    items = list(queryset[offset : offset + size]) if offset < count else []
    meta = {"count": count, "page": page, "page_size": size, "pages": (count + size - 1) // size}
    return items, meta


def listing(request, queryset, serialize):
    items, meta = paginate(request, queryset)
    return json_response({**meta, "results": serialize(items, request)})


def not_found(what):
    return error_response(f"{what}不存在或尚未公开。", 404)


def page_url(page, request):
    return page.get_url(request=request)


def _date(value):
    return value.isoformat() if value else None


def _label(choices, value):
    try:
        return choices(value).label if value else ""
    except ValueError:
        return value


# Enterprises ------------------------------------------------------------------


def public_enterprises():
    return EnterprisePage.objects.for_public()


def enterprise_data(page, request):
    return {
        "id": page.pk,
        "name": page.title,
        "short_name": page.short_name,
        "credit_code": page.credit_code,
        "region": page.region,
        "district": page.district,
        "town": page.town,
        "address": page.address,
        "contact_name": page.contact_name,
        "contact_phone": page.contact_phone,
        "website": page.website,
        "description": page.description,
        "drug_licence_no": page.drug_licence_no,
        "device_licence_no": page.device_licence_no,
        "certifications": page.certification_list,
        "is_example": page.is_example,
        "url": page_url(page, request),
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }


def serialize_enterprises(pages, request):
    return [enterprise_data(page, request) for page in pages]


@api_view
def enterprise_list(request):
    queryset = public_enterprises().order_by("title", "pk")
    region = text_param(request, "region")
    if region:
        queryset = queryset.filter(region=region)
    query = text_param(request, "q")
    if query:
        queryset = queryset.filter(Q(title__icontains=query) | Q(short_name__icontains=query))
    catalog = int_param(request, "catalog")
    if catalog:
        queryset = queryset.filter(catalog_entries__catalog_id=catalog)
    return listing(request, queryset, serialize_enterprises)


@api_view
def enterprise_detail(request, pk):
    page = public_enterprises().filter(pk=parse_id(pk)).first() if parse_id(pk) else None
    if page is None:
        return not_found("企业")
    data = enterprise_data(page, request)
    products = ProductPage.objects.child_of(page).for_public().order_by("title", "pk")
    data["products"] = [
        {"id": product.pk, "name": product.title, "url": page_url(product, request)}
        for product in products.only("id", "title", "url_path", "path", "depth")
    ]
    return json_response(data)


# Products ---------------------------------------------------------------------


def public_products():
    return ProductPage.objects.for_public()


def serialize_products(pages, request):
    paths = {page.path[: -page.steplen] for page in pages}
    enterprises = {e.path: e for e in EnterprisePage.objects.filter(path__in=paths)}
    first_set = set(
        FirstSetRecognition.objects.filter(
            page_id__in=[page.pk for page in pages], kind=RecognitionKind.FIRST_SET
        ).values_list("page_id", flat=True)
    )
    results = []
    for page in pages:
        enterprise = enterprises.get(page.path[: -page.steplen])
        results.append(
            {
                "id": page.pk,
                "name": page.title,
                "enterprise": {
                    "id": enterprise.pk,
                    "name": enterprise.title,
                    "credit_code": enterprise.credit_code,
                    "region": enterprise.region,
                }
                if enterprise
                else None,
                "product_type": page.product_type,
                "product_type_label": _label(ProductType, page.product_type),
                "device_class": page.device_class,
                "device_class_label": _label(DeviceClass, page.device_class),
                "registration_no": page.registration_no,
                "model_spec": page.model_spec,
                "intended_use": page.intended_use,
                "procurement_status": page.procurement_status,
                "procurement_status_label": _label(ProcurementStatus, page.procurement_status),
                "medical_insurance": page.medical_insurance,
                "medical_insurance_label": _label(MedicalInsurance, page.medical_insurance),
                "first_set": page.pk in first_set,
                "is_example": page.is_example,
                "url": page_url(page, request),
            }
        )
    return results


@api_view
def product_list(request):
    queryset = public_products().order_by("title", "pk")
    filters = {
        "product_type": choice_param(request, "product_type", ProductType),
        "device_class": choice_param(request, "device_class", DeviceClass),
        "procurement_status": choice_param(request, "procurement_status", ProcurementStatus),
        "medical_insurance": choice_param(request, "medical_insurance", MedicalInsurance),
    }
    queryset = queryset.filter(**{k: v for k, v in filters.items() if v})
    enterprise_id = int_param(request, "enterprise")
    if enterprise_id:
        enterprise = public_enterprises().filter(pk=enterprise_id).first()
        if enterprise is None:
            queryset = queryset.none()
        else:
            queryset = queryset.filter(path__startswith=enterprise.path, depth=enterprise.depth + 1)
    region = text_param(request, "region")
    if region:
        parent_paths = public_enterprises().filter(region=region).values("path")
        queryset = queryset.annotate(
            parent_path=Substr("path", 1, (F("depth") - 1) * ProductPage.steplen)
        ).filter(parent_path__in=parent_paths)
    catalog = int_param(request, "catalog")
    if catalog:
        queryset = queryset.filter(catalog_entries__catalog_id=catalog)
    first_set = bool_param(request, "first_set")
    if first_set is not None:
        marked = FirstSetRecognition.objects.filter(kind=RecognitionKind.FIRST_SET).values(
            "page_id"
        )
        queryset = queryset.filter(pk__in=marked) if first_set else queryset.exclude(pk__in=marked)
    query = text_param(request, "q")
    if query:
        queryset = queryset.filter(Q(title__icontains=query) | Q(registration_no__icontains=query))
    return listing(request, queryset, serialize_products)


@api_view
def product_detail(request, pk):
    page = public_products().filter(pk=parse_id(pk)).first() if parse_id(pk) else None
    if page is None:
        return not_found("产品")
    data = serialize_products([page], request)[0]
    data["catalogs"] = [
        {"id": catalog.pk, "title": catalog.title, "url": page_url(catalog, request)}
        for catalog in page.get_catalogs()
    ]
    return json_response(data)


# Catalogs ---------------------------------------------------------------------


def public_catalogs():
    return CatalogPage.objects.for_public()


def catalog_data(page, request):
    return {
        "id": page.pk,
        "title": page.title,
        "kind": page.kind,
        "kind_label": _label(CatalogKind, page.kind),
        "issuing_body": page.issuing_body,
        "document_number": page.document_number,
        "published_on": _date(page.published_on),
        "valid_from": _date(page.valid_from),
        "valid_until": _date(page.valid_until),
        "validity": page.validity.value,
        "validity_label": page.validity.label,
        "declared_count": page.declared_count,
        "entry_count": getattr(page, "entry_count", None),
        "url": page_url(page, request),
        "downloads": {
            file_format: f"{page_url(page, request)}download.{file_format}"
            for file_format in ("csv", "xlsx")
        },
    }


def with_entry_count(queryset):
    public = CatalogEntry.objects.for_public().values("pk")
    return queryset.annotate(
        entry_count=Count("entries", filter=Q(entries__in=public), distinct=True)
    )


@api_view
def catalog_list(request):
    queryset = with_entry_count(public_catalogs()).order_by("-published_on", "pk")
    kind = choice_param(request, "kind", CatalogKind)
    if kind:
        queryset = queryset.filter(kind=kind)
    validity = choice_param(request, "validity", Validity)
    if validity:
        today = timezone.localdate()
        started = Q(valid_from__lte=today) | Q(valid_from__isnull=True, published_on__lte=today)
        ended = Q(valid_until__lt=today)
        queryset = queryset.filter(
            {
                Validity.CURRENT: started & ~ended,
                Validity.EXPIRED: started & ended,
                Validity.PENDING: ~started,
            }[validity]
        )
    return listing(
        request, queryset, lambda pages, request: [catalog_data(p, request) for p in pages]
    )


@api_view
def catalog_detail(request, pk):
    pk = parse_id(pk)
    page = with_entry_count(public_catalogs()).filter(pk=pk).first() if pk else None
    if page is None:
        return not_found("目录")
    data = catalog_data(page, request)
    entries = page.get_entries()
    data["entries"] = [
        {
            "sort_order": entry.sort_order,
            "kind": "product" if entry.product_id else "enterprise",
            "id": (entry.product or entry.enterprise).pk,
            "name": (entry.product or entry.enterprise).title,
            "note": entry.note,
        }
        for entry in entries
    ]
    return json_response(data)
