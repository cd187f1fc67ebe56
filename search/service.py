"""One search, shaped for people and programs: labels, highlights, facets."""

from django.core.cache import cache

from core.page_cache import content_version

from . import registry, text
from .engines import get_engine
from .query import SearchQuery

HIGHLIGHTED_DETAILS = ("registration_no", "credit_code")


def _lookup_labels(facet):
    """Labels of an open facet's values as the public may see them now
    (cached per content version: a hidden catalog drops out at once)."""
    key = f"search:facet-labels:{facet.name}:{content_version()}"
    labels = cache.get(key)
    if labels is None:
        labels = facet.lookup()
        cache.set(key, labels, 600)
    return labels


def result_item(document, terms):
    item = {
        "kind": document["kind"],
        "title": document["title"],
        "url": document["url"],
        "summary": document.get("summary", ""),
        "is_example": document["is_example"],
        **document.get("details", {}),
        "highlight": {
            "title": text.highlight(document["title"], terms),
            "summary": text.highlight(document.get("summary", ""), terms, limit=120),
        },
    }
    for name in HIGHLIGHTED_DETAILS:
        if item.get(name):
            item["highlight"][name] = text.highlight(item[name], terms)
    if isinstance(item.get("enterprise"), dict):
        item["enterprise"] = {k: item["enterprise"][k] for k in ("title", "url")}
    return item


def run(query: SearchQuery):
    """The API's response body for `query`."""
    results = get_engine().search(query)
    terms = text.highlight_terms(query.normalized)
    facets = {}
    for name, facet in registry.facets().items():
        counts = results.facets.get(name, {})
        selected = query.filters.get(name, ())
        values = sorted(counts, key=lambda value: (-counts[value], value))
        values += [value for value in selected if value not in counts]
        labels = _lookup_labels(facet) if facet.lookup else facet.labels
        if labels is not None and facet.lookup:  # e.g. a catalog hidden since indexing
            values = [value for value in values if value in labels]
        facets[name] = [
            {
                "value": value,
                "label": labels.get(value, value) if labels else value,
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


__all__ = ["get_engine", "run", "suggestions"]
