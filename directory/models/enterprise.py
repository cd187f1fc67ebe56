import functools
import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import ExampleMixin, RuleRestrictionsMixin, SectionIndexPage
from core.ordering import sorted_by_pinyin
from core.page_cache import content_version
from core.panels import StaffOwnedFieldPanel
from core.visibility import PublicPageManager, PublicPageQuerySet
from directory.models.provenance import ProvenanceMixin
from directory.validators import normalize_identifier, validate_credit_code, validate_phone


class DirectoryIndexPage(SectionIndexPage):
    """The enterprise directory: every enterprise page lives under it."""

    subpage_types = ["directory.EnterprisePage"]

    class Meta:
        verbose_name = "企业名录"

    def pinyin_ordered_ids(self):
        """Ids of the public enterprises in pinyin order of their names. The
        sort is kept per content version and a fingerprint of the rows, so
        any publish, rename or removal sorts afresh."""
        enterprises = EnterprisePage.objects.child_of(self).for_public()
        fingerprint = enterprises.aggregate(
            count=models.Count("pk"),
            latest=models.Max("latest_revision_created_at"),
            top=models.Max("pk"),
        )
        digest = hashlib.sha1(repr(sorted(fingerprint.items())).encode(), usedforsecurity=False)
        key = f"directory:pinyin-order:{self.pk}:{content_version()}:{digest.hexdigest()}"
        ids = cache.get(key)
        if ids is None:
            rows = enterprises.values_list("pk", "title")
            ids = [pk for pk, _ in sorted_by_pinyin(rows, name=lambda row: row[1])]
            cache.set(key, ids, 3600)
        return ids

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = Paginator(self.pinyin_ordered_ids(), 30).get_page(request.GET.get("page"))
        by_pk = EnterprisePage.objects.in_bulk(list(page.object_list))
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
        context["enterprises"] = page
        return context


class EnterpriseQuerySet(PublicPageQuerySet):
    def of_products(self, products):
        """The enterprises that make `products` (each product is a child page)."""
        return self.filter(path__in={maker_path(product) for product in products})

    def makers_of(self, products):
        """{product id: its enterprise, or None if not in this queryset}, in one query."""
        by_path = {enterprise.path: enterprise for enterprise in self.of_products(products)}
        return {product.pk: by_path.get(maker_path(product)) for product in products}


def maker_path(product):
    """The tree path of the enterprise page a product page sits under."""
    return product.path[: -Page.steplen]


class EnterprisePage(RuleRestrictionsMixin, ProvenanceMixin, ExampleMixin, Page):
    """A local maker of drugs or devices; its products are its child pages."""

    short_name = models.CharField("简称", max_length=60, blank=True)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text="18 位，按 GB 32100-2015 校验。",
    )
    region = models.CharField("所在地区", max_length=40, help_text="地级市或县级市，如“中山市”。")
    district = models.CharField("区/县", max_length=40, blank=True)
    town = models.CharField("镇/街道", max_length=40, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField(
        "联系电话",
        max_length=80,
        blank=True,
        validators=[validate_phone],
        help_text="照企业印制的写法，如“0760-88888888（总机）、0760-88888889 转 8001”。",
    )
    website = models.URLField("企业网站", blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="标志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(
        "企业简介", blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    drug_licence_no = models.CharField("药品生产许可证编号", max_length=40, blank=True)
    device_licence_no = models.CharField("医疗器械生产许可证编号", max_length=40, blank=True)
    licence_valid_until = models.DateField("生产许可证有效期至", null=True, blank=True)
    certifications = models.CharField(
        "认证", max_length=200, blank=True, help_text="如“GMP、ISO 13485”，用顿号分隔。"
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("short_name"), StaffOwnedFieldPanel("credit_code"), FieldPanel("logo")],
            heading="基本信息",
        ),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("district"),
                FieldPanel("town"),
                FieldPanel("address"),
            ],
            heading="所在地",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("website")],
            heading="联系方式",
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("drug_licence_no"),
                FieldPanel("device_licence_no"),
                FieldPanel("licence_valid_until"),
                FieldPanel("certifications"),
            ],
            heading="许可与认证",
        ),
        *ProvenanceMixin.provenance_panels(staff_owned=True),
    ]
    settings_panels = Page.settings_panels + [StaffOwnedFieldPanel("is_example")]
    objects = PublicPageManager.from_queryset(EnterpriseQuerySet)()
    search_fields = Page.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("credit_code"),
        index.FilterField("region"),
    ]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.ProductPage"]

    class Meta:
        verbose_name = "企业"

    def clean(self):
        super().clean()
        self.credit_code = normalize_identifier(self.credit_code)

    @property
    def location(self):
        return "".join(part for part in (self.region, self.district, self.town) if part)

    @property
    def certification_list(self):
        return [c.strip() for c in self.certifications.replace(",", "、").split("、") if c.strip()]

    def get_products(self):
        from .product import ProductPage

        return ProductPage.objects.child_of(self).for_public().order_by("title")

    def get_catalogs(self):
        """Public catalogs that list this enterprise or any of its public products."""
        from .catalog import CatalogEntry, CatalogPage

        entries = CatalogEntry.objects.for_public().filter(
            models.Q(enterprise=self) | models.Q(product__path__startswith=self.path)
        )
        return (
            CatalogPage.objects.for_public()
            .filter(pk__in=entries.values("catalog_id"))
            .order_by("-published_on")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when the page fragment is not cached.
        context["products"] = functools.cache(self.get_products)
        context["catalogs"] = functools.cache(self.get_catalogs)
        return context
