"""Roles come from one definition; an enterprise gets its group, collection
and permissions once, and renaming or deleting it leaves nothing behind."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    WorkflowPage,
)

from accounts import roles
from accounts.models import EnterpriseAccess
from core import bulk, changes
from directory.models import DirectoryIndexPage, EnterprisePage
from events.models import EventIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


def page_codenames(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_the_migration_made_every_staff_role_as_defined():
    reviewer = Group.objects.get(name=roles.REVIEWER.name)
    assert page_codenames(reviewer, DirectoryIndexPage.objects.get()) == set(
        roles.ALL_PAGE_PERMISSIONS
    )
    assert reviewer.permissions.filter(codename="edit_staff_owned_fields").exists()

    publisher = Group.objects.get(name=roles.EVENT_PUBLISHER.name)
    assert page_codenames(publisher, EventIndexPage.objects.get()) == set(
        roles.ALL_PAGE_PERMISSIONS
    )
    assert not GroupPagePermission.objects.filter(group=publisher).exclude(
        page=EventIndexPage.objects.get()
    )

    admin = Group.objects.get(name=roles.ADMINISTRATOR.name)
    assert admin.permissions.filter(codename="change_user").exists()
    assert not GroupPagePermission.objects.filter(group=admin).exists()

    workflow = WorkflowPage.objects.get(page=DirectoryIndexPage.objects.get()).workflow
    assert workflow.name == roles.REVIEW_WORKFLOW
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [reviewer]


def test_applying_the_roles_again_changes_nothing():
    from django.apps import apps

    before = GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count()
    roles.apply_roles(apps)
    after = GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count()
    assert before == after


def test_a_new_enterprise_gets_its_group_collection_and_permissions_once():
    enterprise = factories.enterprise(title="新建企业有限公司")
    access = EnterpriseAccess.objects.get(enterprise=enterprise)
    assert access.group.name == f"企业编辑：新建企业有限公司（{enterprise.pk}）"
    assert access.collection.name == "新建企业有限公司"
    assert access.collection.get_parent().name == roles.ENTERPRISE_MEDIA_ROOT
    assert page_codenames(access.group, enterprise) == {"add_page", "change_page"}
    media = set(
        GroupCollectionPermission.objects.filter(group=access.group).values_list(
            "collection", "permission__codename"
        )
    )
    assert media == {
        (access.collection.pk, code)
        for codes in roles.ENTERPRISE_MEDIA_PERMISSIONS.values()
        for code in codes
    }
    # Saving again (a publish, a revision) provisions nothing more.
    enterprise.save_revision().publish()
    assert EnterpriseAccess.objects.filter(enterprise=enterprise).count() == 1
    assert Group.objects.filter(name__startswith="企业编辑：新建企业").count() == 1


def test_enterprises_written_in_bulk_get_the_same_once(django_capture_on_commit_callbacks):
    """Imports and loaders write pages without post_save; the change hook
    they announce through provisions them, after commit."""
    directory = DirectoryIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True), changes.batch():
        written = bulk.add_children(
            [
                (directory, EnterprisePage(title=f"批量企业{n}有限公司", credit_code=code))
                for n, code in enumerate([factories.credit_code(), factories.credit_code()])
            ],
            publish=False,
        )
        assert not EnterpriseAccess.objects.filter(enterprise__in=written).exists()
    for enterprise in written:
        access = EnterpriseAccess.objects.get(enterprise_id=enterprise.pk)
        assert access.group.name == roles.enterprise_group_name(enterprise)
        assert access.collection.get_parent().name == roles.ENTERPRISE_MEDIA_ROOT
        assert page_codenames(access.group, enterprise) == {"add_page", "change_page"}
    with django_capture_on_commit_callbacks(execute=True):
        changes.announce(written)  # announced again: nothing more
    assert EnterpriseAccess.objects.filter(enterprise__in=written).count() == 2
    assert Group.objects.filter(name__startswith="企业编辑：批量企业").count() == 2


def test_renaming_an_enterprise_renames_its_group_and_collection():
    enterprise = factories.enterprise(title="旧名有限公司")
    enterprise.title = "新名有限公司"
    enterprise.save_revision().publish()
    access = EnterpriseAccess.objects.select_related("group", "collection").get(
        enterprise=enterprise
    )
    assert access.group.name == f"企业编辑：新名有限公司（{enterprise.pk}）"
    assert access.collection.name == "新名有限公司"


def test_deleting_an_enterprise_leaves_no_group_collection_or_working_account(side_a):
    enterprise, editor, image = side_a.enterprise, side_a.editor, side_a.image
    access = EnterpriseAccess.objects.get(enterprise=enterprise)
    group_pk, collection_pk = access.group_id, access.collection_id
    parent = access.collection.get_parent()

    EnterprisePage.objects.get(pk=enterprise.pk).delete()

    assert not EnterpriseAccess.objects.filter(pk=access.pk).exists()
    assert not Group.objects.filter(pk=group_pk).exists()
    assert not Collection.objects.filter(pk=collection_pk).exists()
    assert not GroupPagePermission.objects.filter(group_id=group_pk).exists()
    # The media stay (staff can still see them) but only staff can reach them.
    assert get_image_model().objects.get(pk=image.pk).collection == parent
    assert not User.objects.get(pk=editor.pk).is_active
