"""The plan → the database, through the page lifecycle.

Pages are written by the one bulk tree writer (`core.bulk`), which gives each a
revision and announces it; each created or changed page also gets a history
entry naming the file and the user. Drafts of a user who may not publish are
submitted to the page's workflow. Catalog entries and recognitions, written in
bulk, are announced here.
"""

from core import bulk, changes
from directory.choices import CatalogKind, EntryReview, RecognitionKind
from directory.models import (
    CatalogEntry,
    CatalogIndexPage,
    DirectoryIndexPage,
    FirstSetRecognition,
)

from .matching import label_of
from .report import CREATED, UNCHANGED, UPDATED, RowResult

LOG_ACTION = "directory.import"


def entry_key(entry):
    return ("p", entry.product_id) if entry.product_id else ("e", entry.enterprise_id)


def write_catalog(catalog, created, changed, *, publish, user):
    """Create or revise the catalog page the ordinary way (one page: signals, log)."""
    if created:
        catalog.live = False
        CatalogIndexPage.objects.get().add_child(instance=catalog)
    elif not changed:
        return catalog
    revision = catalog.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        catalog.refresh_from_db()
    return catalog


def _pages_by_action(items):
    new, updated, fields = [], [], set()
    for item in items:
        if item.action == CREATED:
            new.append(item)
        elif item.action == UPDATED and item.changed:
            updated.append(item.page)
            fields.update(item.changed)
    return new, updated, fields


def write(plan, catalog, options, report, *, publish, log_data):
    user = options.user
    directory = DirectoryIndexPage.objects.select_for_update().get()
    touched = []  # pages that get a history entry (and go to review when moderated)

    enterprises = list(plan.enterprises.values())
    new, updated, fields = _pages_by_action(enterprises)
    bulk.add_children([(directory, item.page) for item in new], publish=publish, user=user)
    bulk.update_pages(updated, fields, publish=publish, user=user)
    touched += [item.page for item in new] + updated
    for item in enterprises:
        report.enterprises[item.action] += 1

    products = [product for _, _, product in plan.lines if product is not None]
    new, updated, fields = _pages_by_action(products)
    bulk.add_children(
        [(line[1].page, line[2].page) for line in plan.lines if line[2] and line[2].is_new],
        publish=publish,
        user=user,
    )
    recognised = _recognitions(plan, catalog, options, report, publish)
    updated += [p for p in recognised if p not in updated and not _is_new(plan, p)]
    bulk.update_pages(updated, fields, publish=publish, user=user)
    touched += [item.page for item in new] + updated

    bulk.log_pages(touched, LOG_ACTION, user=user, data=log_data)
    moved = _write_entries(plan, catalog, options, report, publish)
    if recognised or moved:
        changes.announce([catalog, *recognised, *moved])
    if report.moderated:
        catalog_reviewed = (
            report.catalog_created or report.catalog_changed or report.proposed or report.removed
        )
        submit_for_review([*touched, catalog] if catalog_reviewed else touched, user)


def _is_new(plan, page):
    return any(line[2] and line[2].page is page and line[2].is_new for line in plan.lines)


def _recognitions(plan, catalog, options, report, publish):
    """First-set marks become recognitions; a draft import adds them to new pages only."""
    recognitions, pages = [], []
    for row, _, product in plan.lines:
        if not (row.first_set and product):
            continue
        if product.page.pk in plan.first_set or (not publish and not product.is_new):
            continue
        if product.action == UNCHANGED:
            product.action = UPDATED
            product.changed.append("recognitions")
        pages.append(product.page)
        recognitions.append(
            FirstSetRecognition(
                page_id=product.page.pk,
                kind=RecognitionKind.FIRST_SET,
                level=row.first_set_level or options.first_set_level,
                catalog=catalog if catalog.kind == CatalogKind.FIRST_SET else None,
                sort_order=0,
            )
        )
    FirstSetRecognition.objects.bulk_create(recognitions, batch_size=bulk.BATCH_SIZE)
    return pages


def _write_entries(plan, catalog, options, report, publish):
    """Catalog entries in file order; with `replace`, entries not in the file go.

    A moderated import proposes its additions and removals (they await the
    catalog's review, see `directory.signals`) and leaves the order of entries
    in force alone. Returns the ids of pages whose public catalog membership or
    place in it changed.
    """
    moderated = report.moderated
    existing = {entry_key(entry): entry for entry in catalog.entries.all()}
    new_entries, changed_entries, seen, changed_pages = [], [], set(), []
    for position, (row, enterprise, product) in enumerate(plan.lines, start=1):
        item = product or enterprise
        key = ("p" if product else "e", item.page.pk)
        seen.add(key)
        _report_row(report, row, product, item)
        entry = existing.get(key)
        if entry is None:
            fk = {"product_id": item.page.pk} if product else {"enterprise_id": item.page.pk}
            review = EntryReview.ADDITION if moderated else EntryReview.IN_FORCE
            new_entries.append(
                CatalogEntry(catalog=catalog, sort_order=position, review=review, **fk)
            )
            if not moderated:  # a proposal changes nothing public: nothing to announce
                changed_pages.append(item.page.pk)
            report.entries[CREATED] += 1
            action = CREATED
        else:
            action = _update_entry(entry, position, moderated)
            if action != UNCHANGED:
                changed_entries.append(entry)
                if entry.review == EntryReview.IN_FORCE and not moderated:
                    changed_pages.append(item.page.pk)
            report.entries[action] += 1
        if moderated and (entry is None or entry.review == EntryReview.ADDITION):
            report.proposed.append(f"{'产品' if product else '企业'}：{item.page.title}")
    CatalogEntry.objects.bulk_create(new_entries, batch_size=bulk.BATCH_SIZE)
    CatalogEntry.objects.bulk_update(
        changed_entries, ["sort_order", "review"], batch_size=bulk.BATCH_SIZE
    )
    if options.replace:
        changed_pages += _remove_missing(
            [entry for key, entry in existing.items() if key not in seen], moderated
        )
    return changed_pages


def _update_entry(entry, position, moderated):
    """An entry the file lists again: what changes, as a report action."""
    action = UNCHANGED
    if entry.review == EntryReview.REMOVAL:  # listed again: its proposed removal is withdrawn
        entry.review, action = EntryReview.IN_FORCE, UPDATED
    elif entry.review == EntryReview.ADDITION and not moderated:  # by someone who may publish
        entry.review, action = EntryReview.IN_FORCE, CREATED
    if entry.sort_order != position and (entry.review == EntryReview.ADDITION or not moderated):
        entry.sort_order = position
        action = UPDATED if action == UNCHANGED else action
    return action


def _remove_missing(gone, moderated):
    """Entries the file leaves out: removed, or (moderated) proposed for removal;
    a proposed addition the file no longer holds is simply dropped."""
    additions = [entry.pk for entry in gone if entry.review == EntryReview.ADDITION]
    in_force = [entry for entry in gone if entry.review != EntryReview.ADDITION]
    CatalogEntry.objects.filter(pk__in=additions).delete()
    if moderated:
        CatalogEntry.objects.filter(pk__in=[entry.pk for entry in in_force]).update(
            review=EntryReview.REMOVAL
        )
        return []
    CatalogEntry.objects.filter(pk__in=[entry.pk for entry in in_force]).delete()
    return [entry.product_id or entry.enterprise_id for entry in in_force]


def _report_row(report, row, product, item):
    if product:
        report.products[product.action] += 1
    changed = _labels(item)
    for label in changed:
        report.changed_fields[label] += 1
    report.results.append(
        RowResult(
            row.number,
            "product" if product else "enterprise",
            item.page.title,
            item.action,
            changed,
        )
    )


def _labels(item):
    return [label_of(type(item.page), name) for name in dict.fromkeys(item.changed)]


def submit_for_review(pages, user):
    """Start each page's workflow (Wagtail's default: moderators approve); a
    workflow sent back for changes is resubmitted."""
    for page in pages:
        state = page.current_workflow_state
        if state is None:
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, user)
        elif state.status == state.STATUS_NEEDS_CHANGES:
            state.resume(user)
