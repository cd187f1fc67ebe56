"""Download benchmark: a catalog of N entries as CSV and XLSX, time and memory.

    python bench/downloads.py                  # 100,000 entries
    python bench/downloads.py --entries 10000

Runs in a child process on a fresh SQLite database (or DATABASE_URL with
--database-url). `load_demo --scale N` writes N benchmark products in bulk;
all of them go into one catalog. Each download goes through the whole view
(Django test client) and is read to the end. Printed per format: wall time,
file size, the peak of Python allocations while serving it (tracemalloc, in
a second run, since tracing slows it down) and the process's peak RSS.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_catalog(size):
    import datetime

    from django.core.management import call_command
    from django.db import transaction

    from core.changes import announce
    from directory.models import CatalogEntry, CatalogIndexPage, CatalogPage, ProductPage

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("load_demo", scale=size, verbosity=0)
    print(f"  load_demo --scale {size}: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    with transaction.atomic():
        catalog = CatalogPage(
            title="下载基准目录",
            slug="bench-download",
            kind="enterprise_product",
            issuing_body="示例单位",
            published_on=datetime.date(2025, 6, 1),
        )
        CatalogIndexPage.objects.get().add_child(instance=catalog)
        ids = ProductPage.objects.filter(slug__startswith="bench-product-").order_by("pk")
        CatalogEntry.objects.bulk_create(
            (
                CatalogEntry(catalog=catalog, product_id=pk, sort_order=n)
                for n, pk in enumerate(ids.values_list("pk", flat=True)[:size].iterator())
            ),
            batch_size=5000,
        )
        announce([catalog])
    entries = catalog.get_entries().count()
    print(f"  catalog of {entries} public entries: {time.perf_counter() - start:.1f} s")
    return catalog


def serve(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response, sum(len(chunk) for chunk in response)


def child(size):
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.test import Client

    catalog = build_catalog(size)
    client = Client()
    print(f"  {'format':6} {'time':>8} {'size':>9} {'peak alloc':>11} {'peak RSS':>9} streamed")
    for file_format in ("csv", "xlsx"):
        url = f"{catalog.url}download/{file_format}/"
        start = time.perf_counter()
        response, size_bytes = serve(client, url)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        serve(client, url)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  {file_format:6} {seconds:7.1f}s {size_bytes / 2**20:7.1f}MB"
            f" {peak / 2**20:9.1f}MB {rss:7.0f}MB {response.streaming}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench-downloads.sqlite3",
            PORTAL_VAR_DIR=tmp,
        )
        print(f"catalog download, {args.entries} entries ({env['DATABASE_URL'].split(':')[0]})")
        command = [sys.executable, __file__, "--child", str(args.entries)]
        subprocess.run(command, env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
