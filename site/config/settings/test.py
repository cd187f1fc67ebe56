"""Fast, isolated settings for the test suite."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = VAR_DIR / "test-media"
# Tests don't serve collected static files, and only the page cache's own
# tests switch the page cache and the caches by content version on (rolled-back
# tests never commit a change, so the content version never moves).
# Compression is tested as served by gunicorn with production settings; the
# test client (and schemathesis through it) reads bodies uncompressed.
MIDDLEWARE = [
    m
    for m in MIDDLEWARE
    if not m.startswith(("whitenoise", "core.page_cache", "django.middleware.gzip"))
]
CACHE_BY_CONTENT_VERSION = False
# Rate limits are switched on only by their own tests.
RATELIMIT_ENABLE = False
# The test client's login() calls authenticate() without a request, which
# the lock-out backend refuses; the lock-out tests switch it back on.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
