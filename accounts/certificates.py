"""Certificates across the directory that run out within the warning
window or already have: product registration certificates (注册证) and
enterprise production licences (生产许可证), as one list of pages."""

import datetime

from django.db.models import Case, CharField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from wagtail.models import Page

from directory.models.product import EXPIRY_WARNING_DAYS

PRODUCT_CERTIFICATE = "产品注册证"
ENTERPRISE_LICENCE = "生产许可证"


def expiring_certificates(today=None, within_days=EXPIRY_WARNING_DAYS):
    """Pages whose certificate expires by today + `within_days` (expired ones
    included), soonest first, annotated with `valid_until`, `certificate`
    and, for products, `enterprise_title`."""
    limit = (today or timezone.localdate()) + datetime.timedelta(days=within_days)
    parent_title = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    ).values("title")[:1]
    return (
        Page.objects.annotate(
            valid_until=Coalesce(
                F("productpage__certificate_valid_until"), F("enterprisepage__licence_valid_until")
            ),
            certificate=Case(
                When(productpage__isnull=False, then=Value(PRODUCT_CERTIFICATE)),
                default=Value(ENTERPRISE_LICENCE),
                output_field=CharField(),
            ),
            enterprise_title=Case(
                When(productpage__isnull=False, then=Subquery(parent_title)),
                default=F("title"),
                output_field=CharField(),
            ),
        )
        .filter(valid_until__lte=limit)
        .order_by("valid_until", "path")
    )
