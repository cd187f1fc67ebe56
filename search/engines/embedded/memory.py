"""Keep freed memory for the next query instead of handing it back.

A query over 100,000 slots makes a dozen temporary arrays of about 1 MB.
glibc's malloc serves blocks that size with fresh mmaps, or trims them off
the heap when freed, so every query touched hundreds of new pages: the
page faults cost more than the arithmetic (0.4 ms against 2 ms for a
score). Raising both thresholds keeps those blocks in the heap, reused
query after query; the heap stays as large as one query's arrays.
"""

import ctypes
import functools

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 32 * 2**20
TRIM_THRESHOLD_BYTES = 128 * 2**20


@functools.cache
def keep_freed_memory():
    """Set malloc's thresholds, once a process, where the C library is glibc
    (else nothing). The process's own symbols hold malloc's: no library
    search, which would run ldconfig."""
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    if mallopt is None:
        return False
    return bool(
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
        and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
    )
