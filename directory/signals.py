"""Catalog entries and 首试首用 records edited one by one (in the admin or the
shell) announce the change; imports announce theirs in bulk.

Additions and removals proposed by a moderated import follow their catalog
page's review: publishing the catalog (an approved review, or anyone who may
publish) makes them take effect, announced once through the one change path;
a rejected or cancelled review drops them (additions deleted, removals back in
force), so that no later publish brings in what a reviewer turned down.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published, workflow_cancelled, workflow_rejected

from core.changes import announce, batch

from .choices import EntryReview
from .models import CatalogEntry, CatalogPage, FirstUseRecord


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
def proposed_changes_take_effect(sender, instance, **kwargs):
    with transaction.atomic(), batch():
        pending = CatalogEntry.objects.filter(catalog=instance).awaiting_review()
        members = _members(pending)
        if members:
            pending.filter(review=EntryReview.REMOVAL).delete()
            pending.update(review=EntryReview.IN_FORCE)
            announce([instance, *members])


@receiver(workflow_rejected)
@receiver(workflow_cancelled)
def proposed_changes_dropped(sender, instance, **kwargs):
    """`instance` is the WorkflowState of any object under review. Nothing
    public changes: proposed additions were never shown, and entries proposed
    for removal were in force all along and stay."""
    if instance.content_type_id != ContentType.objects.get_for_model(CatalogPage).pk:
        return
    with transaction.atomic(), batch():
        pending = CatalogEntry.objects.filter(catalog_id=int(instance.object_id))
        pending.filter(review=EntryReview.ADDITION).delete()
        pending.filter(review=EntryReview.REMOVAL).update(review=EntryReview.IN_FORCE)


@receiver(pre_save, sender=FirstUseRecord)
def first_use_record_saving(sender, instance, **kwargs):
    """Remember the hospital a record named before this save: that
    hospital's page lists the product too, until it is told otherwise."""
    if instance.pk:
        rows = FirstUseRecord.objects.filter(pk=instance.pk)
        instance._hospital_before = rows.values_list("hospital_id", flat=True).first()


@receiver(post_save, sender=FirstUseRecord)
@receiver(post_delete, sender=FirstUseRecord)
def first_use_record_changed(sender, instance, **kwargs):
    """The product and the hospitals whose pages and search documents show
    the record (a removed record is no longer found from the product, so
    the hospital is named here)."""
    pages = {instance.page_id, instance.hospital_id, getattr(instance, "_hospital_before", None)}
    announce(pages - {None})
