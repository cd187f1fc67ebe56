from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.pages_site.urls"
