"""Adding pages inside data migrations.

Historical models have none of treebeard's methods, so a migration that adds
a page works out the tree path itself (four base-36 characters per level, as
Wagtail's `Page.steplen` and treebeard's alphabet) and keeps the parent's
`numchild` true. Kept free of app models so that old migrations never change
meaning when the models do.
"""

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def add_child_page(apps, parent, model, **fields):
    """Create a `model` page (a historical model) as the last child of `parent`."""
    Page = apps.get_model("wagtailcore.Page")
    ContentType = apps.get_model("contenttypes.ContentType")
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    content_type, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    fields.setdefault("draft_title", fields["title"])
    fields.setdefault("live", True)
    fields.setdefault("has_unpublished_changes", not fields["live"])
    page = model.objects.create(
        content_type=content_type,
        locale_id=parent.locale_id,
        path=parent.path + _encode(number),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{fields['slug']}/",
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


def add_section_index(apps, model_label, title, slug):
    """Add a section index under the home page, once; nothing when there is no
    home page yet (a database being built for tests gets it from the loader)."""
    model = apps.get_model(model_label)
    if model.objects.exists():
        return model.objects.get()
    HomePage = apps.get_model("home.HomePage")
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return None
    Page = apps.get_model("wagtailcore.Page")
    parent = Page.objects.get(pk=home.pk)
    return add_child_page(apps, parent, model, title=title, slug=slug)


def remove_empty_section_index(apps, model_label):
    """Undo `add_section_index` when the section is still empty."""
    Page = apps.get_model("wagtailcore.Page")
    for index in apps.get_model(model_label).objects.filter(numchild=0):
        parent_path = index.path[:-STEPLEN]
        index.delete()
        parent = Page.objects.get(path=parent_path)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild - 1)
