"""Catalog entries edited one by one (in the admin or the shell) announce
the change; imports announce theirs in bulk.

Entries proposed by a moderated import follow their catalog page's review:
publishing the catalog (an approved review, or anyone who may publish) brings
them into force; a rejected or cancelled review deletes them, so that no later
publish brings in what a reviewer turned down. Both are consequences of the
page's lifecycle, announced through the one change path like any change.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, workflow_cancelled, workflow_rejected

from core.changes import announce, batch

from .models import CatalogEntry, CatalogPage


@receiver(post_save, sender=CatalogEntry)
@receiver(post_delete, sender=CatalogEntry)
def catalog_entry_changed(sender, instance, **kwargs):
    announce([instance.catalog_id, instance.product_id or instance.enterprise_id])


def _members(entries):
    return [
        product or enterprise
        for product, enterprise in entries.values_list("product_id", "enterprise_id")
    ]


@receiver(page_published, sender=CatalogPage)
def proposed_entries_come_into_force(sender, instance, **kwargs):
    with transaction.atomic():
        proposed = CatalogEntry.objects.filter(catalog=instance).proposed()
        members = _members(proposed)
        if members:
            proposed.update(proposed=False)
            announce([instance, *members])


@receiver(workflow_rejected)
@receiver(workflow_cancelled)
def proposed_entries_discarded(sender, instance, **kwargs):
    """`instance` is the WorkflowState of any object under review."""
    if instance.content_type_id != ContentType.objects.get_for_model(CatalogPage).pk:
        return
    # Each deleted entry announces itself (above); one batch for them all.
    with batch():
        CatalogEntry.objects.filter(catalog_id=int(instance.object_id)).proposed().delete()
