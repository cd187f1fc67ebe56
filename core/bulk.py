"""Adding and updating many pages at once, for imports of official lists.

`Page.add_child()` and `revision.publish()` cost a dozen queries per page, too
slow for a ten-thousand-row catalog. These helpers write the same rows in
batches: treebeard paths computed in Python, `wagtailcore_page` rows through
`bulk_create`, the specific table rows through one INSERT per batch (Django's
`bulk_create` refuses multi-table inheritance), and one revision per page, so
that the admin editor, history and moderation work as for any page.

Callers run them inside a transaction. Page signals are not sent; instead
every write is announced through the one change hook (`core.changes`), which
keeps search, the page cache and the admin's search current.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_serializable_data_for_fields
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry, Revision

from .changes import announce

BATCH_SIZE = 500


def _children_of(parents):
    """{parent path: [(path, slug), …]} for the existing children of `parents`."""
    result = defaultdict(list)
    by_depth = defaultdict(list)
    for parent in parents:
        by_depth[parent.depth].append(parent.path)
    for depth, paths in by_depth.items():
        wanted = set(paths)
        prefix = paths[0]
        for path in paths[1:]:
            while not path.startswith(prefix):
                prefix = prefix[:-1]
        steplen = Page.steplen
        children = Page.objects.filter(depth=depth + 1, path__startswith=prefix).values_list(
            "path", "slug"
        )
        for path, slug in children.iterator(chunk_size=5000):
            if path[:-steplen] in wanted:
                result[path[:-steplen]].append((path, slug))
    return result


def unique_slug(title, taken):
    base = slugify(title, allow_unicode=True)[:200] or "page"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _revision_for(page, content_type_id, base_content_type_id, now, user):
    return Revision(
        content_type_id=content_type_id,
        base_content_type_id=base_content_type_id,
        object_id=str(page.pk),
        created_at=now,
        user=user,
        object_str=str(page.title)[:255],
        content=get_serializable_data_for_fields(page),
    )


def set_columns(model, objs, field_names):
    """UPDATE each object's row with its values of `field_names` (columns of
    `model`'s own table), one prepared statement run for all rows.

    `bulk_update` builds one CASE WHEN per field and row, which costs more to
    compile than the update itself for thousands of rows.
    """
    if not objs or not field_names:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    pk = model._meta.pk
    # Only column names from the model, quoted; every value is a parameter.
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608
    params = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _create_revisions(pages, now, user):
    base_ct = ContentType.objects.get_for_model(Page).pk
    revisions = [_revision_for(page, page.content_type_id, base_ct, now, user) for page in pages]
    Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    return revisions


def _insert_specific_rows(pages):
    """One INSERT per batch into each table between Page and the page's class."""
    by_class = defaultdict(list)
    for page in pages:
        by_class[type(page)].append(page)
    for model, objs in by_class.items():
        chain = [m for m in reversed(model._meta.get_parent_list()) if m is not Page]
        for table_model in [*chain, model]:
            if not issubclass(table_model, Page) or table_model._meta.abstract:
                continue
            fields = list(table_model._meta.local_concrete_fields)
            batch = max(1, connection.ops.bulk_batch_size(fields, objs) or BATCH_SIZE)
            batch = min(batch, BATCH_SIZE)
            for start in range(0, len(objs), batch):
                table_model._base_manager._insert(objs[start : start + batch], fields=fields)


def add_children(items, *, publish=True, user=None):
    """Insert `items`, a list of (parent, unsaved specific page), as new pages.

    Parents may be pages inserted by an earlier call. Each page gets a path after
    its parent's last child, a slug unique among its siblings, its url_path, one
    revision, and is live if `publish` (else a draft awaiting review).
    """
    if not items:
        return []
    now = timezone.now()
    parents = {parent.path: parent for parent, _ in items}
    known_empty = {path for path, parent in parents.items() if getattr(parent, "_bulk_new", False)}
    existing = _children_of([p for path, p in parents.items() if path not in known_empty])
    next_step = {}
    taken = {}
    for path in parents:
        children = existing.get(path, [])
        last = max((child for child, _ in children), default=None)
        next_step[path] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        taken[path] = {slug for _, slug in children}
    added = defaultdict(int)
    base_rows = []
    content_types = {}
    for parent, page in items:
        model = type(page)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model).pk
        step = next_step[parent.path]
        next_step[parent.path] += 1
        added[parent.path] += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        if len(page.path) != page.depth * Page.steplen:
            raise ValueError(f"Too many children under {parent.path}")
        page.numchild = 0
        page.slug = unique_slug(page.slug or page.title, taken[parent.path])
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.content_type_id = content_types[model]
        page.draft_title = page.title
        page.live = publish
        page.has_unpublished_changes = not publish
        page.first_published_at = page.last_published_at = now if publish else None
        page.latest_revision_created_at = now
        page.owner = user
        page._bulk_new = True
        base_rows.append(
            Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
        )
    Page.objects.bulk_create(base_rows, batch_size=BATCH_SIZE)
    for (_, page), row in zip(items, base_rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
    pages = [page for _, page in items]
    _insert_specific_rows(pages)

    revisions = _create_revisions(pages, now, user)
    for page, row, revision in zip(pages, base_rows, revisions, strict=True):
        page.latest_revision_id = row.latest_revision_id = revision.pk
        if publish:
            page.live_revision_id = row.live_revision_id = revision.pk
    set_columns(Page, pages, ["latest_revision", "live_revision"])
    _bump_numchild(parents, existing, added)
    announce(pages)
    return pages


def _bump_numchild(parents, existing, added):
    updates = []
    for path, count in added.items():
        parent = parents[path]
        total = len(existing.get(path, [])) + count
        parent.numchild = total
        updates.append(Page(pk=parent.pk, numchild=total))
    set_columns(Page, updates, ["numchild"])


def update_pages(pages, fields, *, publish=True, user=None):
    """Save changed `fields` of existing specific pages, one new revision each.

    Published: the fields are written and the revision becomes the live one.
    Draft: only the revision is written (the live page is untouched), and the
    page is marked as having unpublished changes, as "save draft" would.
    """
    if not pages:
        return []
    now = timezone.now()
    revisions = _create_revisions(pages, now, user)
    page_fields = {"title", "draft_title", "slug", "seo_title", "search_description"}
    by_class = defaultdict(list)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision_id = revision.pk
        page.latest_revision_created_at = now
        page.draft_title = page.title
        if publish:
            page.live_revision_id = revision.pk
            page.last_published_at = now
            page.has_unpublished_changes = False
        else:
            page.has_unpublished_changes = True
        by_class[type(page)].append(page)
    base = [
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
    ]
    if publish:
        base += ["live_revision", "last_published_at"]
        base += sorted(set(fields) & page_fields)
    set_columns(Page, pages, base)
    for model, objs in by_class.items():
        specific = [f for f in fields if f not in page_fields]
        if publish and specific:
            local = {f.name for f in model._meta.local_concrete_fields}
            set_columns(model, objs, [f for f in specific if f in local])
    if publish:
        announce(pages)
    return pages


def log_pages(pages, action, *, user=None, data=None):
    """One history entry (`PageLogEntry`) per page, against its latest revision.

    `action` must be registered (hook `register_log_actions`); its formatter
    turns `data` into the message the page's history shows.
    """
    if not pages:
        return []
    if not log_action_registry.action_exists(action):
        raise ValueError(f"Unregistered log action {action!r}")
    now = timezone.now()
    entries = [
        PageLogEntry(
            page_id=page.pk,
            content_type_id=page.content_type_id,
            label=str(page.title)[:255],
            action=action,
            data=data or {},
            timestamp=now,
            user=user,
            revision_id=page.latest_revision_id,
            content_changed=True,
        )
        for page in pages
    ]
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    return entries


def page_problems():
    """Wagtail/treebeard's own consistency check, as a flat list of problem ids."""
    return [pk for group in Page.find_problems() for pk in group]
