"""One pusher sends SearchDocument rows to Elasticsearch, for all workers
and machines: a lease in the database.

Every web worker starts a `PushLoop` thread when it starts (config/wsgi.py
→ `search.engines.warm_up_in_background`), and `manage.py
push_search_index` runs the same loop in the foreground for a worker
process beside the web server. The loops compete for a lease on the
engine's `EngineCursor` row (one conditional UPDATE: free, expired, or
already ours). Only the holder pushes; the others stand by and try again
before the lease could have run out, so a holder that dies is replaced
within LEASE_SECONDS.

The holder pushes at once when it takes the lease (catch-up: whatever was
written while nobody pushed), when a commit in its own process wakes it,
and every POLL_SECONDS (commits in other processes). A push that fails
leaves the cursor where it was: the rows wait in SearchDocument and are sent
when the server answers again (retries back off up to 30 s). The cursor row
records the last success and the current failure, and the admin shows them
with the number of rows waiting (`status()`).
"""

import logging
import os
import socket
import threading
import time
import uuid
from datetime import timedelta

from django.db import IntegrityError, connections, transaction
from django.db.models import Q
from django.utils import timezone

from search.models import EngineCursor, SearchDocument

logger = logging.getLogger(__name__)

LEASE_SECONDS = 30
POLL_SECONDS = 2
# Without new rows the holder still pushes this often: the rows just below
# the cursor go again (one committed late), and an index the server lost
# is refilled.
RECHECK_SECONDS = 60
MAX_BACKOFF = 30


def holder_name():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def cursor_row(name):
    try:
        with transaction.atomic():
            return EngineCursor.objects.get_or_create(engine=name)[0]
    except IntegrityError:  # another process made it first
        return EngineCursor.objects.get(engine=name)


def take_lease(name, holder, seconds=None):
    """Take or renew the lease on `name`; True if `holder` now holds it."""
    cursor_row(name)
    now = timezone.now()
    free = Q(lease_holder=holder) | Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    rows = EngineCursor.objects.filter(free, engine=name)
    if not rows.exists():  # held by another: a read, so standing by writes nothing
        return False
    until = now + timedelta(seconds=seconds or LEASE_SECONDS)
    return rows.update(lease_holder=holder, lease_until=until) == 1


def release_lease(name, holder):
    EngineCursor.objects.filter(engine=name, lease_holder=holder).update(
        lease_holder="", lease_until=None
    )


def record_success(name):
    EngineCursor.objects.filter(engine=name).update(
        pushed_at=timezone.now(), failing_since=None, last_error=""
    )


def record_failure(name, error):
    now = timezone.now()
    rows = EngineCursor.objects.filter(engine=name)
    rows.filter(failing_since__isnull=True).update(failing_since=now)
    rows.update(last_error=str(error)[:2000])


def status(name):
    """For the admin: how far behind Elasticsearch is, and why."""
    cursor = EngineCursor.objects.filter(engine=name).first()
    last_id = cursor.last_id if cursor else 0
    now = timezone.now()
    return {
        "engine": name,
        "pending": SearchDocument.objects.filter(id__gt=last_id).count(),
        "pushed_at": cursor.pushed_at if cursor else None,
        "failing_since": cursor.failing_since if cursor else None,
        "last_error": cursor.last_error if cursor else "",
        "holder": cursor.lease_holder
        if cursor and cursor.lease_until and cursor.lease_until > now
        else "",
    }


class PushLoop:
    """Hold the lease and push, or stand by until the lease is free."""

    def __init__(self, engine_factory, holder=None):
        self.engine_factory = engine_factory
        self.holder = holder or holder_name()
        self.wake = threading.Event()
        self.stopped = threading.Event()
        self.pushed_rows = 0  # what this loop sent (tests prove one pusher)
        self.checked_at = None
        self.name = None  # the cursor row whose lease this loop competes for
        self.renew_at = 0.0  # monotonic time from which the held lease is renewed
        self.backoff = 0
        self.thread = None

    def start(self):
        self.thread = threading.Thread(target=self.run, name="search-push", daemon=True)
        self.thread.start()
        return self

    def stop(self, release=True):
        """Stop the loop; `release=False` leaves the lease to run out, as a
        process that died would."""
        self.stopped.set()
        self.wake.set()
        if self.thread:
            self.thread.join(timeout=LEASE_SECONDS)
        if release and self.name:
            release_lease(self.name, self.holder)

    def run(self):
        while not self.stopped.is_set():
            try:
                wait = self.attempt()
            finally:
                connections.close_all()  # this thread's own; never held while waiting
            self.wake.wait(wait)
            self.wake.clear()

    def attempt(self):
        """One step; a failure is recorded and retried with backoff."""
        try:
            wait = self.step()
            self.backoff = 0
        except Exception as error:  # a pusher that dies would silently stop sync
            self.backoff = min(max(self.backoff * 2, 0.5), MAX_BACKOFF)
            wait = self.backoff
            logger.warning("search push failed, retrying in %.1fs: %s", wait, error)
            self._note_failure(error)
        return wait

    def step(self):
        """Push if we hold the lease; return how long to wait before the next step."""
        engine = self.engine_factory()
        if not hasattr(engine, "cursor_name"):  # Elasticsearch switched off
            self.stopped.set()
            return 0
        name = self.name = engine.cursor_name
        if not self.hold(name):
            return LEASE_SECONDS / 3
        due = self.checked_at is None or time.monotonic() - self.checked_at > RECHECK_SECONDS
        if not due and not engine.has_pending():
            return POLL_SECONDS
        # Asked before every batch: a holder that lost the lease stops sending.
        self.pushed_rows += engine.push_pending(
            still_holding=lambda: not self.stopped.is_set() and self.hold(name)
        )
        record_success(name)
        if due:
            self.checked_at = time.monotonic()
        return POLL_SECONDS

    def hold(self, name):
        """Whether we hold the lease, renewing it once half of it has passed
        (so a holder writes the lease row every LEASE_SECONDS / 2 at most)."""
        if time.monotonic() < self.renew_at:
            return True
        if take_lease(name, self.holder):
            self.renew_at = time.monotonic() + LEASE_SECONDS / 2
            return True
        self.renew_at = 0.0
        return False

    def _note_failure(self, error):
        if not self.name:
            return
        try:
            record_failure(self.name, error)
        except Exception:  # the database may be what failed
            logger.exception("could not record the search push failure")


_loop = None
_loop_lock = threading.Lock()


def running_loop(engine_factory):
    """This process's loop, started on first use."""
    global _loop
    with _loop_lock:
        if _loop is None or _loop.stopped.is_set() or not _loop.thread.is_alive():
            _loop = PushLoop(engine_factory).start()
        return _loop


def wait_until_pushed(name, timeout=10):
    """Block until no row waits for Elasticsearch (tests and commands)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not SearchDocument.objects.filter(id__gt=cursor_row(name).last_id).exists():
            return True
        time.sleep(0.1)
    return False
