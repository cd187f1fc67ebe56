"""Changes that public pages show bump the page cache's content version."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.models import CatalogEntry

from .page_cache import bump_content_version

WATCHED = (CatalogEntry, PageViewRestriction, Site)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    bump_content_version()


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, **kwargs):
    if issubclass(sender, Page) or sender in WATCHED:
        bump_content_version()
