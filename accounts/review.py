"""Risk-tiered review of what enterprise editors change.

Low-risk fields (contact, phone, website, address, description, logo,
images, documents) go live as soon as an enterprise editor saves them: the
hook below publishes the live version with just those fields changed (a
revision in the page's history, which a reviewer can revert). Everything
else, a regulated field or a new product, stays a draft until the editor
submits it and a staff reviewer approves it in the review workflow
(`roles.REVIEW_WORKFLOW`); the public never sees it before. While a page is
in review, low-risk changes wait with it (publishing would cancel the
review).

Every publish of an enterprise or product page writes a `PublicUpdate`:
which fields changed, and whether the enterprise published them itself.
"""

import contextvars
import copy
import re

from django.contrib import messages
from django.db import transaction
from django.dispatch import receiver
from modelcluster.models import get_all_child_relations
from wagtail import hooks
from wagtail.fields import RichTextField
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from directory.models import EnterprisePage, ProductPage

from .middleware import enterprise_paths
from .models import PublicUpdate

LOW_RISK_FIELDS = {
    EnterprisePage: {"contact_name", "contact_phone", "website", "address", "description", "logo"},
    ProductPage: {"description", "images", "documents"},
}
RELATION_LABELS = {
    "images": "产品图片",
    "documents": "产品资料",
    "recognitions": "首台（套）认定",
    "first_use_records": "首试首用记录",
}

BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
EMPTY_PARAGRAPHS = re.compile(r"<p>\s*(<br/?>)?\s*</p>")

_self_service = contextvars.ContextVar("self_service_publish", default=False)


def tracked_fields(model):
    """Field names the public sees: the title, the model's own fields and
    its inline records."""
    own = [
        field.name
        for field in model._meta.local_fields
        if not field.primary_key and field.name != "is_example"
    ]
    relations = [rel.name for rel in get_all_child_relations(model) if rel.name != "comments"]
    return ["title", *own, *relations]


def _value(page, name):
    manager = getattr(page, name)
    if hasattr(manager, "all"):  # inline records: compare their own fields, in order
        rows = []
        for row in manager.all():
            fields = [
                f.attname
                for f in row._meta.concrete_fields
                if not f.primary_key and f.name != "page"
            ]
            rows.append(tuple(getattr(row, attname) for attname in fields))
        return rows
    field = page._meta.get_field(name)
    value = field.value_from_object(page)
    if isinstance(field, RichTextField):
        return _plain_rich_text(value)
    return value


def _plain_rich_text(html):
    """Rich text as compared: the editor's block keys and empty paragraphs
    are no change a reader would see."""
    html = BLOCK_KEY.sub("", html or "")
    return "" if not EMPTY_PARAGRAPHS.sub("", html).strip() else html


def changed_fields(before, after):
    return [
        name for name in tracked_fields(type(after)) if _value(before, name) != _value(after, name)
    ]


def field_label(model, name):
    if name in RELATION_LABELS:
        return RELATION_LABELS[name]
    return str(model._meta.get_field(name).verbose_name)


def _copy(target, source, names):
    for name in names:
        value = getattr(source, name)
        if hasattr(value, "all"):
            setattr(target, name, [copy.copy(row) for row in value.all()])
        else:
            setattr(target, name, value)


def publish_low_risk(page, user):
    """Publish the low-risk part of `page`'s latest draft; return the changed
    low-risk and the waiting regulated field names."""
    model = page.specific_class
    live = model.objects.get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    changed = changed_fields(live, draft)
    low = [name for name in changed if name in LOW_RISK_FIELDS.get(model, set())]
    waiting = [name for name in changed if name not in low]
    if not low:
        return low, waiting
    with transaction.atomic():
        _copy(live, draft, low)
        token = _self_service.set(True)
        try:
            live.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        finally:
            _self_service.reset(token)
        if waiting:  # the editor's draft stays the latest revision, to submit
            draft.save_revision(user=user)
    return low, waiting


@hooks.register("after_edit_page")
def self_service_publish(request, page):
    page = page.specific
    if type(page) not in LOW_RISK_FIELDS or not page.live:
        return None
    if enterprise_paths(request.user) is None:
        return None
    if page.permissions_for_user(request.user).can_publish():
        return None
    if page.workflow_in_progress:
        messages.info(request, "该页面正在审核中，本次修改将随审核一并处理。")
        return None
    low, waiting = publish_low_risk(page, request.user)
    model = type(page)
    if low:
        labels = "、".join(field_label(model, name) for name in low)
        messages.success(request, f"{labels}已更新并即时公开。")
    if waiting:
        labels = "、".join(field_label(model, name) for name in waiting)
        messages.warning(request, f"{labels}须经工作人员审核，请点击“提交审核”；审核通过前不公开。")
    return None


@receiver(page_published)
def record_public_update(sender, instance, revision, **kwargs):
    if not isinstance(instance, (EnterprisePage, ProductPage)):
        return
    previous = (
        PageLogEntry.objects.filter(page_id=instance.pk, action="wagtail.publish")
        .exclude(revision=None)
        .exclude(revision_id=revision.pk)
        .order_by("-timestamp", "-pk")
        .select_related("revision")
        .first()
    )
    if previous is None:
        return  # first publication: nothing was updated
    changed = changed_fields(previous.revision.as_object(), instance)
    if not changed:
        return
    PublicUpdate.objects.create(
        page=instance,
        fields=[field_label(type(instance), name) for name in changed],
        self_service=_self_service.get(),
    )
