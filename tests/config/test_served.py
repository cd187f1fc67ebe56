"""Headers as gunicorn serves them with production settings: compression,
Content-Security-Policy, transport security and cache policy."""

import gzip
import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HOST = "portal.example.org"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, **headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https", **headers})
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("served")
    unset = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        PORTAL_VAR_DIR=str(tmp),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        PORTAL_OPERATOR="中山市工业和信息化局",
        PORTAL_ICP_NUMBER="粤ICP备00000000号",
        LOG_LEVEL="ERROR",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [
            GUNICORN,
            "--pythonpath",
            "site",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "config.wsgi",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(port, "/robots.txt")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_html_is_compressed_for_clients_that_accept_it(served):
    response, body = get(served, "/", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.getheader("Vary")
    html = gzip.decompress(body).decode()
    assert "本地药械信息公开平台" in html
    assert "中山市工业和信息化局" in html and "粤ICP备00000000号" in html
    plain, plain_body = get(served, "/")
    assert plain.getheader("Content-Encoding") is None
    assert len(body) < len(plain_body) / 2


def test_security_headers_as_served(served):
    response, _ = get(served, "/")
    policy = response.getheader("Content-Security-Policy")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert "public" in response.getheader("Cache-Control")


def test_static_files_are_served_compressed_and_cached_for_long(served):
    response, body = get(served, "/", **{"Accept-Encoding": "gzip"})
    html = gzip.decompress(body).decode()
    css = html.split('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    response, _ = get(served, css, **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "immutable" in response.getheader("Cache-Control")


def test_server_errors_and_missing_pages_are_chinese(served):
    response, body = get(served, "/no-such-page/")
    assert response.status == 404
    assert "页面未找到" in body.decode()
