"""An enterprise page gets, once, what its editors need: a group, a media
collection and the permissions; renaming it renames them, deleting it
removes them (its media move up to the staff-only enterprise collection and
accounts left without any group are switched off)."""

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from core.changes import content_changed
from directory.models import EnterprisePage

from . import roles
from .models import EnterpriseAccess


def collection_name(enterprise):
    return enterprise.title[:255]


def ensure_access(enterprise):
    """The enterprise's group, collection and permissions (idempotent)."""
    access = EnterpriseAccess.objects.filter(enterprise=enterprise).first()
    return access or provide_access([enterprise])[0]


@transaction.atomic
def provide_access(enterprises):
    """Groups, collections and permissions for enterprises that have none, with
    a fixed number of queries however many there are (a bulk load brings
    thousands)."""
    groups = Group.objects.bulk_create(
        Group(name=roles.enterprise_group_name(enterprise)) for enterprise in enterprises
    )
    model_permissions = [
        roles.permission(django_apps, p) for p in roles.ENTERPRISE_MODEL_PERMISSIONS
    ]
    Group.permissions.through.objects.bulk_create(
        Group.permissions.through(group=group, permission=permission)
        for group in groups
        for permission in model_permissions
    )
    parent = roles.collection_named(django_apps, roles.ENTERPRISE_MEDIA_ROOT)
    collections = roles.append_collections(
        django_apps, parent, [collection_name(enterprise) for enterprise in enterprises]
    )
    page_permissions = [
        roles.page_permission(django_apps, code) for code in roles.ENTERPRISE_PAGE_PERMISSIONS
    ]
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page=enterprise, permission=permission)
        for group, enterprise in zip(groups, enterprises, strict=True)
        for permission in page_permissions
    )
    media_permissions = roles.media_permissions(django_apps, roles.ENTERPRISE_MEDIA_PERMISSIONS)
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=permission)
        for group, collection in zip(groups, collections, strict=True)
        for permission in media_permissions
    )
    return EnterpriseAccess.objects.bulk_create(
        EnterpriseAccess(enterprise=enterprise, group=group, collection=collection)
        for enterprise, group, collection in zip(enterprises, groups, collections, strict=True)
    )


@receiver(post_save, sender=EnterprisePage)
def enterprise_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        ensure_access(instance)
        return
    access = EnterpriseAccess.objects.filter(enterprise=instance).select_related(
        "group", "collection"
    )
    access = access.first()
    if access is None:
        return
    if access.group.name != roles.enterprise_group_name(instance):
        Group.objects.filter(pk=access.group_id).update(name=roles.enterprise_group_name(instance))
    if access.collection.name != collection_name(instance):
        Collection.objects.filter(pk=access.collection_id).update(name=collection_name(instance))


@receiver(content_changed)
def enterprises_written_in_bulk(sender, page_ids, **kwargs):
    """Pages written in bulk (imports, loaders) send no post_save; the bulk
    writer announces them through the one change hook, and after commit every
    enterprise page still without its access gets it, once. After commit, so
    that a page being deleted (announced too) is gone, and a rolled-back
    import (a dry run) provisions nothing. One query, finding nothing almost
    always."""
    transaction.on_commit(provision_missing)


def provision_missing():
    missing = list(EnterprisePage.objects.filter(access__isnull=True).order_by("pk"))
    if not missing:
        return
    try:
        provide_access(missing)
    except IntegrityError:  # some provisioned meanwhile by another process
        for enterprise in EnterprisePage.objects.filter(access__isnull=True):
            try:
                ensure_access(enterprise)
            except IntegrityError:
                continue


@receiver(post_delete, sender=EnterpriseAccess)
def enterprise_deleted(sender, instance, **kwargs):
    group = Group.objects.filter(pk=instance.group_id).first()
    if group is not None:
        members = list(group.user_set.all())
        group.delete()
        for user in members:
            if not (user.is_staff or user.is_superuser or user.groups.exists()):
                user.is_active = False
                user.save(update_fields=["is_active"])
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        parent = collection.get_parent()
        for model in (get_image_model(), get_document_model()):
            model.objects.filter(collection=collection).update(collection=parent)
        collection.delete()
