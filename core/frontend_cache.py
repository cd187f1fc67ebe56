"""Purges a CDN or reverse proxy in front of the site when content changes.

Anonymous pages are sent with `s-maxage` (core.http), so a CDN may keep them;
each announced change purges, after its commit, the changed pages, the pages
that list them (their ancestors: the section index, an enterprise for its
products), the home page and the sitemap. Only when WAGTAILFRONTENDCACHE is
configured; Wagtail's frontend cache backends do the purging.
"""

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from wagtail.models import Page

from .changes import content_changed


def urls_to_purge(page_ids):
    pages = list(Page.objects.filter(pk__in=page_ids))
    paths = {page.path[:length] for page in pages for length in range(4, len(page.path) + 1, 4)}
    urls = set()
    for page in Page.objects.filter(path__in=paths, depth__gt=1):
        url = page.get_full_url()
        if url:
            urls.add(url)
    for url in list(urls):
        if url.count("/") == 3:  # a site's root: its sitemap lists every page
            urls.add(url + "sitemap.xml")
    return sorted(urls)


@receiver(content_changed)
def purge_frontend_cache(sender=None, page_ids=(), **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not page_ids:
        return
    # Worked out now: a deleted page still has its URL inside the transaction.
    urls = urls_to_purge(page_ids)

    def purge():
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(urls)

    transaction.on_commit(purge)
