"""The embedded engine: answers from a snapshot of the SearchDocument table
on disk (shared by every worker through mmap) plus the rows written after
it, which each process reads itself (one indexed query per search), so a
publish shows up in every worker on its next search.

A worker opens the newest snapshot; when there is none it builds one (one
worker at a time, the others wait for it). When the rows after the snapshot
grow past REWRITE_AFTER, a worker starts `manage.py write_search_snapshot`
in the background and every worker swaps to the new snapshot within a
second.
"""

import logging
import os
import subprocess
import sys
import threading
import time

import numpy as np
from django.conf import settings
from django.db import connection

from search.models import SearchDocument

from . import snapshot
from .matching import Searcher
from .memory import keep_freed_memory
from .segment import Segment, SegmentBuilder, SegmentDamaged
from .view import View

logger = logging.getLogger(__name__)
# On PostgreSQL ids can commit out of order; re-read this many recent rows
# once a second so a late commit is never missed.
LOOKBACK_ROWS = 500
LOOKBACK_SECONDS = 1.0
SWAP_CHECK_SECONDS = 1.0
# A new snapshot is written when this many rows came after it (or a tenth
# of its size, whichever is more).
REWRITE_AFTER = 2000
REWRITE_PAUSE_SECONDS = 60  # between attempts, should one fail


def build_segment():
    """A segment of every SearchDocument row, straight from the table."""
    builder = SegmentBuilder()
    rows = SearchDocument.objects.order_by("id").values_list("id", "key", "deleted", "data")
    for row in rows.iterator(chunk_size=2000):
        builder.add(*row)
    return builder.finish()


def write_snapshot(wait=True):
    """Build a snapshot of the current database and save it; return its
    name, or None when another process is writing one and `wait` is off."""
    folder = snapshot.database_folder()
    with snapshot.writer_lock(folder, wait=wait) as mine:
        if not mine:
            return None
        arrays, meta = build_segment()
        return snapshot.save(folder, arrays, meta)


def latest_document_id():
    """The newest search document's id: asked before every query, so in plain
    SQL (the ORM's aggregate costs ten times the index lookup)."""
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 (a model's own table)
        return cursor.fetchone()[0] or 0


class EmbeddedEngine:
    name = "embedded"

    def __init__(self):
        keep_freed_memory()
        self.view = None
        self.lock = threading.RLock()
        self.loaded_for = None
        self.folder = None
        self.not_before = 0  # snapshots written before a reset() are not used
        self.swap_checked = 0.0
        self.rewriting = None  # the process writing a new snapshot
        self.rewrite_started = -REWRITE_PAUSE_SECONDS
        self.background = True  # write new snapshots in another process

    # -- catching up with the database ------------------------------------
    def refresh(self):
        with self.lock:
            database = (connection.vendor, connection.settings_dict.get("NAME"))
            latest = latest_document_id()
            view = self.view
            if view is None or self.loaded_for != database or latest < view.last_id:
                self._open(database, latest)
            else:
                self._swap_if_newer(latest)
            self._catch_up(self.view, latest)
            view = self.view
            if len(view.delta) > max(REWRITE_AFTER, view.base.size // 10):
                self._rewrite()

    def _open(self, database, latest):
        self.view = self.loaded_for = None
        folder = self.folder = snapshot.database_folder()
        view = self._newest(folder, latest)
        if view is None:
            with snapshot.writer_lock(folder, wait=True):  # another worker may be writing
                view = self._newest(folder, latest) or self._build(folder)
        self.view, self.loaded_for = view, database
        self.swap_checked = time.monotonic()

    def _newest(self, folder, latest, newer_than=None):
        """A View of the newest usable snapshot (written after `newer_than`), or None."""
        for name in snapshot.snapshot_names(folder):
            if newer_than and snapshot.written_at(name) <= snapshot.written_at(newer_than):
                break
            last_id = snapshot.last_id_of(name)
            if snapshot.written_at(name) < self.not_before or last_id > latest:
                continue
            segment = snapshot.open_snapshot(folder, name)
            if segment is None:
                continue
            if self._fits(segment):
                return View(segment, name)
        return None

    @staticmethod
    def _fits(segment):
        """Whether the database's last row up to the snapshot's last id is one
        the snapshot holds: rows are only ever replaced by rows with higher
        ids, so one it does not know means another database's past. (One
        index lookup: counting rows would read the whole table from disk.)"""
        top = (
            SearchDocument.objects.filter(id__lte=segment.last_id)
            .order_by("-id")
            .values_list("id", flat=True)
            .first()
        )
        row_ids = segment.arrays["row_ids"]  # ascending: built in id order
        at = int(np.searchsorted(row_ids, top)) if top else 0
        return top is None or (at < len(row_ids) and row_ids[at] == top)

    def _build(self, folder):
        arrays, meta = build_segment()
        try:
            name = snapshot.save(folder, arrays, meta)
        except OSError:
            logger.warning("Search snapshot not written to %s", folder, exc_info=True)
            return View(Segment(arrays, meta))
        segment = snapshot.open_snapshot(folder, name)
        return View(segment, name) if segment else View(Segment(arrays, meta))

    def _swap_if_newer(self, latest):
        now = time.monotonic()
        if now - self.swap_checked < SWAP_CHECK_SECONDS:
            return
        self.swap_checked = now
        if self.view.name is None:  # built in memory: nothing on disk to compare
            return
        view = self._newest(self.folder, latest, newer_than=self.view.name)
        if view is not None:
            self.view = view

    def _catch_up(self, view, latest):
        now = time.monotonic()
        lookback = connection.vendor != "sqlite" and now - view.last_lookback > LOOKBACK_SECONDS
        if latest == view.last_id and not lookback:
            return
        since = view.last_id - LOOKBACK_ROWS if lookback else view.last_id
        if lookback:
            view.last_lookback = now
        fresh = [
            row_id
            for row_id, key in SearchDocument.objects.filter(id__gt=since).values_list("id", "key")
            if view.row_id(key) < row_id
        ]
        if fresh:
            view.apply(
                SearchDocument.objects.filter(id__in=fresh)
                .order_by("id")
                .values_list("id", "key", "deleted", "data")
            )

    def _rewrite(self):
        """Write a new snapshot (one process at a time); workers swap to it.
        In the background a separate process builds it, so this worker's
        memory does not grow by what building takes."""
        if self.rewriting is not None:
            if self.rewriting.poll() is not None:  # done: swap to it at the next search
                self.rewriting, self.swap_checked = None, 0.0
            return
        if time.monotonic() - self.rewrite_started < REWRITE_PAUSE_SECONDS:
            return
        self.rewrite_started = time.monotonic()
        if not self.background or (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            write_snapshot(wait=False)
            self.swap_checked = 0.0
            return
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "write_search_snapshot"]
        # Our own interpreter and manage.py, no outside input.
        self.rewriting = subprocess.Popen([*command, "--if-free"], env=environment)  # noqa: S603

    def reset(self):
        """Forget everything, including snapshots written so far; the next
        query reads the database again."""
        with self.lock:
            self.view = self.loaded_for = None
            self.not_before = time.time_ns()

    # -- answering ---------------------------------------------------------
    def search(self, query):
        return self._answer(lambda searcher: searcher.search(query))

    def suggest(self, prefix, limit=8):
        return self._answer(lambda searcher: searcher.suggest(prefix, limit))

    def _answer(self, ask):
        """Answer; a snapshot found damaged while reading it is removed and
        the question asked again of a new one."""
        for attempt in (1, 2):
            self.refresh()
            with self.lock:
                try:
                    return ask(Searcher(self.view))
                except SegmentDamaged:
                    if attempt == 2 or self.view.name is None:
                        raise
                    logger.warning("Search snapshot %s is damaged; rebuilding", self.view.name)
                    snapshot.remove(self.folder, self.view.name)
                    self.view = self.loaded_for = None
