"""Every role of the portal, defined here and nowhere else.

Staff roles are groups made by a data migration (`apply_roles`); the
enterprise role is one group per enterprise, made when its page is created
(`accounts.provisioning`). Both read their permissions from this module.
Functions take an `apps` registry so that migrations can call them with
historical models.
"""

from dataclasses import dataclass, field

from django.db.models import F

# The permission that lets a user edit what staff own on enterprise and
# product pages (credit code, procurement, 医保, recognitions, first use).
STAFF_OWNED_PERMISSION = "accounts.edit_staff_owned_fields"
INVITE_PERMISSION = "accounts.add_invitation"

ALL_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
ALL_MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}

# Enterprise editors: their page and its children, without publishing (so
# regulated changes go through the review workflow); their collection only.
ENTERPRISE_PAGE_PERMISSIONS = ["add_page", "change_page"]
ENTERPRISE_MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
ENTERPRISE_MODEL_PERMISSIONS = ["wagtailadmin.access_admin"]

ENTERPRISE_MEDIA_ROOT = "企业资料"
EVENT_MEDIA_ROOT = "活动资料"
REVIEW_WORKFLOW = "企业信息审核"
REVIEW_TASK = "审核员审核"


@dataclass(frozen=True)
class Role:
    name: str
    # section index page model ("app.model") -> Wagtail page permissions there
    page_permissions: dict = field(default_factory=dict)
    # collection name (None: the root) -> {app: [codenames]}
    collection_permissions: dict = field(default_factory=dict)
    model_permissions: list = field(default_factory=list)


REVIEWER = Role(
    name="审核员",
    page_permissions={
        "directory.directoryindexpage": ALL_PAGE_PERMISSIONS,
        "directory.catalogindexpage": ALL_PAGE_PERMISSIONS,
    },
    collection_permissions={None: ALL_MEDIA_PERMISSIONS},
    model_permissions=[
        "wagtailadmin.access_admin",
        STAFF_OWNED_PERMISSION,
        INVITE_PERMISSION,
        "accounts.view_invitation",
        "directory.add_catalogentry",
        "directory.change_catalogentry",
        "directory.delete_catalogentry",
        "directory.view_catalogentry",
        "assistance.view_assistancerequest",
        "assistance.change_assistancerequest",
        # The search report (queries that found nothing) and the vocabulary it feeds.
        "search.view_querystat",
        "search.view_synonym",
        "search.add_synonym",
        "search.change_synonym",
    ],
)
EVENT_PUBLISHER = Role(
    name="活动发布员",
    page_permissions={"events.eventindexpage": ALL_PAGE_PERMISSIONS},
    collection_permissions={EVENT_MEDIA_ROOT: ALL_MEDIA_PERMISSIONS},
    model_permissions=["wagtailadmin.access_admin"],
)
ADMINISTRATOR = Role(
    name="管理员",
    model_permissions=[
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_group",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.delete_collection",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        INVITE_PERMISSION,
        "accounts.view_invitation",
    ],
)
STAFF_ROLES = [REVIEWER, EVENT_PUBLISHER, ADMINISTRATOR]


def enterprise_group_name(enterprise):
    # Group names are unique and at most 150 characters; the id keeps two
    # enterprises of the same name apart.
    return f"企业编辑：{enterprise.title[:120]}（{enterprise.pk}）"


def permission(apps, dotted):
    app_label, codename = dotted.split(".")
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _migrated(apps, dotted):
    """Whether the permission's app has models yet at this point of the
    migration history (an app added later gets its permissions from the
    migration that re-applies the roles after its own)."""
    app_label, codename = dotted.split(".")
    Permission = apps.get_model("auth", "Permission")
    if Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists():
        return True
    try:
        apps.get_app_config(app_label)
    except LookupError:
        return False
    return True  # `permission()` then fails loudly on a misspelt name


def media_permissions(apps, by_app):
    return [permission(apps, f"{app}.{code}") for app, codes in by_app.items() for code in codes]


def page_permission(apps, codename):
    return permission(apps, f"wagtailcore.{codename}")


def collection_named(apps, name):
    """A top-level collection (under the root) by name, created if missing."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.get(depth=1)
    existing = Collection.objects.filter(depth=2, name=name).first()
    if existing:
        return existing
    return add_collection(apps, root, name)


def add_collection(apps, parent, name):
    """treebeard's add_child; historical models (in migrations) lack it."""
    if hasattr(parent, "add_child"):
        return parent.add_child(name=name)
    return append_collections(apps, parent, [name])[0]


def append_collections(apps, parent, names):
    """New last children of `parent`, one per name, in one insert.

    treebeard's add_child keeps collections sorted by name, and each sorted
    insert renumbers every later sibling, one query each: thousands of queries
    per enterprise once there are thousands. Appending keeps the tree valid
    (later sorted inserts still find their place); the enterprise collections
    list in creation order."""
    Collection = apps.get_model("wagtailcore", "Collection")
    last = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = last.order_by("-path").first()
    steplen = 4
    number = int(last.path[-steplen:], 36) if last else 0
    children = Collection.objects.bulk_create(
        Collection(
            name=name,
            path=parent.path + _base36(number + offset).rjust(steplen, "0"),
            depth=parent.depth + 1,
            numchild=0,
        )
        for offset, name in enumerate(names, start=1)
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))
    parent.numchild += len(children)
    return children


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def apply_role(apps, role):
    """Create or update one staff role's group and every permission it holds."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _ = Group.objects.get_or_create(name=role.name)
    group.permissions.set(
        [permission(apps, dotted) for dotted in role.model_permissions if _migrated(apps, dotted)]
    )
    GroupPagePermission.objects.filter(group=group).delete()
    for model_label, codenames in role.page_permissions.items():
        model = apps.get_model(*model_label.split("."))
        for page in model.objects.all():
            for codename in codenames:
                GroupPagePermission.objects.create(
                    group=group, page_id=page.pk, permission=page_permission(apps, codename)
                )
    GroupCollectionPermission.objects.filter(group=group).delete()
    Collection = apps.get_model("wagtailcore", "Collection")
    for name, by_app in role.collection_permissions.items():
        collection = (
            Collection.objects.get(depth=1) if name is None else collection_named(apps, name)
        )
        for perm in media_permissions(apps, by_app):
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=perm
            )
    return group


def apply_review_workflow(apps, reviewer_group):
    """One approval task for staff reviewers, on the whole directory."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    DirectoryIndexPage = apps.get_model("directory", "DirectoryIndexPage")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK, content_type=content_type, active=True
        )
    task.groups.set([reviewer_group])
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in DirectoryIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})


def apply_roles(apps):
    """Every staff role, the enterprise media collection and the review workflow."""
    collection_named(apps, ENTERPRISE_MEDIA_ROOT)
    groups = {role.name: apply_role(apps, role) for role in STAFF_ROLES}
    apply_review_workflow(apps, groups[REVIEWER.name])
    return groups
