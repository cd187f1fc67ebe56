"""One path for every change the public can see.

Whatever changes what the public sees (publish, unpublish, move, delete, a
view restriction, a catalog entry, an import, the demo and benchmark loaders)
calls `announce(pages)` with the pages it touched, directly or through the
Wagtail and model signals wired in `core.signals`. Subscribers to
`content_changed` follow from it: search documents, the page cache's content
version, Wagtail's admin search index. Nothing replays them by hand.

`announce` runs the subscribers at once, inside the caller's transaction, so
search documents commit or roll back with the change itself. Inside
`batch()` the pages are collected and announced once on leaving the block, so
a ten-thousand-row import costs one round of subscriber work, not ten
thousand.
"""

import contextlib
import contextvars

from django.dispatch import Signal

# Sent with `page_ids`: a frozenset of ids of pages that changed, were
# created or were deleted. Receivers work out what depends on them.
content_changed = Signal()

_pending = contextvars.ContextVar("pending_page_ids", default=None)


def announce(pages):
    """Tell every subscriber that `pages` (pages or ids) changed."""
    ids = frozenset(getattr(page, "pk", page) for page in pages)
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
        return
    content_changed.send(sender=announce, page_ids=ids)


@contextlib.contextmanager
def batch():
    """Collect announcements made inside the block and send them once."""
    if _pending.get() is not None:  # nested: the outer block announces
        yield
        return
    token = _pending.set(set())
    try:
        yield
        ids = _pending.get()
    finally:
        _pending.reset(token)
    content_changed.send(sender=announce, page_ids=frozenset(ids))
