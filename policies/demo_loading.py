"""Load the policies the letters name, and the facts they state that no
other loader shows (demo_facts.py), once: `manage.py load_demo` calls
`load()`; a second run finds every record by its slug and changes nothing."""

from django.db import transaction

from demo.loading import publish_once, sourced
from directory.models import CatalogPage
from home.models import HomePage

from . import demo_data as data
from . import demo_facts
from .models import PolicyArea, PolicyIndexPage, PolicyIssuingBody, PolicyPage, PolicyRelatedPage


def load():
    created = {"policies": 0}
    with transaction.atomic():
        index = ensure_index()
        for spec in data.SEED_POLICIES:
            created["policies"] += add_policy(index, dict(spec))
        created |= demo_facts.load()
    return created


def ensure_index():
    """The section exists from its migration; a database flushed by a test gets it here."""
    index = PolicyIndexPage.objects.first()
    if index is None:
        index, _ = publish_once(
            HomePage.objects.get(), PolicyIndexPage(title="政策文件", slug="policies")
        )
    return index


def add_policy(index, spec):
    related = CatalogPage.objects.filter(slug__in=spec.pop("related_catalogs", []))
    page = PolicyPage(**sourced({key: value for key, value in spec.items() if key not in CHILDREN}))
    page.issuing_bodies = [PolicyIssuingBody(name=name) for name in spec["issuing_bodies"]]
    page.areas = [PolicyArea(province=p, city=c) for p, c in spec["areas"]]
    page.related_pages = [PolicyRelatedPage(target=catalog) for catalog in related]
    _, is_new = publish_once(index, page)
    return is_new


CHILDREN = {"issuing_bodies", "areas"}
