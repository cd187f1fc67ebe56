"""Wagtail and model signals that keep search current."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.models import CatalogEntry, CatalogPage, EnterprisePage, ProductPage

from .indexing import affected_page_ids, index_pages

SEARCH_SOURCES = (EnterprisePage, ProductPage, CatalogPage)


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if isinstance(instance, SEARCH_SOURCES):
        index_pages(affected_page_ids(instance))


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    index_pages(affected_page_ids(instance))


@receiver(pre_delete)
def page_deleting(sender, instance, **kwargs):
    # Remember who depended on the page while it can still be asked.
    if isinstance(instance, SEARCH_SOURCES):
        instance._search_affected = affected_page_ids(instance)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, SEARCH_SOURCES) and sender is type(instance):
        index_pages(getattr(instance, "_search_affected", {instance.pk}))


@receiver(post_save, sender=CatalogEntry)
@receiver(post_delete, sender=CatalogEntry)
def catalog_entry_changed(sender, instance, **kwargs):
    ids = set()
    for page in Page.objects.filter(pk__in=[instance.product_id, instance.enterprise_id]):
        ids |= affected_page_ids(page)
    index_pages(ids)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        index_pages(affected_page_ids(page))
