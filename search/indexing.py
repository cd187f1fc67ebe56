"""Keeping the public search index in step with published pages.

- `index_pages(pages)`: (re)build the documents of these pages (and of the
  pages whose documents depend on them) in the current transaction: live,
  public pages get a document, anything else loses it.
  `search.signals` calls it for every change announced through the one
  change hook (`core.changes`).
- `rebuild(progress)`: recompute every document; only changes are written.

Documents land in SearchDocument in the same transaction as the change. The
embedded engine reads that table directly; Elasticsearch receives the new
rows after commit from a background pusher (see engines/elastic.py), so a
slow search server never blocks an editor.
"""

import logging
import operator
from functools import reduce

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page

from directory.models import CatalogEntry, CatalogPage, EnterprisePage, ProductPage

from .documents import all_searchable_page_ids, build_documents
from .models import SearchDocument

logger = logging.getLogger(__name__)
CHUNK = 1000


def affected_page_ids(page_ids):
    """Ids of enterprises and products whose documents depend on `page_ids`:
    the pages themselves and their subtrees, a product's enterprise (its
    catalogs and first-set flag) and a catalog's members. Ids of deleted pages
    stay in, so that their documents are removed."""
    ids = set(page_ids)
    pages = list(Page.objects.filter(pk__in=ids).only("path", "numchild", "content_type"))
    catalog_type = ContentType.objects.get_for_model(CatalogPage).pk
    for page in pages:
        if page.content_type_id == catalog_type:
            ids |= catalog_member_ids(page.pk)
    pages = [page for page in pages if page.content_type_id != catalog_type]
    with_children = [page.path for page in pages if page.numchild]
    for start in range(0, len(with_children), 100):
        below = reduce(
            operator.or_, (Q(path__startswith=p) for p in with_children[start : start + 100])
        )
        descendants = Page.objects.filter(below).type(EnterprisePage, ProductPage, CatalogPage)
        for pk, content_type in descendants.values_list("pk", "content_type"):
            ids |= catalog_member_ids(pk) if content_type == catalog_type else {pk}
    parents = {page.path[: -Page.steplen] for page in pages}
    ids |= set(EnterprisePage.objects.filter(path__in=parents).values_list("pk", flat=True))
    return ids


def catalog_member_ids(catalog_id):
    entries = CatalogEntry.objects.filter(catalog_id=catalog_id)
    ids = set(entries.exclude(product=None).values_list("product_id", flat=True))
    ids |= set(entries.exclude(enterprise=None).values_list("enterprise_id", flat=True))
    parent_paths = {
        path[: -Page.steplen]
        for path in entries.exclude(product=None).values_list("product__path", flat=True)
    }
    ids |= set(EnterprisePage.objects.filter(path__in=parent_paths).values_list("pk", flat=True))
    return ids


def index_pages(page_ids):
    write_documents({getattr(page, "pk", page) for page in page_ids})


def write_documents(page_ids, progress=None):
    """Write the documents of `page_ids` that changed; return how many rows."""
    page_ids = sorted(page_ids)
    written = 0
    for start in range(0, len(page_ids), CHUNK):
        chunk = page_ids[start : start + CHUNK]
        written += _write_chunk(build_documents(chunk))
        if progress:
            progress(len(chunk))
    if written and settings.ELASTICSEARCH_URL:
        from .engines.elastic import schedule_push

        transaction.on_commit(schedule_push)
    return written


def _write_chunk(documents):
    with transaction.atomic():
        current = {
            key: (deleted, data)
            for key, deleted, data in SearchDocument.objects.filter(key__in=documents).values_list(
                "key", "deleted", "data"
            )
        }
        rows = []
        for key, document in documents.items():
            existing = current.get(key)
            if document is None:
                if existing and not existing[0]:
                    rows.append(_row(key, None))
            elif existing is None or existing[0] or existing[1] != document:
                rows.append(_row(key, document))
        if rows:
            SearchDocument.objects.filter(key__in=[row.key for row in rows]).delete()
            SearchDocument.objects.bulk_create(rows)
    return len(rows)


def _row(key, document):
    page_id = int(key.split(":", 1)[1])
    if document is None:
        return SearchDocument(key=key, page_id=page_id, deleted=True, data={})
    return SearchDocument(key=key, page_id=page_id, data=document)


def rebuild(progress=None):
    """Recompute every document; stale ones become removals."""
    ids = set(all_searchable_page_ids())
    ids |= set(SearchDocument.objects.filter(deleted=False).values_list("page_id", flat=True))
    return write_documents(ids, progress=progress)
