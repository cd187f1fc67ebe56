"""Search benchmark: build the index for N synthetic products and time queries.

    python bench/search.py                 # 1k, 10k and 100k, embedded; Elasticsearch at 1k
    python bench/search.py --sizes 1000 --no-elasticsearch
    python bench/search.py --sizes 100000 --no-elasticsearch --data-dir var/bench

Each size runs in a child process on a fresh SQLite database, with the
default synonym vocabulary loaded (every query is expanded through it). Printed per
engine: index build time and docs/s, then p50/p95 per query type, both in the
engine and through /api/search/ (Django test client, the whole view).
The embedded engine is measured as a web worker meets it: after the build a
fresh process (the "worker") sets up Django, opens the engine's snapshot and
answers one query; its cold start is the wall time from spawning it to that
answer, and its RSS is read after it has run the whole query mix. For
Elasticsearch (the noida-db test server unless ELASTICSEARCH_URL is set) it
prints the engine's own `took`, the site's time beyond it, and the number of
round trips per request. noida-db scans every document per query, so its
figures prove behaviour, not production speed.
With --data-dir the databases and snapshots stay there, and a later run at
the same size measures them again without rebuilding (100k takes minutes).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 30


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, repeat=REPEAT):
    """(p50, p95) of wall time and p95 of this thread's CPU time, in ms: on a
    shared machine the CPU time shows what waiting for a core hides."""
    function()  # warm-up
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        function()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    return statistics.median(samples), percentile(samples, 0.95), percentile(cpu, 0.95)


def query_mix():
    from directory.models import CatalogPage, EnterprisePage, ProductPage

    product = ProductPage.objects.filter(registration_no__contains="械注准").order_by("pk")[100]
    enterprise = EnterprisePage.objects.order_by("pk")[50]
    catalog = CatalogPage.objects.get(slug="bench-catalog")
    return {
        "two characters (乳腺)": {"q": "乳腺"},
        "two characters, every doc (示例)": {"q": "示例"},
        "name": {"q": product.title},
        "registration no.": {"q": product.registration_no},
        "registration tail": {"q": product.registration_no[-7:]},
        "credit code": {"q": enterprise.credit_code},
        "filtered": {"q": "示例", "device_class": "2", "region": "中山市", "kind": "product"},
        "faceted, no words": {"kind": "product", "catalog": str(catalog.pk), "sort": "name"},
        "sorted by name (示例)": {"q": "示例", "sort": "name", "page": "3"},
        "traditional (數字乳腺)": {"q": "數字乳腺"},
        "synonym (X光机)": {"q": "X光机"},
        "trade name (拜新同)": {"q": "拜新同"},
        "pinyin (ruxian)": {"q": "ruxian"},
        "initials (xyy)": {"q": "xyy"},
        "question (有没有治疗高血压的药)": {"q": "有没有治疗高血压的药"},
        "registration year (国械注准2019)": {"q": "国械注准2019"},
        "two words (中山 乳腺)": {"q": "中山 乳腺"},
    }


def measure(engine_name, mix):
    from django.test import Client

    from search.engines import get_engine
    from search.query import parse

    client = Client()
    engine = get_engine()
    rows = []
    for label, params in mix.items():
        query = parse(params)
        engine_p50, engine_p95, engine_cpu = timed(lambda q=query: engine.search(q))
        api_p50, api_p95, _ = timed(lambda p=params: client.get("/api/search/", p))
        count = engine.search(query).count
        rows.append((label, count, engine_p50, engine_p95, engine_cpu, api_p50, api_p95))
    suggest = timed(lambda: engine.suggest("ruxian"))
    print(
        f"  {'query':34} {'hits':>7} {'engine p50':>10} {'p95':>7} {'cpu p95':>7}"
        f" {'api p50':>8} {'p95':>7}  (ms)"
    )
    for label, count, ep50, ep95, ecpu, ap50, ap95 in rows:
        print(
            f"  {label:34} {count:7d} {ep50:10.2f} {ep95:7.2f} {ecpu:7.2f} {ap50:8.2f} {ap95:7.2f}"
        )
    print(
        f"  {'suggest (ruxian)':34} {'':7} {suggest[0]:10.2f} {suggest[1]:7.2f} {suggest[2]:7.2f}"
    )
    worst = max(row[3] for row in rows)
    worst_cpu = max(row[4] for row in rows)
    worst_api = max(row[6] for row in rows)
    print(
        f"  worst p95: engine {worst:.2f} ms (CPU {worst_cpu:.2f} ms),"
        f" /api/search/ {worst_api:.2f} ms [{engine_name}]"
    )


def measure_elasticsearch(mix):
    """Time in the engine (the search call's round trip), the site's own time
    beyond it, and round trips per request."""
    from django.test import Client

    from search.engines import get_engine
    from search.query import parse

    engine = get_engine()
    client = Client()
    calls = []
    original = engine.client.search

    def counting_search(*args, **kwargs):
        start = time.perf_counter()
        response = original(*args, **kwargs)
        calls.append((time.perf_counter() - start) * 1000)  # noida-db reports `took` as 0
        return response

    engine.client.search = counting_search
    print(
        f"  {'query':34} {'hits':>7} {'api p50':>8} {'engine p50':>11} {'site p50':>9} {'trips':>6}  (ms)"
    )
    for label, params in mix.items():
        count = engine.search(parse(params)).count
        totals, tooks, trips = [], [], []
        for _ in range(10):
            calls.clear()
            start = time.perf_counter()
            client.get("/api/search/", params)
            totals.append((time.perf_counter() - start) * 1000)
            tooks.append(sum(calls))
            trips.append(len(calls))
        total, took = statistics.median(totals), statistics.median(tooks)
        print(
            f"  {label:34} {count:7d} {total:8.1f} {took:11.1f} {total - took:9.1f} {max(trips):6d}"
        )


def setup_django():
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["ELASTICSEARCH_URL"] = ""
    import django

    django.setup()


def memory():
    """(current, peak) resident set of this process in MiB."""
    status = Path("/proc/self/status").read_text()
    values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return tuple(int(values[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM"))


def worker():
    """A fresh web worker: Django, the engine, one query; then the mix."""
    mix = json.loads(sys.stdin.read())
    start = time.perf_counter()
    setup_django()
    django_ready = time.perf_counter()
    from search.engines import get_engine
    from search.query import parse

    get_engine().search(parse({"q": "乳腺"}))
    answered = time.perf_counter()
    print("ready", flush=True)
    rss, _ = memory()
    print(
        f"  worker: Django set up in {django_ready - start:.2f} s, engine opened and first"
        f" query answered in {answered - django_ready:.2f} s ({time.process_time():.2f} s CPU"
        f" since the process started); RSS {rss:.0f} MiB"
    )
    measure("embedded", mix)
    rss, peak = memory()
    print(f"  worker after the query mix: RSS {rss:.0f} MiB (peak {peak:.0f} MiB)")


def start_worker(mix):
    """Spawn a worker; return the seconds until it has answered its first query."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    process.stdin.write(json.dumps(mix))
    process.stdin.close()
    for line in process.stdout:
        if line.strip() == "ready":
            print(
                f"  worker cold start (spawn → Django → engine → first answer): "
                f"{time.perf_counter() - start:.2f} s",
                flush=True,
            )
            break
        print(line, end="")
    for line in process.stdout:
        print(line, end="", flush=True)
    if process.wait():
        raise SystemExit(f"worker failed ({process.returncode})")


def child(size, elasticsearch_url):
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from directory.models import ProductPage
    from search import indexing
    from search.engines import get_engine
    from search.engines.embedded import snapshot, write_snapshot
    from search.models import SearchDocument

    call_command("migrate", verbosity=0)
    if SearchDocument.objects.filter(deleted=False).count() > size:  # kept from a run
        print(f"\n== {ProductPage.objects.count()} products (kept from an earlier run)")
        start_worker(query_mix())
        return
    start = time.perf_counter()
    call_command("load_demo", scale=size, verbosity=0)
    loaded = time.perf_counter() - start
    products = ProductPage.objects.count()
    print(f"\n== {products} products (load_demo --scale {size}: {loaded:.1f} s)")

    start = time.perf_counter()
    indexing.rebuild()  # documents, then the embedded engine's snapshot
    built = time.perf_counter() - start
    documents = SearchDocument.objects.filter(deleted=False).count()
    print(f"  search documents and snapshot: {documents} in {built:.1f} s")
    start = time.perf_counter()
    name = write_snapshot()
    written = time.perf_counter() - start
    folder = snapshot.database_folder() / name
    size_mb = sum(f.stat().st_size for f in folder.iterdir()) / 2**20
    print(
        f"  snapshot alone: {written:.1f} s ({documents / written:.0f} docs/s), {size_mb:.0f} MiB"
    )
    mix = query_mix()
    start_worker(mix)

    if elasticsearch_url:
        settings.ELASTICSEARCH_URL = elasticsearch_url
        settings.SEARCH_INDEX_PREFIX = f"bench-{os.getpid()}"
        engine = get_engine()
        start = time.perf_counter()
        engine.rebuild()
        built = time.perf_counter() - start
        print(f"\n  Elasticsearch index build: {built:.1f} s ({documents / built:.0f} docs/s)")
        measure_elasticsearch(mix)
        for index in engine.client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*"):
            engine.client.indices.delete(index=index)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-elasticsearch", action="store_true")
    parser.add_argument("--data-dir", help="keep (and reuse) the databases here")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--es-url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    if args.child:
        child(args.child, args.es_url)
        return
    stop = None
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    with tempfile.TemporaryDirectory() as tmp:
        if args.data_dir:
            tmp = str(Path(args.data_dir).resolve())
            Path(tmp).mkdir(parents=True, exist_ok=True)
        if not args.no_elasticsearch and not es_url:
            sys.path.insert(0, str(ROOT))
            from tests.search import noida

            es_url, stop = noida.start(Path(tmp) / "noida")
        try:
            for size in [int(s) for s in args.sizes.split(",")]:
                env = dict(
                    os.environ,
                    DATABASE_URL=f"sqlite:///{tmp}/bench-{size}.sqlite3",
                    PORTAL_VAR_DIR=tmp,
                )
                command = [sys.executable, __file__, "--child", str(size)]
                if es_url and size <= 1000:
                    command += ["--es-url", es_url]
                subprocess.run(command, env=env, check=True)
        finally:
            if stop:
                stop()


if __name__ == "__main__":
    main()
