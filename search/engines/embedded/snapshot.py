"""Snapshots of the embedded index on disk, shared by every worker.

One folder per database under settings.VAR_DIR/search-index/, holding one
folder per snapshot named `<last id>-<time written>`: numpy arrays (opened
with mmap_mode="r", so workers share the pages through the OS) and
meta.json. A snapshot is written under a temporary name and renamed when
complete, so a reader never sees half of one; the newest that opens wins,
and one that does not open (damaged, truncated) is removed and ignored.
Writers take an exclusive lock so that workers do not all build at once.
"""

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection

from .segment import Segment

logger = logging.getLogger(__name__)
# The arrays' layout, and the Python version: documents are stored with marshal.
FORMAT = f"3-py{sys.version_info.major}.{sys.version_info.minor}"
KEEP = 2  # snapshots kept per database (a worker may still read the older)


def database_folder():
    """The folder of this database's snapshots. The name tells databases
    apart even when they are recreated under the same name (PostgreSQL's
    database oid, the SQLite file's inode); an in-memory database lives
    only in this process."""
    vendor, name = connection.vendor, str(connection.settings_dict.get("NAME"))
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
            identity = f"{cursor.fetchone()[0]}"
        settings_dict = connection.settings_dict
        name = f"{settings_dict.get('HOST')}:{settings_dict.get('PORT')}/{name}"
    elif vendor == "sqlite" and connection.is_in_memory_db():
        identity = f"memory-{os.getpid()}"
    else:
        identity = str(os.stat(name).st_ino) if os.path.exists(name) else "none"
    digest = hashlib.blake2b(f"{vendor}|{name}".encode(), digest_size=6).hexdigest()
    folder = Path(settings.VAR_DIR) / "search-index" / f"{vendor}-{digest}-{identity}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snapshot_names(folder):
    """Complete snapshots, the newest written first."""
    names = [p.name for p in folder.iterdir() if p.is_dir() and re.fullmatch(r"\d+-\d+", p.name)]
    return sorted(names, key=written_at, reverse=True)


def _order(name):
    last_id, written = name.split("-", 1)
    return int(last_id), int(written)


def written_at(name):
    return _order(name)[1]


def last_id_of(name):
    return _order(name)[0]


def save(folder, arrays, meta):
    """Write a snapshot; return its name."""
    temporary = folder / f"tmp-{uuid.uuid4().hex}"
    temporary.mkdir()
    try:
        for name, array in arrays.items():
            np.save(temporary / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        meta = {**meta, "format": FORMAT, "arrays": sorted(arrays)}
        (temporary / "meta.json").write_text(json.dumps(meta, ensure_ascii=False))
        name = f"{meta['last_id']}-{time.time_ns()}"
        os.rename(temporary, folder / name)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    _remove_old(folder)
    return name


def open_snapshot(folder, name):
    """The snapshot as a Segment, or None (and removed) if it does not open."""
    path = folder / name
    try:
        meta = json.loads((path / "meta.json").read_text())
        if meta.get("format") != FORMAT:
            raise ValueError(f"snapshot format {meta.get('format')}")
        # Plain ndarray views of the maps: np.memmap's own slicing is slow.
        arrays = {
            array: np.load(path / f"{array}.npy", mmap_mode="r").view(np.ndarray)
            for array in meta["arrays"]
        }
        return Segment(arrays, meta)
    except Exception:
        logger.warning("Search snapshot %s is damaged; it is ignored", path, exc_info=True)
        shutil.rmtree(path, ignore_errors=True)
        return None


def remove(folder, name):
    shutil.rmtree(folder / name, ignore_errors=True)


def _remove_old(folder):
    for name in snapshot_names(folder)[KEEP:]:
        shutil.rmtree(folder / name, ignore_errors=True)
    for stale in folder.glob("tmp-*"):  # left by a writer that died
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def writer_lock(folder, wait):
    """Yield True if this process may write a snapshot now. With `wait`, wait
    for a writer elsewhere to finish first (then look for its snapshot)."""
    with open(folder / "write.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
