"""Keeping the public search index in step with published pages.

Contract used by the rest of the project:
- `index_pages(pages)`: (re)index these pages now (live, public ones are
  indexed; anything else is removed from the index).
- `deferred()`: a context manager; page signals inside it are collected and
  indexed once when it exits (bulk imports use it).
"""

import contextlib


def index_pages(pages):
    """Placeholder until the search app lands."""


@contextlib.contextmanager
def deferred():
    yield
