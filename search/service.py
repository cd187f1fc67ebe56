"""One search, shaped for people and programs: labels, highlights, facets."""

import dataclasses
import datetime

from django.core.cache import cache
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Page

from core.page_cache import content_version
from core.visibility import public_pages

from . import registry, text, vocabulary
from .engines import get_engine
from .query import SearchQuery

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
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


ID_REASONS = {
    "registration_no": gettext_noop("注册证号匹配"),
    "credit_code": gettext_noop("统一社会信用代码匹配"),
}


def reasons(document, matched, plan):
    """Why a result matched, in words of the active language: 名称含“乳腺”,
    注册证号匹配, 同义词：X光机 → X射线摄影."""
    details = document.get("details", {})
    id_reason = gettext(next((r for f, r in ID_REASONS.items() if details.get(f)), "编号匹配"))
    said = []
    for name in sorted(matched, key=_match_order):
        if name == "id":
            said.append(id_reason)
            continue
        clause, alternative, where = name[1:].split(".")
        found = plan.clauses[int(clause)].alternatives[int(alternative)]
        if found.kind == "identifier":
            said.append(id_reason)
        elif found.kind == "text":
            word = plan.clauses[int(clause)].word
            if where == "t":
                said.append(gettext("名称含“%(word)s”") % {"word": word})
            else:
                said.append(gettext("内容含“%(word)s”") % {"word": word})
        else:
            said.append(found.reason)
    return list(dict.fromkeys(said))


def _match_order(name):
    """The identifier first, then the query's words in order (as engines
    report matches in their own order)."""
    if name == "id":
        return (0, 0, 0, "")
    clause, alternative, where = name[1:].split(".")
    return (1, int(clause), int(alternative), where)


def result_item(document, terms, why=()):
    item = {
        "id": document["page_id"],
        "kind": document["kind"],
        "title": document["title"],
        "url": document["url"],
        "summary": document.get("summary", ""),
        "is_example": document["is_example"],
        **document.get("details", {}),
        "why": list(why),
        "highlight": {
            "title": text.highlight(document["title"], terms),
            "summary": text.highlight(document.get("summary", ""), terms, limit=120),
        },
    }
    for name in HIGHLIGHTED_DETAILS:
        if item.get(name):
            item["highlight"][name] = text.highlight(item[name], terms)
    if isinstance(item.get("enterprise"), dict):
        enterprise = item["enterprise"]
        item["enterprise"] = {
            "id": enterprise["page_id"],
            **{k: enterprise[k] for k in ("title", "url")},
        }
    return item


def run(query: SearchQuery):
    """The API's response body for `query`."""
    engine = get_engine()
    results = engine.search(query)
    terms = highlight_terms(query)
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
        "results": [
            result_item(document, terms, reasons(document, matched, query.plan))
            for document, matched in zip(
                results.documents, results.matched or [[]] * len(results.documents), strict=True
            )
        ],
        "facets": facets,
        "suggestions": zero_result_help(engine, query) if not results.count else None,
    }


def highlight_terms(query):
    """The query's words and the synonyms it was expanded to."""
    terms = set(text.highlight_terms(query.normalized))
    for clause in query.plan.clauses:
        terms.update(a.value for a in clause.of_kind("text", "synonym"))
    return sorted(terms, key=len, reverse=True)


def zero_result_help(engine, query):
    """What would find something: the vocabulary's nearest terms, the titles
    the suggestion box would offer (a pinyin or typing correction), and how
    many the query finds without its filters."""
    if not query.normalized:
        return None
    vocab = vocabulary.current()
    terms = []
    for clause in query.plan.clauses:
        terms += [term for term in vocab.nearest(clause.word) if term not in terms]
    unfiltered = None
    if query.filters:
        unfiltered = engine.search(
            dataclasses.replace(query, filters={}, page=1, page_size=1)
        ).count
    return {
        "terms": terms[:6],
        "titles": [d["title"] for d in engine.suggest(query.normalized, 3)],
        "without_filters": unfiltered,
    }


FEED_CANDIDATES = 200  # newest matches by first publication, re-sorted by update


def newest(query, limit=30):
    """[(document, page)] of `query`'s results, newest first by publish or
    update date, as the public may see them now (a page hidden since it was
    indexed drops out). Candidates are the FEED_CANDIDATES most recently
    published matches, so a broad search follows its newest results."""
    engine = get_engine()
    documents = []
    for page in range(1, FEED_CANDIDATES // 100 + 1):
        batch = engine.search(dataclasses.replace(query, sort="newest", page=page, page_size=100))
        documents += batch.documents
        if len(documents) >= batch.count or not batch.documents:
            break
    pages = public_pages(Page.objects.filter(pk__in=[d["page_id"] for d in documents]))
    by_id = {page.pk: page for page in pages.only("pk", "first_published_at", "last_published_at")}
    shown = [(d, by_id[d["page_id"]]) for d in documents if d["page_id"] in by_id]
    shown.sort(key=lambda pair: (_changed_at(pair[1]), pair[1].pk), reverse=True)
    return shown[:limit]


def _changed_at(page):
    return page.last_published_at or page.first_published_at or EPOCH


def suggestions(prefix, limit=8):
    return [
        {"kind": d["kind"], "title": d["title"], "url": d["url"]}
        for d in get_engine().suggest(prefix, limit)
    ]


__all__ = ["get_engine", "newest", "run", "suggestions"]
