"""Build real, published pages for tests: one call per record, no fixtures files."""

import datetime
import itertools

from django.utils import timezone

from directory.choices import CatalogKind, DeviceClass, ProcurementStatus, ProductType
from directory.models import (
    CatalogEntry,
    CatalogIndexPage,
    CatalogPage,
    DirectoryIndexPage,
    EnterprisePage,
    ProductPage,
    SourceDocument,
)
from directory.validators import complete_credit_code
from events.models import EventIndexPage, EventPage, EventType
from hospitals.models import HospitalIndexPage, HospitalPage
from policies.models import (
    PolicyArea,
    PolicyIndexPage,
    PolicyIssuingBody,
    PolicyPage,
    PolicyRelatedPage,
)

_sequence = itertools.count(1)


def source_document(**fields):
    """The 中山 reply letter as a source, unless `fields` say otherwise."""
    defaults = {
        "title": "关于市十六届人大三次会议第2023028号代表建议答复的函",
        "issuing_body": "中山市工业和信息化局",
        "document_number": "中工信函〔2023〕47号",
        "issued_on": datetime.date(2023, 6, 20),
    }
    return SourceDocument.objects.create(**{**defaults, **fields})


def credit_code(number=None):
    number = next(_sequence) if number is None else number
    return complete_credit_code(f"91442000{number:09d}")


def publish(parent, page, live=True):
    """Add `page` under `parent` through a revision, as an editor would."""
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    return page


def enterprise(title=None, live=True, **fields):
    number = next(_sequence)
    fields.setdefault("credit_code", credit_code(number))
    fields.setdefault("region", "中山市")
    page = EnterprisePage(title=title or f"测试企业{number}有限公司", **fields)
    return publish(DirectoryIndexPage.objects.get(), page, live=live)


def product(parent=None, title=None, live=True, **fields):
    parent = parent or enterprise()
    number = next(_sequence)
    fields.setdefault("product_type", ProductType.DEVICE)
    if fields["product_type"] in (ProductType.DEVICE, ProductType.CONSUMABLE, ProductType.IVD):
        fields.setdefault("device_class", DeviceClass.CLASS_2)
    fields.setdefault("procurement_status", ProcurementStatus.SUNSHINE)
    page = ProductPage(title=title or f"测试产品{number}", **fields)
    return publish(parent, page, live=live)


def catalog(title=None, entries=(), live=True, **fields):
    number = next(_sequence)
    fields.setdefault("kind", CatalogKind.RECOMMENDED)
    fields.setdefault("issuing_body", "中山市工业和信息化局")
    fields.setdefault("published_on", datetime.date(2022, 11, 1))
    page = CatalogPage(title=title or f"测试目录{number}", **fields)
    publish(CatalogIndexPage.objects.get(), page, live=live)
    for position, item in enumerate(entries):
        key = "product" if isinstance(item, ProductPage) else "enterprise"
        CatalogEntry.objects.create(catalog=page, sort_order=position, **{key: item})
    return page


def event(title=None, live=True, **fields):
    number = next(_sequence)
    start = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=10))
    fields.setdefault("event_type", EventType.MATCHMAKING)
    fields.setdefault("ends_at", start + datetime.timedelta(hours=4))
    page = EventPage(title=title or f"测试活动{number}", starts_at=start, **fields)
    return publish(EventIndexPage.objects.get(), page, live=live)


def hospital(title=None, live=True, **fields):
    number = next(_sequence)
    fields.setdefault("region", "慈溪市")
    page = HospitalPage(title=title or f"测试医院{number}", **fields)
    return publish(HospitalIndexPage.objects.get(), page, live=live)


def policy(title=None, live=True, bodies=("中山市工业和信息化局",), areas=(), related=(), **fields):
    """A policy notice; `areas` are (province, city) pairs, `related` pages it concerns."""
    number = next(_sequence)
    fields.setdefault("summary", "测试用的政策要点。")
    page = PolicyPage(title=title or f"测试政策{number}", **fields)
    page.issuing_bodies = [PolicyIssuingBody(name=name) for name in bodies]
    page.areas = [PolicyArea(province=province, city=city) for province, city in areas]
    page.related_pages = [PolicyRelatedPage(target=target) for target in related]
    return publish(PolicyIndexPage.objects.get(), page, live=live)
