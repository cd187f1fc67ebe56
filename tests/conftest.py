import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rolled-back tests never commit, so the content version never moves
    between them: start each test with an empty cache instead."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_pusher_left_running():
    """A test that committed a change started this process's Elasticsearch
    pusher: stop it, so it does not compete with the next test's (nor lock
    SQLite's shared in-memory test database under it)."""
    yield
    from search.engines import elastic_push

    if elastic_push._loop is not None:
        elastic_push._loop.stop(release=False)
        elastic_push._loop = None


@pytest.fixture
def content_caches(settings, tmp_path):
    """What each process keeps per content version (page fragments, routes,
    the pages that hide a subtree), which test settings leave out, switched
    on. The version moves when a change's on-commit callbacks run."""
    settings.VAR_DIR = tmp_path
    settings.CACHE_BY_CONTENT_VERSION = True


@pytest.fixture
def page_cache(settings, content_caches):
    """The anonymous page cache, which test settings leave out, switched on
    with the caches it sits on, as in production."""
    settings.MIDDLEWARE = [
        "core.page_cache.AnonymousPageCacheMiddleware",
        *settings.MIDDLEWARE,
        "core.page_cache.SiteLookupCacheMiddleware",
    ]


def restore_site_tree():
    """Put back the page tree the migrations make, after a flush emptied every table."""
    from wagtail.models import Collection, Locale, Page

    from home.models import HomePage

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not HomePage.objects.exists():
        Locale.objects.get_or_create(language_code="zh-hans")
        if not Page.objects.filter(depth=1).exists():
            Page.add_root(instance=Page(title="Root", slug="root", live=True))
        migration = importlib.import_module("home.migrations.0002_create_site_tree")
        migration.create_site_tree(apps, None)
        # The migration adds the home page by hand; keep the root's count true.
        Page.objects.filter(depth=1).update(numchild=Page.objects.filter(depth=2).count())
        for module in (
            "policies.migrations.0002_create_policy_index",
            "hospitals.migrations.0002_create_hospital_index",
        ):
            importlib.import_module(module).create_index(apps, None)


@pytest.fixture
def site_tree():
    """Transactional tests flush every table, the migration-made page tree too:
    put it back before the test."""
    restore_site_tree()
