"""Which kinds of page search knows, and how each becomes a search document.

Search knows no content app. Each app supplies a `DocumentSource` for every
kind of result it owns and registers it from its `AppConfig.ready()`; the
engines, the API, the facets and the change hook (`search.signals`) ask this
registry. Adding `kind=event` takes about twenty lines:

    # events/search_documents.py
    from search.documents import base_document, plain
    from search.registry import DocumentSource, Facet

    EVENT_TYPE = Facet("event_type", _("活动类型"), dict(EventType.choices))

    class EventSource(DocumentSource):
        kind, label, models = "event", gettext_noop("活动"), (EventPage,)
        facets = (EVENT_TYPE,)

        def build(self, page_ids):
            documents = self.empty(page_ids)
            for event in EventPage.objects.for_public().filter(pk__in=page_ids):
                document = base_document(self.kind, event, summary=plain(event.body))
                document["all_text"] = " ".join([event.title, event.city, plain(event.body)])
                document["facets"]["event_type"] = [event.event_type]
                document["details"] = {"starts_at": event.starts_at.isoformat()}
                documents[self.key(event.pk)] = document
            return documents

    # events/apps.py, in EventsConfig.ready():
    from search.registry import register
    from .search_documents import EventSource
    register(EventSource())

The contract of a source:
- `build(page_ids)` answers {"<kind>:<id>": document or None} for every id
  given (None removes a document: a page that is not public, not of this kind
  or gone). Only pages from `Model.objects.for_public()` get a document.
- `dependents(page_ids)`: ids of other pages whose documents show something
  of these pages (an enterprise shows its products' recognitions; a catalog's
  members show its title). Subtrees are added by the registry itself.
- `facets`: the `Facet`s its documents fill in `document["facets"]`. Facet
  names are shared across kinds (two kinds may both fill `region`).
- Labels (of the kind, of a facet's values) are data: the API gives them in
  Chinese, so they are marked with gettext_noop and the search page
  translates them. Facet titles are only ever shown: gettext_lazy.
A document is the dict that `search.documents.base_document` starts; the
engines read its common fields, and `details` comes back in each API result.
"""

import operator
import re
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Q
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.language import in_data_language
from core.visibility import public_pages

KIND = "kind"


@dataclass(frozen=True)
class Facet:
    """A filter and its counts. `labels` is the closed set of values with their
    labels, or None for open values (checked against `pattern`); `lookup`, if
    given, returns the labels of open values at query time, and values it does
    not know are not shown (e.g. a catalog hidden since indexing)."""

    name: str
    title: str
    labels: dict | None = None
    pattern: str = r"[^\x00-\x1f\x7f]{1,60}"
    hint: str = ""
    lookup: object = None

    def check(self, value):
        """None if `value` is acceptable, else the reason (in the active language)."""
        if self.labels is not None:
            if value in self.labels:
                return None
            return gettext("参数 %(name)s 的取值“%(value)s”无效。") % {
                "name": self.name,
                "value": value,
            }
        if re.fullmatch(self.pattern, value):
            return None
        if self.hint:
            return gettext("参数 %(name)s 应为%(hint)s。") % {"name": self.name, "hint": self.hint}
        return gettext("参数 %(name)s 的取值无效。") % {"name": self.name}

    def shown_label(self, label):
        """A value's label in the visitor's language. Closed sets (choice
        labels, kinds) are in the catalog; open values (regions, catalog
        titles) are content and stay as they are."""
        if self.labels is None or self.lookup or not label:
            return label
        if self.name == KIND:
            # The badges of search.html hold these words with this context.
            return pgettext("kind of page", label)
        return gettext(label)


@dataclass
class DocumentSource:
    kind: str = ""
    label: str = ""
    models: tuple = ()
    facets: tuple = field(default_factory=tuple)
    # Other page models whose changes reach this kind's documents (a catalog's
    # title shows on its members); their subtrees are followed too.
    watches: tuple = ()

    def key(self, page_id):
        return f"{self.kind}:{page_id}"

    def empty(self, page_ids):
        return {self.key(pk): None for pk in page_ids}

    def build(self, page_ids):
        raise NotImplementedError

    def dependents(self, page_ids):
        return set()


_sources = {}
_download = None


def register(source):
    _sources[source.kind] = source


def sources():
    return list(_sources.values())


def source(kind):
    return _sources.get(kind)


def set_download(handler):
    """`handler(documents, file_format)` answers /search/download.<format>
    (an app that can export its results registers it)."""
    global _download
    _download = handler


def download_handler():
    return _download


def facets():
    """Every facet, in registration order, `kind` first: name -> Facet."""
    kinds = Facet(KIND, _("类型"), {s.kind: s.label for s in _sources.values()})
    merged = {KIND: kinds}
    for registered in _sources.values():
        for facet in registered.facets:
            merged.setdefault(facet.name, facet)
    return merged


def build_documents(page_ids):
    """{key: document or None} for every kind of each page id, in the data's
    language (Chinese labels and dates) whoever's request built them."""
    documents = {}
    with in_data_language():
        for registered in _sources.values():
            documents.update(registered.build(page_ids))
    return documents


def affected_page_ids(page_ids):
    """The pages whose documents may change when `page_ids` change: the pages,
    every searchable page below them (a hidden section hides its subtree), and
    what each source says depends on them. Ids of deleted pages stay in, so
    their documents are removed."""
    ids = set(page_ids)
    models = {m for s in _sources.values() for m in (*s.models, *s.watches)}
    parents = list(Page.objects.filter(pk__in=ids, numchild__gt=0).values_list("path", flat=True))
    for start in range(0, len(parents), 100):
        below = reduce(operator.or_, (Q(path__startswith=p) for p in parents[start : start + 100]))
        ids |= set(Page.objects.filter(below).type(*models).values_list("pk", flat=True))
    for registered in _sources.values():
        ids |= registered.dependents(frozenset(ids))
    return ids


def all_searchable_page_ids():
    """Every public page of a registered kind, for full rebuilds."""
    models = [model for registered in _sources.values() for model in registered.models]
    if not models:
        return []
    return list(public_pages(Page.objects.type(*models)).values_list("pk", flat=True))
