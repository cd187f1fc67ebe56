"""What search knows about each public enterprise and product.

Registered with `search.registry` in `DirectoryConfig.ready()`. Only live,
public pages under a live enterprise get a document; any other id maps to
None, which search turns into a removal.
"""

from collections import defaultdict

from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.models import Page

from core.visibility import public_page_ids
from search.documents import base_document, identifier_terms, plain, root_url_path, url_of
from search.registry import DocumentSource, Facet

from .choices import (
    DeviceClass,
    MedicalInsurance,
    ProcurementStatus,
    ProductType,
    RecognitionKind,
)
from .models import (
    CatalogEntry,
    CatalogPage,
    EnterprisePage,
    FirstSetRecognition,
    FirstUseRecord,
    ProductPage,
    first_set_product_ids,
)


def public_catalog_titles():
    return {
        str(pk): title for pk, title in CatalogPage.objects.for_public().values_list("pk", "title")
    }


# Titles in the visitor's language; value labels are data (the API carries
# them in Chinese) and the search page translates them.
FACETS = (
    Facet("product_type", _("产品类别"), dict(ProductType.choices)),
    Facet("device_class", _("管理类别"), dict(DeviceClass.choices)),
    Facet(
        "catalog",
        _("目录"),
        pattern=r"[0-9]{1,12}",
        hint=_("目录编号"),
        lookup=public_catalog_titles,
    ),
    Facet("region", _("地区")),
    Facet("procurement", _("采购状态"), dict(ProcurementStatus.choices)),
    Facet(
        "first_set",
        _("首台（套）"),
        {"true": gettext_noop("首台（套）"), "false": gettext_noop("其他")},
    ),
    Facet("recognition", _("认定类型"), dict(RecognitionKind.choices)),
    Facet("medical_insurance", _("医保"), dict(MedicalInsurance.choices)),
)


def _under(queryset, path_field, enterprises, fields):
    """`fields` of the rows of `queryset` whose page (at `path_field`) lies
    below one of the enterprises: one query per tree depth, however many."""
    by_length = defaultdict(set)
    for enterprise in enterprises:
        by_length[len(enterprise.path)].add(enterprise.path)
    for length, paths in by_length.items():
        yield from (
            queryset.annotate(_parent_path=Substr(path_field, 1, length))
            .filter(_parent_path__in=paths)
            .values_list(*fields)
        )


def _product_catalogs(products, catalogs):
    """catalog ids per product id."""
    by_product = defaultdict(set)
    entries = CatalogEntry.objects.in_force().filter(catalog_id__in=catalogs, product__in=products)
    for product_id, catalog_id in entries.values_list("product_id", "catalog_id"):
        by_product[product_id].add(catalog_id)
    return by_product


def _enterprise_catalogs(enterprises, catalogs):
    """catalog ids per enterprise path: an enterprise is in a catalog when it
    or any of its products is listed."""
    by_enterprise = defaultdict(set)
    entries = CatalogEntry.objects.in_force().filter(catalog_id__in=catalogs)
    enterprise_paths = {enterprise.pk: enterprise.path for enterprise in enterprises}
    for enterprise_id, catalog_id in entries.filter(enterprise_id__in=enterprise_paths).values_list(
        "enterprise_id", "catalog_id"
    ):
        by_enterprise[enterprise_paths[enterprise_id]].add(catalog_id)
    listed = entries.filter(product__isnull=False)
    for path, catalog_id in _under(
        listed, "product__path", enterprises, ("product__path", "catalog_id")
    ):
        by_enterprise[path[: -Page.steplen]].add(catalog_id)
    return by_enterprise


def _first_set_enterprise_paths(enterprises):
    recognised = FirstSetRecognition.objects.filter(
        kind=RecognitionKind.FIRST_SET, page__in=public_page_ids()
    )
    paths = _under(recognised, "page__path", enterprises, ("page__path",))
    return {path[: -Page.steplen] for (path,) in paths}


def catalog_member_ids(catalog_ids):
    """Products and enterprises listed in these catalogs, and the makers of
    the listed products."""
    entries = CatalogEntry.objects.in_force().filter(catalog_id__in=catalog_ids)
    ids = set(entries.exclude(product=None).values_list("product_id", flat=True))
    ids |= set(entries.exclude(enterprise=None).values_list("enterprise_id", flat=True))
    parent_paths = {
        path[: -Page.steplen]
        for path in entries.exclude(product=None).values_list("product__path", flat=True)
    }
    ids |= set(EnterprisePage.objects.filter(path__in=parent_paths).values_list("pk", flat=True))
    return ids


def _common(document, catalog_ids, catalogs, first_set, region):
    catalog_ids = sorted(catalog_ids)
    document["facets"] = {
        "catalog": [str(pk) for pk in catalog_ids],
        "region": [region] if region else [],
        "first_set": ["true" if first_set else "false"],
    }
    document["details"] = {
        "region": region,
        "catalogs": [{"id": pk, "title": catalogs[pk]} for pk in catalog_ids],
        "first_set": first_set,
    }
    document["all_text"] = " ".join([document["all_text"], *(catalogs[pk] for pk in catalog_ids)])
    return document


def _recognitions(products):
    """Recognition kinds per product id (首台（套）, 创新药物, “三首”)."""
    kinds = defaultdict(set)
    rows = FirstSetRecognition.objects.filter(page__in=products).values_list("page_id", "kind")
    for page_id, kind in rows:
        kinds[page_id].add(kind)
    return kinds


def public_trial_hospitals(products):
    """Names of the public hospitals where each product was trialled first."""
    by_product = defaultdict(list)
    records = FirstUseRecord.objects.filter(page__in=products, hospital_id__in=public_page_ids())
    for product_id, title in records.values_list("page_id", "hospital__title"):
        by_product[product_id].append(title)
    return by_product


def _iso(date):
    return date.isoformat() if date else None


def product_document(
    product, enterprise, catalog_ids, catalogs, recognitions, first_set, root, hospitals=()
):
    description = plain(product.description)
    document = base_document(
        "product",
        product,
        root,
        summary=product.intended_use or description,
        all_text=" ".join(
            [
                product.title,
                enterprise.title,
                enterprise.short_name,
                product.registration_no,
                product.model_spec,
                product.intended_use,
                description,
                enterprise.region,
                *hospitals,
            ]
        ),
        id_terms=identifier_terms(product.registration_no),
    )
    _common(document, catalog_ids, catalogs, first_set, enterprise.region)
    document["facets"].update(
        {
            "product_type": [product.product_type],
            "device_class": [product.device_class] if product.device_class else [],
            "procurement": [product.procurement_status] if product.procurement_status else [],
            "recognition": sorted(recognitions),
            "medical_insurance": [product.medical_insurance] if product.medical_insurance else [],
        }
    )
    document["details"].update(
        {
            "registration_no": product.registration_no,
            "enterprise": {
                "page_id": enterprise.pk,
                "title": enterprise.title,
                "url": url_of(enterprise.url_path, root),
            },
            "product_type": product.product_type,
            "product_type_label": ProductType(product.product_type).label,
            "device_class": product.device_class,
            "device_class_label": DeviceClass(product.device_class).label
            if product.device_class
            else "",
            "procurement_status": product.procurement_status,
            "procurement_status_label": ProcurementStatus(product.procurement_status).label
            if product.procurement_status
            else "",
            "medical_insurance": product.medical_insurance,
            "medical_insurance_label": MedicalInsurance(product.medical_insurance).label
            if product.medical_insurance
            else "",
            "first_use_hospitals": list(hospitals),
            # the date, not "expired": a stored flag would go stale as days pass
            "certificate_valid_until": _iso(product.certificate_valid_until),
            "recognitions": [
                {"kind": kind, "label": RecognitionKind(kind).label}
                for kind in RecognitionKind.values
                if kind in recognitions
            ],
        }
    )
    return document


def enterprise_document(enterprise, catalog_ids, catalogs, first_set, root):
    description = plain(enterprise.description)
    document = base_document(
        "enterprise",
        enterprise,
        root,
        summary=description or enterprise.address,
        all_text=" ".join(
            [
                enterprise.title,
                enterprise.short_name,
                enterprise.credit_code,
                enterprise.location,
                enterprise.address,
                description,
                enterprise.certifications,
            ]
        ),
        id_terms=identifier_terms(enterprise.credit_code),
    )
    _common(document, catalog_ids, catalogs, first_set, enterprise.region)
    document["details"]["credit_code"] = enterprise.credit_code
    document["details"]["licence_valid_until"] = _iso(enterprise.licence_valid_until)
    return document


PRODUCT_FIELDS = (
    "title",
    "path",
    "url_path",
    "first_published_at",
    "product_type",
    "device_class",
    "registration_no",
    "model_spec",
    "intended_use",
    "description",
    "procurement_status",
    "medical_insurance",
    "certificate_valid_until",
    "is_example",
)


def _catalogs():
    return {int(pk): title for pk, title in public_catalog_titles().items()}


class ProductSource(DocumentSource):
    def __init__(self):
        super().__init__(
            kind="product",
            label=gettext_noop("产品"),
            models=(ProductPage,),
            facets=FACETS,
            watches=(CatalogPage,),
        )

    def build(self, page_ids):
        documents = self.empty(page_ids)
        products = list(
            ProductPage.objects.for_public().filter(pk__in=page_ids).only(*PRODUCT_FIELDS)
        )
        if not products:
            return documents
        makers = EnterprisePage.objects.for_public().makers_of(products)
        catalogs = _catalogs()
        by_product = _product_catalogs(products, catalogs)
        recognitions = _recognitions(products)
        first_set_ids = first_set_product_ids([product.pk for product in products])
        hospitals = public_trial_hospitals(products)
        root = root_url_path()
        for product in products:
            enterprise = makers[product.pk]
            if enterprise is None:  # cannot happen to a public product; never index an orphan
                continue
            documents[self.key(product.pk)] = product_document(
                product,
                enterprise,
                by_product.get(product.pk, set()),
                catalogs,
                recognitions.get(product.pk, set()),
                product.pk in first_set_ids,
                root,
                hospitals[product.pk],
            )
        return documents

    def dependents(self, page_ids):
        """A catalog's members show its title; a product shows the names of
        the hospitals where it was trialled."""
        ids = catalog_member_ids(CatalogPage.objects.filter(pk__in=page_ids).values("pk"))
        trials = FirstUseRecord.objects.filter(hospital_id__in=page_ids)
        return ids | set(trials.values_list("page_id", flat=True))


class EnterpriseSource(DocumentSource):
    def __init__(self):
        super().__init__(
            kind="enterprise",
            label=gettext_noop("企业"),
            models=(EnterprisePage,),
            facets=FACETS,
            watches=(CatalogPage,),
        )

    def build(self, page_ids):
        documents = self.empty(page_ids)
        enterprises = list(EnterprisePage.objects.for_public().filter(pk__in=page_ids))
        if not enterprises:
            return documents
        catalogs = _catalogs()
        by_enterprise = _enterprise_catalogs(enterprises, catalogs)
        first_set_paths = _first_set_enterprise_paths(enterprises)
        root = root_url_path()
        for enterprise in enterprises:
            documents[self.key(enterprise.pk)] = enterprise_document(
                enterprise,
                by_enterprise.get(enterprise.path, set()),
                catalogs,
                enterprise.path in first_set_paths,
                root,
            )
        return documents

    def dependents(self, page_ids):
        """A product's enterprise shows the product's catalogs and recognitions;
        a catalog's listed enterprises and makers show its title."""
        ids = catalog_member_ids(CatalogPage.objects.filter(pk__in=page_ids).values("pk"))
        paths = {
            path[: -Page.steplen]
            for path in ProductPage.objects.filter(pk__in=page_ids).values_list("path", flat=True)
        }
        return ids | set(EnterprisePage.objects.filter(path__in=paths).values_list("pk", flat=True))


def search_download(documents, file_format):
    """/search/download.<format>: the found enterprises and products in the
    import's columns, in the order found."""
    from .downloads import rows_for_pages
    from .spreadsheets import spreadsheet_response

    ids = defaultdict(list)
    for document in documents:
        ids[document["kind"]].append(document["page_id"])
    pages = {
        (kind, page.pk): page
        for model, kind in ((EnterprisePage, "enterprise"), (ProductPage, "product"))
        for page in model.objects.for_public().filter(pk__in=ids[kind])
    }
    ordered = [pages[key] for d in documents if (key := (d["kind"], d["page_id"])) in pages]
    return spreadsheet_response(rows_for_pages(ordered), file_format, "搜索结果")


class CatalogSource(DocumentSource):
    """Catalogs as results: found by title, 文号 and issuing body."""

    def __init__(self):
        super().__init__(kind="catalog", label=gettext_noop("目录"), models=(CatalogPage,))

    def build(self, page_ids):
        documents = self.empty(page_ids)
        root = root_url_path()
        for catalog in CatalogPage.objects.for_public().filter(pk__in=page_ids):
            introduction = plain(catalog.introduction)
            document = base_document(
                self.kind,
                catalog,
                root,
                summary=introduction or f"{catalog.issuing_body} {catalog.document_number}",
                all_text=" ".join(
                    [catalog.title, catalog.document_number, catalog.issuing_body, introduction]
                ),
                id_terms=identifier_terms(catalog.document_number),
                is_example=catalog.is_example,
            )
            # A placeholder date is never given as a date (the page shows its note).
            stated = "published_on" not in catalog.placeholders
            document["details"] = {
                "document_number": catalog.document_number,
                "issuing_body": catalog.issuing_body,
                "published_on": catalog.published_on.isoformat() if stated else None,
                "catalog_kind": catalog.kind,
            }
            documents[self.key(catalog.pk)] = document
        return documents
