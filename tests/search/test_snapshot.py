"""The embedded engine's snapshot on disk: a worker that opens it answers
like one that read every row, finds what changed after it, never trusts a
damaged one, and sorts names by pinyin."""

import numpy as np
import pytest

from core.ordering import sorted_by_pinyin
from search.engines.embedded import EmbeddedEngine, engine, snapshot
from search.query import parse
from tests import factories
from tests.search.helpers import search, titles

pytestmark = pytest.mark.django_db
# The catalogue fixture runs on both engines; the snapshot is the embedded one's.
embedded_only = pytest.mark.parametrize("search_engine", ["embedded"], indirect=True)

QUERIES = [
    {"q": "乳腺"},
    {"q": "ruxian"},
    {"q": "rx"},
    {"q": "数字乳腺X射线机"},
    {"q": "浙械注准20202060456"},
    {"q": "X光机"},
    {"q": "牙"},
    {"kind": "product", "sort": "name"},
    {"q": "示例", "sort": "newest"},
    {"q": "宁波 乳腺", "device_class": "2"},
]


def answers(worker):
    """Everything a search answers with, for each of QUERIES, and suggestions."""
    out = []
    for params in QUERIES:
        results = worker.search(parse(params))
        out.append((results.count, results.documents, results.facets, results.matched))
    out.append([worker.suggest(prefix) for prefix in ("乳腺", "rux", "sz")])
    return out


def new_worker(first):
    """An engine as a worker process starts it: nothing in memory. (Rolled
    back tests reuse ids, so snapshots of earlier tests are older than `first`
    started: in a real database every older snapshot is an earlier state.)"""
    worker = EmbeddedEngine()
    worker.not_before = first.not_before
    return worker


def fresh_build():
    """An engine that ignores every snapshot written so far: reads every row."""
    worker = EmbeddedEngine()
    worker.reset()
    return worker


@pytest.fixture
def first_worker(catalogue):
    """The catalogue, and a worker that has built and written a snapshot."""
    worker = fresh_build()
    worker.refresh()
    assert worker.view.name in snapshot.snapshot_names(worker.folder)
    return worker


@embedded_only
def test_a_worker_opening_the_snapshot_answers_as_a_fresh_build(first_worker):
    second = new_worker(first_worker)
    second.refresh()
    assert second.view.name == first_worker.view.name  # opened, not rebuilt
    assert isinstance(second.view.base.arrays["text.slots"].base, np.memmap)
    assert answers(second) == answers(fresh_build()) == answers(first_worker)


@embedded_only
def test_changes_after_the_snapshot_are_found_and_removals_disappear(first_worker, catalogue):
    worker = new_worker(first_worker)
    worker.refresh()
    opened = worker.view.name
    handpiece = catalogue["handpiece"]
    handpiece.title = "一次性高速牙科手机"
    handpiece.save_revision().publish()
    catalogue["screening"].unpublish()
    new = factories.product(catalogue["dobi"], title="乳腺超声诊断仪")
    found = {d["title"] for d in worker.search(parse({"q": "乳腺"})).documents}
    assert found == {"数字乳腺X射线机", "乳腺超声诊断仪"}
    assert [d["title"] for d in worker.search(parse({"q": "牙科手机"})).documents] == [
        "一次性高速牙科手机"
    ]
    assert worker.view.name == opened and len(worker.view.delta) == 2
    assert answers(worker) == answers(fresh_build())
    new.unpublish()
    assert "乳腺超声诊断仪" not in {
        d["title"] for d in worker.search(parse({"q": "乳腺"})).documents
    }
    assert worker.suggest("乳腺超声") == []


@embedded_only
@pytest.mark.parametrize(
    "damage",
    [
        lambda folder: (folder / "text.slots.npy").write_bytes(b"\x93NUMPY garbage"),
        lambda folder: (folder / "meta.json").write_text("{"),
        lambda folder: (folder / "documents.npy").unlink(),
        lambda folder: _truncate(folder / "document_offsets.npy"),
    ],
    ids=["garbage array", "broken meta", "missing file", "truncated offsets"],
)
def test_a_damaged_snapshot_is_ignored_and_rebuilt(first_worker, client, damage):
    folder = first_worker.folder / first_worker.view.name
    damage(folder)
    worker = new_worker(first_worker)
    found = answers(worker)
    assert worker.view.name != first_worker.view.name and not folder.exists()
    assert found == answers(fresh_build())
    response = client.get("/api/search/", {"q": "乳腺"})
    assert response.status_code == 200 and response.json()["count"] == 2


@embedded_only
def test_damaged_documents_found_while_answering_are_rebuilt(first_worker):
    folder = first_worker.folder / first_worker.view.name
    documents = folder / "documents.npy"
    data = bytearray(documents.read_bytes())
    data[200:] = b"\xff" * (len(data) - 200)  # same size, the header intact
    documents.write_bytes(bytes(data))
    worker = new_worker(first_worker)
    found = answers(worker)
    assert not folder.exists()
    assert found == answers(fresh_build())


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 8])


@embedded_only
def test_a_partial_snapshot_folder_is_never_opened(first_worker):
    partial = first_worker.folder / "tmp-writing"
    partial.mkdir()
    (partial / "meta.json").write_text("{")
    worker = new_worker(first_worker)
    worker.refresh()
    assert worker.view.name == first_worker.view.name


@embedded_only
def test_only_one_worker_writes_at_a_time(first_worker):
    with snapshot.writer_lock(first_worker.folder, wait=False) as mine:
        assert mine
        with snapshot.writer_lock(first_worker.folder, wait=False) as theirs:
            assert not theirs


@embedded_only
def test_a_large_delta_is_written_as_a_new_snapshot(first_worker, catalogue, monkeypatch):
    monkeypatch.setattr(engine, "REWRITE_AFTER", 1)
    worker = new_worker(first_worker)
    worker.background = False
    worker.refresh()
    opened = worker.view.name
    for title in ("乳腺超声诊断仪", "乳腺钼靶机"):
        factories.product(catalogue["dobi"], title=title)
    worker.refresh()  # the delta passes the threshold: a snapshot is written
    worker.swap_checked = 0.0
    worker.refresh()
    assert worker.view.name != opened and len(worker.view.delta) == 0
    assert worker.search(parse({"q": "乳腺"})).count == 4
    assert answers(worker) == answers(fresh_build())


NAMES = ["中频治疗仪", "安全注射器", "白内障超声乳化仪", "长春医用口罩"]


def test_names_sort_by_pinyin(search_engine):
    dobi = factories.enterprise(title="宁波杜比医疗科技有限公司")
    for title in NAMES:
        factories.product(dobi, title=title)
    search_engine.sync()
    by_name = titles(search(kind="product", sort="name"))
    assert (
        by_name
        == sorted_by_pinyin(NAMES)
        == ["安全注射器", "白内障超声乳化仪", "长春医用口罩", "中频治疗仪"]
    )


def test_names_added_after_the_snapshot_take_their_pinyin_place(settings):
    settings.ELASTICSEARCH_URL = ""
    dobi = factories.enterprise(title="宁波杜比医疗科技有限公司")
    for title in NAMES:
        factories.product(dobi, title=title)
    worker = fresh_build()
    worker.refresh()
    for title in ("碘伏棉签", "阿司匹林肠溶片", "注射用水"):
        factories.product(dobi, title=title)
    found = [
        d["title"] for d in worker.search(parse({"kind": "product", "sort": "name"})).documents
    ]
    assert len(worker.view.delta) == 3
    assert found == sorted_by_pinyin(NAMES + ["碘伏棉签", "阿司匹林肠溶片", "注射用水"])
