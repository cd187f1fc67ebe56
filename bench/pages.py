"""Page-serving benchmark: gunicorn (2 sync workers, production settings, fresh SQLite with the
demo content) against a bare Django view in the same process.

    .venv/bin/python bench/pages.py [--requests 300] [--concurrency 2] [--scale 0]

Prints requests/s, p50 and p99 per page, the ratio to the bare view and a worker's RSS.
Everything it starts (gunicorn, temp directory) is stopped and removed on exit.
"""

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PAGES = [
    ("bare", "/bench/bare/"),
    ("home", "/"),
    ("enterprise", "/enterprises/ningbo-dubi-medical/"),
    ("product", "/enterprises/ningbo-dubi-medical/breast-cancer-screening-device/"),
    ("catalog", "/catalogs/zs-first-set-medical-equipment/"),
    ("event", "/events/zs-medical-industry-summit-2021/"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.pages_site.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
        SECRET_KEY="bench-only-not-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        PORTAL_VAR_DIR=str(tmp),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="ERROR",
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        start = time.perf_counter()
        conn.request("GET", path, headers={"Host": "localhost"})
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - start
    finally:
        conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} returned {response.status}")
    return elapsed


def wait_until_up(port, deadline=30):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        try:
            get(port, "/bench/bare/")
            return
        except (OSError, RuntimeError):
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


ROUNDS = 4


def combine(runs):
    """Pool the rounds: total requests over total time, medians of medians."""
    return {
        "rps": sum(r["count"] for r in runs) / sum(r["wall"] for r in runs),
        "p50": statistics.median(r["p50"] for r in runs),
        "p99": max(r["p99"] for r in runs),
    }


def measure(port, path, requests, concurrency):
    for _ in range(20):
        get(port, path)
    latencies = []
    lock = threading.Lock()
    share = [requests // concurrency + (i < requests % concurrency) for i in range(concurrency)]

    def worker(count):
        mine = [get(port, path) for _ in range(count)]
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(count,)) for count in share]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    latencies.sort()
    return {
        "count": len(latencies),
        "wall": wall,
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def worker_rss_kib(master_pid):
    rss = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            rss.append(int(fields["VmRSS"].split()[0]))
    return rss


def start_gunicorn(env):
    port = free_port()
    command = [GUNICORN, "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning", "config.wsgi:application"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    server.port = port
    wait_until_up(port)
    return server


def stop_gunicorn(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--scale", type=int, default=0, help="load_demo --scale N first")
    options = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = environment(tmp)
    server = None
    try:
        print(f"Preparing a fresh SQLite database in {tmp} …", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo", *(["--scale", str(options.scale)] if options.scale else []))
        manage(env, "collectstatic", "--noinput", "-v0")
        for label, cache_flag in (("uncached (page cache off)", "0"), ("page cache on", "1")):
            server = start_gunicorn(dict(env, BENCH_PAGE_CACHE=cache_flag))
            print(
                f"\n{label}: gunicorn 2 workers, {options.requests} requests per page "
                f"after 20 warm-up, concurrency {options.concurrency}\n"
            )
            print(f"{'page':<11}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'bare/s':>9}{'ratio':>9}")
            chunk = max(1, options.requests // ROUNDS)
            for name, path in PAGES[1:]:
                # Alternate bare and page in rounds so that drift hits both alike.
                page_runs, bare_runs = [], []
                for _ in range(ROUNDS):
                    bare_runs.append(measure(server.port, PAGES[0][1], chunk, options.concurrency))
                    page_runs.append(measure(server.port, path, chunk, options.concurrency))
                result = combine(page_runs)
                bare_rps = combine(bare_runs)["rps"]
                print(
                    f"{name:<11}{result['rps']:>9.0f}{result['p50']:>9.2f}{result['p99']:>9.2f}"
                    f"{bare_rps:>9.0f}{result['rps'] / bare_rps:>9.2f}"
                )
            rss = worker_rss_kib(server.pid)
            print(f"worker RSS: {', '.join(f'{kib / 1024:.1f} MiB' for kib in rss)}")
            stop_gunicorn(server)
            server = None
    finally:
        if server is not None:
            stop_gunicorn(server)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
