"""What search knows about each public enterprise and product.

`build_documents(page_ids)` turns pages into plain dicts (the same dict is
the Elasticsearch `_source` and the embedded engine's record). Only live,
public pages under a live enterprise get a document; any other id maps to
None, which the caller turns into a removal.
"""

import re
from collections import defaultdict

from django.db.models import Q
from django.db.models.functions import Substr
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from core.visibility import public_page_ids, public_pages
from directory.choices import RecognitionKind
from directory.models import (
    CatalogEntry,
    CatalogPage,
    EnterprisePage,
    FirstSetRecognition,
    ProductPage,
    first_set_product_ids,
)

from . import text

SUMMARY_LENGTH = 160


def document_key(kind, page_id):
    return f"{kind}:{page_id}"


def _root_url_path():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site else "/"


def _url(url_path, root):
    """The page's URL as Wagtail's `page.url` gives it for the default site."""
    return iri_to_uri("/" + url_path[len(root) :] if url_path.startswith(root) else url_path)


def _plain(rich_text):
    return re.sub(r"\s+", " ", strip_tags(rich_text or "")).strip()


def identifier_terms(*identifiers):
    """Exact-match keys for IDs: the whole ID and its distinctive tails.

    A buyer may type a whole registration number, only its digits, or the last
    few digits; a credit code whole or by its organisation code.
    """
    terms = set()
    for identifier in identifiers:
        whole = text.compact(identifier)
        if not whole:
            continue
        terms.add(whole)
        digits = "".join(re.findall(r"[0-9a-z]+", whole))
        terms.add(digits)
        minimum = 4 if digits.isdigit() else 6
        terms.update(digits[-length:] for length in range(minimum, len(digits)))
        if len(whole) == 18 and whole.isalnum():  # credit code: organisation code
            terms.add(whole[8:17])
    return sorted(term for term in terms if term)


def _live_public_catalogs():
    return {page.pk: page.title for page in CatalogPage.objects.for_public().only("title")}


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


def _catalog_memberships(products, enterprises, catalogs):
    """catalog ids per product id and per enterprise path (an enterprise is in
    a catalog when it or any of its products is listed)."""
    by_product, by_enterprise = defaultdict(set), defaultdict(set)
    entries = CatalogEntry.objects.filter(catalog_id__in=catalogs)
    enterprise_paths = {enterprise.pk: enterprise.path for enterprise in enterprises}
    fields = ("product_id", "product__path", "enterprise_id", "catalog_id")
    rows = set(
        entries.filter(
            Q(product_id__in=[p.pk for p in products]) | Q(enterprise_id__in=enterprise_paths)
        ).values_list(*fields)
    )
    rows.update(_under(entries.filter(product__isnull=False), "product__path", enterprises, fields))
    for product_id, product_path, enterprise_id, catalog_id in rows:
        if product_id:
            by_product[product_id].add(catalog_id)
            by_enterprise[product_path[: -Page.steplen]].add(catalog_id)
        else:
            by_enterprise[enterprise_paths.get(enterprise_id)].add(catalog_id)
    return by_product, by_enterprise


def build_documents(page_ids):
    """{key: document or None} for every searchable kind of each page id."""
    page_ids = set(page_ids)
    products = list(
        ProductPage.objects.for_public()
        .filter(pk__in=page_ids)
        .only(
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
            "is_example",
        )
    )
    enterprises_by_path = {
        enterprise.path: enterprise
        for enterprise in EnterprisePage.objects.for_public().filter(
            Q(pk__in=page_ids) | Q(pk__in=EnterprisePage.objects.of_products(products).values("pk"))
        )
    }
    enterprises = [e for e in enterprises_by_path.values() if e.pk in page_ids]
    catalogs = _live_public_catalogs()
    by_product, by_enterprise = _catalog_memberships(products, enterprises, catalogs)
    first_set_ids = first_set_product_ids([product.pk for product in products])
    first_set_enterprise_paths = _first_set_enterprise_paths(enterprises)
    root = _root_url_path()

    documents = {document_key("product", pk): None for pk in page_ids}
    documents.update({document_key("enterprise", pk): None for pk in page_ids})
    for product in products:
        enterprise = enterprises_by_path.get(product.path[: -Page.steplen])
        if enterprise is None:  # cannot happen to a public product; never index an orphan
            continue
        catalog_ids = by_product.get(product.pk, set())
        documents[document_key("product", product.pk)] = product_document(
            product, enterprise, catalog_ids, catalogs, product.pk in first_set_ids, root
        )
    for enterprise in enterprises:
        catalog_ids = by_enterprise.get(enterprise.path, set())
        documents[document_key("enterprise", enterprise.pk)] = enterprise_document(
            enterprise, catalog_ids, catalogs, enterprise.path in first_set_enterprise_paths, root
        )
    return documents


def _first_set_enterprise_paths(enterprises):
    recognised = FirstSetRecognition.objects.filter(
        kind=RecognitionKind.FIRST_SET, page__in=public_page_ids()
    )
    paths = _under(recognised, "page__path", enterprises, ("page__path",))
    return {path[: -Page.steplen] for (path,) in paths}


def _common(page, kind, catalog_ids, catalogs, first_set, root):
    full_pinyin, initials = text.pinyin(page.title)
    return {
        "kind": kind,
        "page_id": page.pk,
        "title": page.title,
        "title_length": len(page.title),
        "url": _url(page.url_path, root),
        "catalogs": [str(pk) for pk in sorted(catalog_ids)],
        "catalog_titles": [catalogs[pk] for pk in sorted(catalog_ids)],
        "first_set": first_set,
        "published": page.first_published_at.isoformat() if page.first_published_at else None,
        "is_example": page.is_example,
        "pinyin": full_pinyin,
        "initials": initials,
    }


def product_document(product, enterprise, catalog_ids, catalogs, first_set, root):
    document = _common(product, "product", catalog_ids, catalogs, first_set, root)
    summary = product.intended_use or _plain(product.description)
    document.update(
        {
            "summary": summary[:SUMMARY_LENGTH],
            "enterprise": {
                "page_id": enterprise.pk,
                "title": enterprise.title,
                "url": _url(enterprise.url_path, root),
            },
            "credit_code": "",
            "registration_no": product.registration_no,
            "product_type": product.product_type,
            "device_class": product.device_class,
            "procurement": product.procurement_status,
            "medical_insurance": product.medical_insurance,
            "region": enterprise.region,
            "id_terms": identifier_terms(product.registration_no),
        }
    )
    document["all_text"] = " ".join(
        [
            product.title,
            enterprise.title,
            enterprise.short_name,
            product.registration_no,
            product.model_spec,
            product.intended_use,
            _plain(product.description),
            enterprise.region,
            *document["catalog_titles"],
        ]
    )
    return document


def enterprise_document(enterprise, catalog_ids, catalogs, first_set, root):
    document = _common(enterprise, "enterprise", catalog_ids, catalogs, first_set, root)
    description = _plain(enterprise.description)
    document.update(
        {
            "summary": description[:SUMMARY_LENGTH] or enterprise.address,
            "enterprise": None,
            "credit_code": enterprise.credit_code,
            "registration_no": "",
            "product_type": "",
            "device_class": "",
            "procurement": "",
            "medical_insurance": "",
            "region": enterprise.region,
            "id_terms": identifier_terms(enterprise.credit_code),
        }
    )
    document["all_text"] = " ".join(
        [
            enterprise.title,
            enterprise.short_name,
            enterprise.credit_code,
            enterprise.location,
            enterprise.address,
            description,
            enterprise.certifications,
            *document["catalog_titles"],
        ]
    )
    return document


def all_searchable_page_ids():
    """Every page id that may hold a document, for full rebuilds."""
    searchable = Page.objects.type(EnterprisePage, ProductPage)
    return list(public_pages(searchable).values_list("pk", flat=True))
