"""Search follows the one change hook (`core.changes`)."""

from django.dispatch import receiver

from core.changes import content_changed

from .indexing import index_pages
from .registry import affected_page_ids


@receiver(content_changed)
def reindex_changed_pages(sender, page_ids, **kwargs):
    index_pages(affected_page_ids(page_ids))
