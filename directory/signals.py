"""Catalog entries edited one by one (in the admin or the shell) announce
the change; imports announce theirs in bulk."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.changes import announce

from .models import CatalogEntry


@receiver(post_save, sender=CatalogEntry)
@receiver(post_delete, sender=CatalogEntry)
def catalog_entry_changed(sender, instance, **kwargs):
    announce([instance.catalog_id, instance.product_id or instance.enterprise_id])
