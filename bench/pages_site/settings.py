"""Settings and URLs used only by bench/pages.py: production settings plus a bare view.

BENCH_PAGE_CACHE=0 takes the anonymous page cache out, to measure rendering.
"""

import os

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.pages_site.urls"
if os.environ.get("BENCH_PAGE_CACHE") == "0":
    MIDDLEWARE = [m for m in MIDDLEWARE if m != "core.page_cache.AnonymousPageCacheMiddleware"]  # noqa: F405
