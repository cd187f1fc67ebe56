"""Synthetic benchmark records in bulk (`load_demo --scale N`).

Creating pages one by one through treebeard costs several queries each, which
for 100,000 products is hours. Here the tree paths are computed directly,
wagtailcore_page rows go in with bulk_create, and the enterprise/product table
rows (Django cannot bulk_create multi-table children) go in with one multi-row
INSERT per batch through the model's own insert path. The whole top-up is one
transaction, so the numbering stays contiguous: product n always belongs to
benchmark enterprise n // PRODUCTS_PER_ENTERPRISE.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from demo import data
from demo.loading import publish_once
from directory.models import (
    CatalogEntry,
    CatalogIndexPage,
    CatalogPage,
    DirectoryIndexPage,
    EnterprisePage,
    FirstSetRecognition,
    ProductPage,
)
from directory.validators import complete_credit_code

PRODUCTS_PER_ENTERPRISE = 20
MAX_PRODUCTS = 1_000_000
ENTERPRISE_SLUG = "bench-enterprise-{:06d}"
PRODUCT_SLUG = "bench-product-{:07d}"
BATCH = 2000
FILING_CITY = {"中山市": "中", "慈溪市": "甬", "宁波市": "甬"}

BENCH_CATALOGS = [
    {
        "slug": "bench-catalog",
        "title": "示例：规模测试产品目录（演示）",
        "kind": "enterprise_product",
        "published_on": datetime.date(2025, 6, 1),
    },
    {
        "slug": "bench-first-set",
        "title": "示例：规模测试首台（套）目录（演示）",
        "kind": "first_set",
        "published_on": datetime.date(2025, 6, 1),
    },
]


def count_products():
    return ProductPage.objects.filter(slug__startswith="bench-product-").count()


def registration_number(n, kind, device_class, category, province, region):
    """Distinct for every n: the year carries n // 10000 and the serial n % 10000."""
    year, serial = 2024 + n // 10000, n % 10000
    if kind == "drug":
        return f"国药准字{category}{year}{serial:04d}"
    if kind == "service":
        return ""
    if device_class == "1":
        return f"{province}{FILING_CITY[region]}械备{year}{serial:04d}号"
    issuer = "国" if device_class == "3" else province
    return f"{issuer}械注准{year}{device_class}{category}{serial:04d}"


def top_up(target, progress=None):
    """Make sure `target` benchmark products exist; returns what was added."""
    existing = count_products()
    added = {"products": 0, "enterprises": 0}
    if existing >= target:
        return added
    with transaction.atomic():
        catalogs = ensure_catalogs()
        builder = TreeBuilder()
        enterprises = builder.enterprises_for(existing, target)
        added["enterprises"] = builder.new_enterprise_count
        products = builder.add_products(existing, target, enterprises, progress)
        added["products"] = len(products)
        add_memberships(products, catalogs)
    return added


def ensure_catalogs():
    index = CatalogIndexPage.objects.get()
    catalogs = {}
    for spec in BENCH_CATALOGS:
        page = CatalogPage(
            issuing_body="示例发布单位（非官方）",
            introduction="<p>规模测试用的示例目录，非官方信息。</p>",
            **spec,
        )
        catalogs[spec["slug"]], _ = publish_once(index, page)
    return catalogs


class TreeBuilder:
    """Appends page rows under existing parents with treebeard-compatible paths."""

    def __init__(self):
        self.now = timezone.now()
        self.locale_id = Locale.get_default().pk
        self.enterprise_type = ContentType.objects.get_for_model(EnterprisePage)
        self.product_type = ContentType.objects.get_for_model(ProductPage)
        self.new_enterprise_count = 0

    def next_step(self, parent):
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def page_row(self, parent, step, page):
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.locale_id = self.locale_id
        page.translation_key = uuid.uuid4()
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = self.now
        page.is_example = True
        return page

    def insert(self, model, content_type, pages):
        """Insert wagtailcore_page rows, then the model's own table rows."""
        base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            rows = [Page(**{name: getattr(p, name) for name in base_fields}) for p in batch]
            for row in rows:
                row.content_type_id = content_type.pk
            Page.objects.bulk_create(rows)
            if rows and rows[0].pk is None:  # backends that do not return keys
                ids = dict(
                    Page.objects.filter(path__in=[r.path for r in rows]).values_list("path", "pk")
                )
                for row in rows:
                    row.pk = ids[row.path]
            for page, row in zip(batch, rows, strict=True):
                page.pk = page.page_ptr_id = row.pk
            insert_child_rows(model, batch)

    def enterprises_for(self, first, stop):
        """Benchmark enterprises for products first..stop-1, created where missing."""
        wanted = range(first // PRODUCTS_PER_ENTERPRISE, (stop - 1) // PRODUCTS_PER_ENTERPRISE + 1)
        slugs = [ENTERPRISE_SLUG.format(e) for e in wanted]
        found = {p.slug: p for p in EnterprisePage.objects.filter(slug__in=slugs)}
        index = DirectoryIndexPage.objects.get()
        step = self.next_step(index)
        new = []
        for e, slug in zip(wanted, slugs, strict=True):
            if slug not in found:
                found[slug] = self.page_row(index, step, bench_enterprise(e, slug))
                found[slug].numchild = 0
                new.append(found[slug])
                step += 1
        self.insert(EnterprisePage, self.enterprise_type, new)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(new))
        self.new_enterprise_count = len(new)
        return {e: found[slug] for e, slug in zip(wanted, slugs, strict=True)}

    def add_products(self, first, stop, enterprises, progress=None):
        steps = {}
        products = []
        for n in range(first, stop):
            enterprise = enterprises[n // PRODUCTS_PER_ENTERPRISE]
            if enterprise.pk not in steps:
                steps[enterprise.pk] = self.next_step(enterprise) if enterprise.numchild else 1
            products.append(
                self.page_row(enterprise, steps[enterprise.pk], bench_product(n, enterprise))
            )
            steps[enterprise.pk] += 1
            if len(products) % 20_000 == 0 and progress:
                progress(f"  prepared {len(products)} products")
        self.insert(ProductPage, self.product_type, products)
        for pk, next_step in steps.items():
            Page.objects.filter(pk=pk).update(numchild=next_step - 1)
        return products


def insert_child_rows(model, pages):
    """The child table rows of multi-table pages, in as few INSERTs as the backend allows."""
    fields = model._meta.local_concrete_fields
    size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
    for start in range(0, len(pages), size):
        model._base_manager._insert(pages[start : start + size], fields=fields)


def bench_enterprise(e, slug):
    region, district, town, admin_code, _ = data.REGIONS[e % len(data.REGIONS)]
    brand = data.BRANDS[e % len(data.BRANDS)]
    return EnterprisePage(
        slug=slug,
        title=f"示例：规模测试{brand}{data.BUSINESSES[e % 4]}{e + 1}号",
        short_name=f"示例{brand}{e + 1}",
        credit_code=complete_credit_code(f"91{admin_code}MA{e:07d}"),
        region=region,
        district=district,
        town=town,
        address=f"{region}{district}{town}示例路{e + 1}号",
        description="<p>规模测试用的示例企业，全部信息均为示例数据，非官方信息。</p>",
    )


def bench_product(n, enterprise):
    name, kind, device_class, category, spec, use = data.PRODUCT_TEMPLATES[
        n % len(data.PRODUCT_TEMPLATES)
    ]
    province = data.REGIONS[(n // PRODUCTS_PER_ENTERPRISE) % len(data.REGIONS)][4]
    return ProductPage(
        slug=PRODUCT_SLUG.format(n),
        title=f"示例：{name}（规模测试 {n + 1}）",
        product_type=kind,
        device_class=device_class,
        registration_no=registration_number(
            n, kind, device_class, category, province, enterprise.region
        ),
        model_spec=spec,
        intended_use=use,
        procurement_status=data.PROCUREMENT_CYCLE[n % len(data.PROCUREMENT_CYCLE)],
        medical_insurance=data.INSURANCE_CYCLE[n % len(data.INSURANCE_CYCLE)],
        description="<p>规模测试用的示例产品，非官方信息。</p>",
    )


def add_memberships(products, catalogs):
    """About 20% of products in the benchmark catalog; some with a first-set recognition."""
    entries, recognitions = [], []
    for product in products:
        n = int(product.slug.rsplit("-", 1)[1])
        if n % 5 == 0:
            entries.append(
                CatalogEntry(catalog=catalogs["bench-catalog"], product=product, sort_order=n)
            )
        if n % 25 == 0 and (product.product_type == "drug" or product.device_class == "3"):
            recognitions.append(
                FirstSetRecognition(
                    page=product,
                    kind="innovative_drug" if product.product_type == "drug" else "first_set",
                    level="city",
                    catalog=catalogs["bench-first-set"],
                    recognised_on=datetime.date(2025, 6, 1),
                    highlights="示例：规模测试。",
                )
            )
            entries.append(
                CatalogEntry(catalog=catalogs["bench-first-set"], product=product, sort_order=n)
            )
    CatalogEntry.objects.bulk_create(entries, batch_size=BATCH)
    FirstSetRecognition.objects.bulk_create(recognitions, batch_size=BATCH)
