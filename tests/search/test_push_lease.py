"""Elasticsearch sync: one pusher at a time through a lease in the database,
catch-up when a pusher starts, and an outage of the search server (stopped
and started mid-run) loses nothing.

Pushers running in threads beside the test's own writes need PostgreSQL:
the SQLite test database is shared-cache memory, where a second writer fails
at once instead of waiting. The same behaviours are also proved step by
step (the pusher's `step()` called in the test's thread) on both databases.
"""

import time
import uuid

import pytest
from django.contrib.auth.models import User
from django.db import connection

from search import service
from search.engines import elastic, elastic_push, get_engine
from search.query import parse
from tests import factories
from tests.search import noida

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_tree")]


def titles(q):
    return sorted(item["title"] for item in service.run(parse({"q": q}))["results"])


@pytest.fixture
def quick_lease(monkeypatch):
    monkeypatch.setattr(elastic_push, "LEASE_SECONDS", 2)
    monkeypatch.setattr(elastic_push, "POLL_SECONDS", 0.1)
    monkeypatch.setattr(elastic_push, "MAX_BACKOFF", 0.3)


@pytest.fixture
def on_elasticsearch(settings, elasticsearch_url, quick_lease):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.SEARCH_INDEX_PREFIX = f"test-lease-{uuid.uuid4().hex[:8]}"
    return get_engine()


@pytest.fixture(scope="module")
def restartable_server(tmp_path_factory):
    """A noida-db of this module's own, so stopping it spares other tests."""
    data_dir = tmp_path_factory.mktemp("noida-restart")
    url, stop = noida.start(data_dir)
    yield url, data_dir
    stop()


def server(data_dir, action):
    import subprocess

    subprocess.run(
        [noida.binary(), action, "elasticsearch", "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
        timeout=60,
    )


def status():
    return elastic_push.status(get_engine().cursor_name)


threaded = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writers need PostgreSQL"
)


@pytest.fixture
def no_background_pusher(monkeypatch):
    """Commits wake nobody: the test drives a pusher's steps itself."""
    monkeypatch.setattr(elastic, "schedule_push", lambda: None)


@pytest.fixture
def two_pushers(monkeypatch):
    loops = [elastic_push.PushLoop(get_engine, "甲"), elastic_push.PushLoop(get_engine, "乙")]
    monkeypatch.setattr(elastic_push, "_loop", loops[0].start())  # commits wake this one
    loops[1].start()
    yield loops
    for loop in loops:
        loop.stop(release=False)


@threaded
def test_one_pusher_at_a_time_and_a_dead_holder_is_replaced(on_elasticsearch, two_pushers):
    first, second = two_pushers
    for number in range(12):
        factories.product(title=f"租约测试血压计{number:02d}")
    assert elastic.wait_until_pushed(timeout=20)
    pushers = {loop.holder: loop.pushed_rows for loop in (first, second)}
    assert sorted(bool(rows) for rows in pushers.values()) == [False, True], pushers
    assert len(titles("租约测试血压计")) == 12

    holder, standby = (first, second) if first.pushed_rows else (second, first)
    holder.stop(release=False)  # dies holding the lease
    elastic_push._loop = standby
    sent_before = holder.pushed_rows
    factories.product(title="租约测试血压计接班")
    assert elastic.wait_until_pushed(timeout=20)
    assert standby.pushed_rows > 0 and holder.pushed_rows == sent_before
    assert status()["holder"] == standby.holder
    assert len(titles("租约测试血压计")) == 13
    standby.stop()
    assert status()["holder"] == ""


@threaded
def test_a_pusher_starting_catches_up_on_what_waited(on_elasticsearch, no_background_pusher):
    factories.product(title="补推测试监护仪")
    assert status()["pending"] > 0
    loop = elastic_push.PushLoop(get_engine).start()  # a worker starts
    try:
        assert elastic.wait_until_pushed(timeout=20)
        assert titles("补推测试监护仪") == ["补推测试监护仪"]
    finally:
        loop.stop()


@threaded
def test_an_outage_queues_changes_and_drains_them_when_the_server_returns(
    settings, restartable_server, quick_lease, client
):
    url, data_dir = restartable_server
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = f"test-outage-{uuid.uuid4().hex[:8]}"
    before = factories.product(title="停机测试呼吸机旧款")
    assert elastic.wait_until_pushed(timeout=20)
    assert titles("停机测试呼吸机") == ["停机测试呼吸机旧款"]

    server(data_dir, "stop")
    try:
        factories.product(title="停机测试呼吸机新款")
        factories.product(title="停机测试呼吸机二代")
        before.unpublish()
        deadline = time.monotonic() + 20
        while not status()["failing_since"] and time.monotonic() < deadline:
            time.sleep(0.1)
        waiting = status()
        assert waiting["pending"] >= 3 and waiting["failing_since"] and waiting["last_error"]
        # Staff see the lag in the admin.
        client.force_login(User.objects.create_superuser("admin", "a@example.com", "pw"))
        report = client.get("/admin/reports/search-queries/").content.decode()
        assert f"{waiting['pending']} 条变化等待推送" in report and "推送失败" in report
    finally:
        server(data_dir, "start")

    assert elastic.wait_until_pushed(timeout=30)
    assert titles("停机测试呼吸机") == ["停机测试呼吸机二代", "停机测试呼吸机新款"]
    drained = status()
    assert drained["pending"] == 0 and drained["failing_since"] is None
    assert drained["pushed_at"] is not None


@threaded
def test_an_index_lost_with_the_server_is_refilled(settings, restartable_server, quick_lease):
    url, _data_dir = restartable_server
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = f"test-lost-{uuid.uuid4().hex[:8]}"
    factories.product(title="丢失索引测试超声仪")
    assert elastic.wait_until_pushed(timeout=20)
    engine = get_engine()
    for index in list(engine.client.indices.get_alias(name=engine.alias)):
        engine.client.indices.delete(index=index)  # as a server that lost its data
    factories.product(title="丢失索引测试超声仪二代")
    assert elastic.wait_until_pushed(timeout=20)
    assert titles("丢失索引测试超声仪") == ["丢失索引测试超声仪", "丢失索引测试超声仪二代"]


def test_step_by_step_one_holder_catch_up_outage_and_drain(
    settings, restartable_server, quick_lease, no_background_pusher
):
    url, data_dir = restartable_server
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = f"test-steps-{uuid.uuid4().hex[:8]}"
    first, second = elastic_push.PushLoop(get_engine, "甲"), elastic_push.PushLoop(get_engine, "乙")
    factories.product(title="逐步测试除颤仪甲")  # written while no pusher runs
    assert status()["pending"] > 0

    first.attempt()  # starts: takes the lease and catches up at once
    second.step()  # stands by
    assert (first.pushed_rows > 0, second.pushed_rows) == (True, 0)
    assert status()["pending"] == 0 and status()["holder"] == "甲"
    assert titles("逐步测试除颤仪") == ["逐步测试除颤仪甲"]

    server(data_dir, "stop")
    try:
        factories.product(title="逐步测试除颤仪乙")
        first.attempt()  # fails: the rows stay queued, the failure is recorded
        assert first.backoff > 0
        waiting = status()
        assert waiting["pending"] > 0 and waiting["failing_since"] and waiting["last_error"]
    finally:
        server(data_dir, "start")
    first.attempt()
    assert status()["pending"] == 0 and status()["failing_since"] is None
    assert titles("逐步测试除颤仪") == ["逐步测试除颤仪乙", "逐步测试除颤仪甲"]

    # The holder dies without releasing: the standby takes over once the lease runs out.
    factories.product(title="逐步测试除颤仪丙")
    assert second.step() and second.pushed_rows == 0
    time.sleep(elastic_push.LEASE_SECONDS + 0.1)
    second.step()
    assert second.pushed_rows > 0 and status()["holder"] == "乙"
    assert len(titles("逐步测试除颤仪")) == 3
