"""Load the demo content of demo/data.py as published pages, once.

Every record is looked up by its slug under its parent first, so a second run
creates nothing and changes nothing.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from demo import data
from directory.choices import DEVICE_TYPES, RecognitionKind, RecognitionLevel
from directory.models import (
    CatalogEntry,
    CatalogIndexPage,
    CatalogPage,
    DirectoryIndexPage,
    EnterprisePage,
    FirstSetRecognition,
    ProductPage,
    SourceDocument,
)
from directory.validators import complete_credit_code
from events.models import EventIndexPage, EventPage
from home.models import HomeFeaturedCatalog, HomePage

SHANGHAI = ZoneInfo("Asia/Shanghai")
FILING_CITY = {"中山市": "中", "慈溪市": "甬", "宁波市": "甬"}


def publish_once(parent, page):
    """Add `page` under `parent` (saving runs full_clean) and publish it through a revision,
    unless a sibling already has its slug."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific, False
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True


def seed_source(key):
    """The letter `key` names (demo.data.SEED_SOURCES) as a SourceDocument row, once."""
    spec = data.SEED_SOURCES[key]
    source, _ = SourceDocument.objects.get_or_create(
        document_number=spec["document_number"], defaults=spec
    )
    return source


def provenance(key, **placeholders):
    """Page fields for a record taken from letter `key`, checked against it on VERIFIED_ON."""
    source = seed_source(key)
    return {
        "fact_source": source,
        "placeholders": placeholders,
        "verified_on": data.VERIFIED_ON,
        "verified_against": f"答复函原文（{source.document_number}）",
    }


def sourced(spec):
    """A seed spec's page fields: its `source` key and `placeholders` become provenance."""
    spec = dict(spec)
    fields = provenance(spec.pop("source"), **spec.pop("placeholders", {}))
    return {**spec, **fields}


def demo_credit_code(admin_code, number):
    """Synthetic, checksum-valid: "DM" marks the organisation part as a demo value."""
    return complete_credit_code(f"91{admin_code}DM{number:07d}")


def load(stdout=None):
    """Load seed facts and the synthetic directory; returns {label: created count}."""
    created = {"catalogs": 0, "enterprises": 0, "products": 0, "events": 0, "entries": 0}
    with transaction.atomic():
        catalogs = load_catalogs(created)
        load_seed_directory(catalogs, created)
        load_synthetic_directory(catalogs, created)
        load_events(created)
        feature_catalogs(catalogs)
    return created


def load_catalogs(created):
    index = CatalogIndexPage.objects.get()
    catalogs = {}
    combined = {}
    for spec in data.SEED_CATALOGS:
        fields = sourced(spec)
        combined[spec["slug"]] = fields.pop("combined_with", None)
        catalogs[spec["slug"]] = add(created, "catalogs", index, CatalogPage(**fields))
    for spec in data.SYNTHETIC_CATALOGS:
        page = CatalogPage(
            issuing_body="示例发布单位（非官方）",
            introduction="<p>演示用的示例目录，所列条目均为示例数据，非官方信息。</p>",
            is_example=True,
            **spec,
        )
        catalogs[spec["slug"]] = add(created, "catalogs", index, page)
    link_combined_counts(catalogs, combined)
    return catalogs


def link_combined_counts(catalogs, combined):
    """Issues whose count the letter gives only as a total point at each other."""
    for slug, other in combined.items():
        catalog = catalogs[slug]
        if other and catalog.declared_count_combined_with_id is None:
            draft = catalog.get_latest_revision_as_object()
            draft.declared_count_combined_with = catalogs[other]
            draft.save_revision().publish()
            catalog.refresh_from_db()


def add(created, label, parent, page):
    page, is_new = publish_once(parent, page)
    created[label] += is_new
    return page


def add_entry(created, catalog, position, **target):
    _, is_new = CatalogEntry.objects.get_or_create(
        catalog=catalog, **target, defaults={"sort_order": position}
    )
    created["entries"] += is_new


def load_seed_directory(catalogs, created):
    index = DirectoryIndexPage.objects.get()
    first_set = catalogs["zs-first-set-medical-equipment"]
    seed_enterprises = [data.FIRST_SET_MAKER, *data.SEED_ENTERPRISES]
    for number, spec in enumerate(seed_enterprises, start=1):
        spec = dict(spec)
        products = spec.pop("products")
        admin_code = "442000" if spec["region"] == "中山市" else "330282"
        credit_code = demo_credit_code(admin_code, number)
        if "source" in spec:
            page = EnterprisePage(
                credit_code=credit_code,
                **sourced({**spec, "placeholders": {"credit_code": data.PLACEHOLDER_CREDIT_CODE}}),
            )
        else:  # a maker the letter does not name: wholly a placeholder
            page = EnterprisePage(credit_code=credit_code, is_example=True, **spec)
        enterprise = add(created, "enterprises", index, page)
        for product_spec in products:
            product_spec = dict(product_spec)
            is_first_set = product_spec.pop("first_set", False)
            product_spec["placeholders"] = {
                "device_class": data.PLACEHOLDER_CLASS,
                "intended_use": data.PLACEHOLDER_USE,
            }
            page = ProductPage(
                description="<p>产品名称摘自原文；注册证编号未录入。</p>", **sourced(product_spec)
            )
            if is_first_set:
                page.recognitions = [
                    FirstSetRecognition(
                        kind=RecognitionKind.FIRST_SET,
                        level=RecognitionLevel.CITY,
                        catalog=first_set,
                        highlights="列入中山市首台（套）高端医疗装备产品目录。",
                    )
                ]
            product = add(created, "products", enterprise, page)
            if is_first_set:
                add_entry(created, first_set, product.pk, product=product)


def registration_number(number, template_type, device_class, category, province, region):
    year = 2016 + number % 8
    if template_type == "drug":
        return f"国药准字{category}{year}{number:04d}"
    if template_type not in DEVICE_TYPES:
        return ""
    if device_class == "1":
        return f"{province}{FILING_CITY[region]}械备{year}{number:04d}号"
    issuer = "国" if device_class == "3" else province
    return f"{issuer}械注准{year}{device_class}{category}{number:04d}"


def load_synthetic_directory(catalogs, created):
    index = DirectoryIndexPage.objects.get()
    templates = data.PRODUCT_TEMPLATES
    for i, brand in enumerate(data.BRANDS):
        region, district, town, admin_code, province = data.REGIONS[i % len(data.REGIONS)]
        own = [(3 * i + k, templates[(3 * i + k) % len(templates)]) for k in range(3)]
        business = "制药有限公司" if own[0][1][1] == "drug" else data.BUSINESSES[i % 4]
        enterprise = add(
            created,
            "enterprises",
            index,
            EnterprisePage(
                slug=f"demo-enterprise-{i + 1:02d}",
                title=f"示例：{region.removesuffix('市')}{brand}{business}",
                short_name=f"示例{brand}",
                credit_code=demo_credit_code(admin_code, 100 + i),
                region=region,
                district=district,
                town=town,
                address=f"{region}{district}{town}示例路{i + 1}号",
                contact_name="示例联系人",
                contact_phone=f"0760-8800{i:04d}",
                certifications="ISO 13485" if i % 3 else "GMP、ISO 13485",
                description=f"<p>演示用的示例企业，全部信息均为示例数据，非官方信息。{data.PLACEHOLDER_IDS}</p>",
                is_example=True,
            ),
        )
        if i % 4 == 0:
            add_entry(created, catalogs["demo-recommended"], 1000 + i, enterprise=enterprise)
        for j, (name, kind, device_class, category, spec, use) in own:
            procurement = data.PROCUREMENT_CYCLE[j % len(data.PROCUREMENT_CYCLE)]
            if "牙" in name and device_class == "2":
                procurement = "sunshine"  # a class II dental device on the provincial platform
            page = ProductPage(
                slug=f"demo-product-{j + 1:02d}",
                title=f"示例：{brand}{name}",
                product_type=kind,
                device_class=device_class,
                registration_no=registration_number(
                    j, kind, device_class, category, province, region
                ),
                model_spec=spec,
                intended_use=use,
                procurement_status=procurement,
                medical_insurance=data.INSURANCE_CYCLE[j % len(data.INSURANCE_CYCLE)],
                description="<p>演示用的示例产品，注册证编号等信息均为示例数据，非官方信息。</p>",
                is_example=True,
            )
            recognised = j % 4 == 0 and (kind == "drug" or device_class == "3")
            if recognised:
                page.recognitions = [
                    FirstSetRecognition(
                        kind=RecognitionKind.INNOVATIVE_DRUG
                        if kind == "drug"
                        else RecognitionKind.FIRST_SET,
                        level=RecognitionLevel.CITY if j % 8 else RecognitionLevel.PROVINCE,
                        catalog=catalogs["demo-first-set"],
                        recognised_on=datetime.date(2023, 5, 1),
                        highlights="示例亮点：演示用文字。",
                    )
                ]
            product = add(created, "products", enterprise, page)
            memberships = [
                ("demo-local-products", j % 2 == 0),
                ("demo-recommended", j % 3 == 0),
                ("demo-expired", j % 10 == 1),
                ("demo-first-set", recognised),
            ]
            for slug, member in memberships:
                if member:
                    add_entry(created, catalogs[slug], j, product=product)


def load_events(created):
    index = EventIndexPage.objects.get()
    for spec in data.SEED_EVENTS:
        spec = dict(spec)
        year, month, day, hour = spec.pop("starts_at")
        starts_at = datetime.datetime(year, month, day, hour, tzinfo=SHANGHAI)
        stated = spec.pop("date_as_stated")
        spec["placeholders"] = {
            "starts_at": f"原文只载明“{stated}”，未载明具体日期",
            "ends_at": "原文未载明",
        }
        page = EventPage(
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=spec.pop("hours")),
            **sourced(spec),
        )
        add(created, "events", index, page)
    today = timezone.localdate()
    for spec in data.SYNTHETIC_EVENTS:
        spec = dict(spec)
        day = today + datetime.timedelta(days=spec.pop("days_ahead"))
        starts_at = datetime.datetime(day.year, day.month, day.day, 9, tzinfo=SHANGHAI)
        agenda = [
            ("item", {"time": time, "title": title, "speaker": speaker})
            for time, title, speaker in spec.pop("agenda", [])
        ]
        page = EventPage(
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=spec.pop("hours")),
            registration_deadline=starts_at - datetime.timedelta(days=3),
            agenda=agenda,
            contact_name="示例联系人",
            contact_phone="0760-88000000",
            is_example=True,
            **spec,
        )
        add(created, "events", index, page)


def feature_catalogs(catalogs):
    home = HomePage.objects.get()
    if home.featured_catalogs.exists():
        return
    home.featured_catalogs = [
        HomeFeaturedCatalog(catalog=catalogs[slug], sort_order=position)
        for position, slug in enumerate(
            ["zs-recommended-2022", "zs-first-set-medical-equipment", "zs-drug-device-catalog-2"]
        )
    ]
    home.save_revision().publish()
