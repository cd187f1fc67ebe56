"""Start and stop the ES-compatible test server noida-db on a free loopback port."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def binary():
    found = shutil.which("noida-db") or str(Path(sys.executable).parent / "noida-db")
    if not Path(found).exists():
        raise RuntimeError("noida-db is not installed: run `make install`.")
    return found


def start(data_dir, timeout=30):
    """Start Elasticsearch only; return its URL and a function that stops it."""
    port = free_port()
    command = [binary(), "up", "--only", "elasticsearch", "--elasticsearch-port", str(port)]
    subprocess.run(
        [*command, "--data-dir", str(data_dir)], check=True, capture_output=True, timeout=60
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)

    def stop():
        subprocess.run(
            [binary(), "down", "--data-dir", str(data_dir)], capture_output=True, timeout=60
        )

    return url, stop
