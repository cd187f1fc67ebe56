"""Whole-page cache for anonymous visitors.

Public pages are the same for every visitor without a session, so their
responses are cached under a key that carries a content version. Any change
to pages, catalog entries, view restrictions or sites bumps the version
after its transaction commits: the next request renders afresh, so a
publish is visible at once and nothing has to be purged one by one.

The version moves on whenever the one change hook (`core.changes`) announces
a change. It lives in the shared cache when there is one (REDIS_URL), else in
the modification time of a file, which every worker on the machine sees.
"""

import os
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponse
from wagtail.models import Site

from .changes import content_changed
from .language import language_of

CACHE_SECONDS = 600
VERSION_KEY = "page-cache:version"
SKIP_PREFIXES = (
    "/admin/",
    "/documents/",
    "/search/",
    "/api/",
    "/static/",
    "/media/",
    "/language/",
)


def _version_file():
    return settings.VAR_DIR / "content-version"


def _shared_cache():
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def content_version():
    if _shared_cache():
        return cache.get_or_set(VERSION_KEY, time.time_ns())
    try:
        return os.stat(_version_file()).st_mtime_ns
    except FileNotFoundError:
        return 0


def _bump():
    if _shared_cache():
        cache.set(VERSION_KEY, time.time_ns(), None)
    else:
        path = _version_file()
        path.touch()
        now = time.time_ns()
        os.utime(path, ns=(now, now))


@receiver(content_changed)
def bump_content_version(sender=None, **kwargs):
    """Any announced change moves the version on once its transaction commits."""
    transaction.on_commit(_bump)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(SKIP_PREFIXES)
        )

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        # One entry per interface language: an English page is never served to a Chinese visitor.
        where = f"{language_of(request)}:{request.get_host()}:{request.get_full_path()}"
        key = f"page-cache:{content_version()}:{where}"
        cached = cache.get(key)
        if cached is not None:
            content, status, headers = cached
            return HttpResponse(content, status=status, headers=headers)
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "attachment" not in response.get("Content-Disposition", "")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        ):
            # Plain parts, not the response object: cheaper to store and restore.
            cache.set(key, (response.content, 200, dict(response.items())), CACHE_SECONDS)
        return response


class SiteLookupCacheMiddleware:
    """Wagtail finds the Site and its root page for every request (three
    queries). They change rarely, so each process keeps them per content
    version, which any page or site change moves on."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.sites = {}

    def __call__(self, request):
        key = (content_version(), request._get_raw_host(), request.get_port())
        if key not in self.sites:
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific
            if len(self.sites) > 100:
                self.sites.clear()
            self.sites[key] = site
        request._wagtail_site = self.sites[key]
        return self.get_response(request)
