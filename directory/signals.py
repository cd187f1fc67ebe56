"""Catalog entries and 首试首用 records edited one by one (in the admin or the
shell) announce the change; imports announce theirs in bulk."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core.changes import announce

from .models import CatalogEntry, FirstUseRecord


@receiver(post_save, sender=CatalogEntry)
@receiver(post_delete, sender=CatalogEntry)
def catalog_entry_changed(sender, instance, **kwargs):
    announce([instance.catalog_id, instance.product_id or instance.enterprise_id])


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
