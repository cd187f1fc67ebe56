"""Demo hospitals and 首试首用 records, loaded once by `manage.py load_demo`.

Records are added to a product through a new revision of the product, as an
editor would add them, so the editor's copy of the page keeps them and the
publish announces the change.
"""

import datetime

from django.db import transaction

from demo.loading import publish_once, sourced
from directory.models import FirstUseRecord, ProductPage
from home.models import HomePage

from . import demo_data as data
from .models import HospitalIndexPage, HospitalPage


def load():
    created = {"hospitals": 0, "first_use_records": 0}
    with transaction.atomic():
        index = ensure_index()
        hospitals = {}
        for spec in data.SEED_HOSPITALS:
            hospitals[spec["slug"]] = add_hospital(created, index, sourced(spec))
        example = add_hospital(created, index, {**data.SYNTHETIC_HOSPITAL, "is_example": True})

        seed_slugs = {slug for slug, *_ in data.SEED_FIRST_USE}
        products = {p.slug: p for p in ProductPage.objects.filter(slug__in=seed_slugs)}
        for product_slug, hospital_slug, year, scope in data.SEED_FIRST_USE:
            product = products.get(product_slug)
            if product is not None:
                add_record(created, product, hospitals[hospital_slug], year, scope)
        # Every ninth synthetic product was trialled at the synthetic hospital.
        for product in ProductPage.objects.filter(slug__startswith="demo-product-"):
            number = int(product.slug.rsplit("-", 1)[1]) - 1
            if number % 9 == 0:
                add_record(created, product, example, 2019 + number % 5, "示例：临床试用")
    return created


def ensure_index():
    """The section exists from its migration (a database flushed by a test
    gets it here); the letters' figures on hospitals go in its introduction."""
    index = HospitalIndexPage.objects.first()
    if index is None:
        index, _ = publish_once(
            HomePage.objects.get(), HospitalIndexPage(title="医疗机构", slug="hospitals")
        )
    if not index.introduction:
        draft = index.get_latest_revision_as_object()
        draft.introduction = data.INDEX_INTRODUCTION
        draft.save_revision().publish()
        index.refresh_from_db()
    return index


def add_hospital(created, index, fields):
    page, is_new = publish_once(index, HospitalPage(**fields))
    created["hospitals"] += is_new
    return page


def add_record(created, product, hospital, year, scope):
    if product.first_use_records.filter(hospital=hospital).exists():
        return
    draft = product.get_latest_revision_as_object()
    draft.first_use_records.add(
        FirstUseRecord(hospital=hospital, started_on=datetime.date(year, 1, 1), scope=scope)
    )
    draft.save_revision().publish()
    created["first_use_records"] += 1
