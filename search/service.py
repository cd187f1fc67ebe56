"""One search, shaped for people and programs: labels, highlights, facets."""

from django.core.cache import cache

from core.page_cache import content_version
from directory.choices import DeviceClass, ProcurementStatus, ProductType
from directory.models import CatalogPage

from . import text
from .engines import get_engine
from .query import FACET_TITLES, FACETS, SearchQuery

LABELS = {
    "product_type": dict(ProductType.choices),
    "device_class": dict(DeviceClass.choices),
    "procurement": dict(ProcurementStatus.choices),
}


def catalog_titles():
    key = f"search:catalog-titles:{content_version()}"
    titles = cache.get(key)
    if titles is None:
        titles = {
            str(pk): title
            for pk, title in CatalogPage.objects.for_public().values_list("pk", "title")
        }
        cache.set(key, titles, 600)
    return titles


def _facet_label(facet, value, catalogs):
    if facet == "catalog":
        return catalogs[value]
    allowed = FACETS[facet]
    return allowed.get(value, value) if allowed else value


def result_item(document, terms):
    # Names as in /api/v1/ (title, procurement_status, …).
    item = {
        "id": document["page_id"],
        "kind": document["kind"],
        "title": document["title"],
        "url": document["url"],
        "summary": document.get("summary", ""),
        "region": document["region"],
        "catalogs": [
            {"id": int(pk), "title": title}
            for pk, title in zip(document["catalogs"], document["catalog_titles"], strict=True)
        ],
        "first_set": document["first_set"],
        "is_example": document["is_example"],
        "highlight": {
            "title": text.highlight(document["title"], terms),
            "summary": text.highlight(document.get("summary", ""), terms, limit=120),
        },
    }
    if document["kind"] == "enterprise":
        item["credit_code"] = document["credit_code"]
    else:
        item.update(
            {
                "registration_no": document["registration_no"],
                "enterprise": {
                    "id": document["enterprise"]["page_id"],
                    "title": document["enterprise"]["title"],
                    "url": document["enterprise"]["url"],
                },
                "product_type": document["product_type"],
                "product_type_label": LABELS["product_type"].get(document["product_type"], ""),
                "device_class": document["device_class"],
                "device_class_label": LABELS["device_class"].get(document["device_class"], ""),
                "procurement_status": document["procurement"],
                "procurement_status_label": LABELS["procurement"].get(document["procurement"], ""),
            }
        )
        if item["registration_no"]:
            item["highlight"]["registration_no"] = text.highlight(item["registration_no"], terms)
    if item.get("credit_code"):
        item["highlight"]["credit_code"] = text.highlight(item["credit_code"], terms)
    return item


def run(query: SearchQuery):
    """The API's response body for `query`."""
    results = get_engine().search(query)
    terms = text.highlight_terms(query.normalized)
    catalogs = catalog_titles()
    facets = {}
    for facet in FACETS:
        counts = results.facets.get(facet, {})
        selected = query.filters.get(facet, ())
        values = sorted(counts, key=lambda value: (-counts[value], value))
        values += [value for value in selected if value not in counts]
        if facet == "catalog":  # a catalog hidden since its documents were written
            values = [value for value in values if value in catalogs]
        facets[facet] = [
            {
                "value": value,
                "label": _facet_label(facet, value, catalogs),
                "count": counts.get(value, 0),
                "selected": value in selected,
            }
            for value in values
        ]
    return {
        "count": results.count,
        "page": query.page,
        "page_size": query.page_size,
        "results": [result_item(document, terms) for document in results.documents],
        "facets": facets,
    }


def suggestions(prefix, limit=8):
    return [
        {"kind": d["kind"], "title": d["title"], "url": d["url"]}
        for d in get_engine().suggest(prefix, limit)
    ]


__all__ = ["FACET_TITLES", "get_engine", "run", "suggestions"]
