"""Keeping the public search index in step with published pages.

- `index_pages(pages)`: (re)build the documents of these pages in the
  current transaction: live, public pages get a document, anything else
  loses it. Which pages a change reaches, and how each kind of page becomes
  a document, is the business of the sources in `search.registry`.
  `search.signals` calls it for every change announced through the one
  change hook (`core.changes`).
- `rebuild(progress)`: recompute every document; only changes are written.

Documents land in SearchDocument in the same transaction as the change. The
embedded engine reads that table directly; Elasticsearch receives the new
rows after commit from a background pusher (see engines/elastic.py), so a
slow search server never blocks an editor.
"""

import logging

from django.conf import settings
from django.db import transaction

from core.visibility import read_only_scope

from .models import SearchDocument
from .registry import all_searchable_page_ids, build_documents

logger = logging.getLogger(__name__)
CHUNK = 1000


def index_pages(page_ids):
    write_documents({getattr(page, "pk", page) for page in page_ids})


def write_documents(page_ids, progress=None):
    """Write the documents of `page_ids` that changed; return how many rows."""
    page_ids = sorted(page_ids)
    written = 0
    with read_only_scope():  # one lookup of the hiding pages for every chunk
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
    """Recompute every document; stale ones become removals. The embedded
    engine's snapshot is written afresh once that is committed, so workers
    starting later open it instead of reading every row."""
    ids = set(all_searchable_page_ids())
    ids |= set(SearchDocument.objects.filter(deleted=False).values_list("page_id", flat=True))
    written = write_documents(ids, progress=progress)
    if not settings.ELASTICSEARCH_URL:
        from .engines.embedded import write_snapshot

        transaction.on_commit(write_snapshot)
    return written
