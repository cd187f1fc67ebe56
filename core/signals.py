"""Wagtail's and Django's signals, turned into announcements of the one
change hook (`core.changes`). This is the only module that listens to page
signals; subscribers listen to `content_changed` instead."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .changes import announce, content_changed


def _subtree_ids(page_or_id):
    page_id = getattr(page_or_id, "pk", page_or_id)
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return {page_id}
    return set(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))


@receiver(page_published)
def page_published_announced(sender, instance, **kwargs):
    announce([instance])


@receiver(page_unpublished)
@receiver(post_page_move)
def subtree_changed(sender, instance, **kwargs):
    # Descendants change with their ancestor: visibility or URL.
    announce(_subtree_ids(instance))


@receiver(pre_delete)
def page_deleting(sender, instance, **kwargs):
    if isinstance(instance, Page) and sender is type(instance):
        instance._announce_on_delete = _subtree_ids(instance)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and sender is type(instance):
        announce(getattr(instance, "_announce_on_delete", {instance.pk}))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    announce(_subtree_ids(instance.page_id))


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, instance, **kwargs):
    announce([instance.root_page_id])


@receiver(content_changed)
def keep_admin_search_current(sender, page_ids, **kwargs):
    """Wagtail indexes pages it saves itself; pages written in bulk reach
    the admin's page search here (re-adding a saved page is harmless)."""
    from wagtail.search.backends import get_search_backend

    ids_by_type = defaultdict(list)
    for pk, content_type in Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type"):
        ids_by_type[content_type].append(pk)
    backend = get_search_backend()
    for content_type, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        # Mid-deletion a page's specific row may be gone already: skip it.
        pages = list(model.objects.filter(pk__in=ids))
        if pages:
            backend.add_bulk(model, pages)
