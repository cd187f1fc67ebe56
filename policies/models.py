from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import ExampleMixin, RuleRestrictionsMixin, SectionIndexPage
from core.visibility import PublicPageManager, PublicPageQuerySet, public_pages
from directory.choices import CatalogKind, ProcurementStatus, ProductType
from directory.models import FirstSetRecognition, ProvenanceMixin

from .fields import ChoiceListField
from .regions import CITY_PROVINCE, PROVINCE_CHOICES, locate, locate_in_text
from .validators import document_number_year, normalize_document_number, validate_document_number


class DatePrecision(models.TextChoices):
    DAY = "day", gettext_noop("具体到日")
    MONTH = "month", gettext_noop("原文只载明年月")
    YEAR = "year", gettext_noop("原文只载明年份")


# How a date of each precision reads (in the active language): 2020年6月5日,
# 2020年6月, 2020年. Search documents are built in Chinese.
DATE_FORMATS = {
    DatePrecision.DAY: "DATE_FORMAT",
    DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
}
UNSTATED = gettext_noop("未载明")


class PolicyPageForm(WagtailAdminPageForm):
    """A policy names at least one issuing body (InlinePanel's min_num alone
    does not stop a save)."""

    def clean(self):
        cleaned_data = super().clean()
        bodies = self.formsets.get("issuing_bodies")
        if bodies is not None and bodies.is_valid():
            names = [
                form.cleaned_data.get("name")
                for form in bodies.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if not any(names):
                self.add_error(None, "请至少填写一个发文单位。")
        return cleaned_data


class PolicyIndexPage(SectionIndexPage):
    subpage_types = ["policies.PolicyPage"]

    class Meta:
        verbose_name = "政策文件索引"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        policies = (
            PolicyPage.objects.child_of(self)
            .for_public()
            .prefetch_related("issuing_bodies")
            .order_by(models.F("issued_on").desc(nulls_last=True), "title")
        )
        context["policies"] = Paginator(policies, 30).get_page(request.GET.get("page"))
        return context


class PolicyQuerySet(PublicPageQuerySet):
    def in_region(self, region):
        """Policies for the province of `region` (a city name), the city
        itself or a city above it."""
        return self.in_area(*locate(region))

    def in_area(self, province, cities):
        if province is None:
            return self.none()
        areas = PolicyArea.objects.filter(province=province, city__in=["", *cities])
        return self.filter(pk__in=areas.values("page_id"))

    def linked_to(self, page):
        """Policies that name `page` among the pages they concern."""
        return self.filter(pk__in=PolicyRelatedPage.objects.filter(target=page).values("page_id"))

    def applying_to_product(self, product, region):
        """Public policies for `product`, made by an enterprise in `region`: those
        that name it, and those for its kind of product in its province or city."""
        by_kind = models.Q(product_types__contains=f",{product.product_type},") & (
            models.Q(procurement_statuses="")
            | models.Q(procurement_statuses__contains=f",{product.procurement_status},")
        )
        # In the same query: does the product hold a recognition? (Asked of the
        # database: a preview's in-memory records cannot go into a query.)
        recognised = models.Exists(FirstSetRecognition.objects.filter(page_id=product.pk))
        by_kind &= models.Q(first_set_only=False) | models.Q(recognised)
        in_region = self.in_region(region).filter(by_kind).values("pk")
        return self._public_in_order(
            models.Q(pk__in=in_region) | models.Q(pk__in=self.linked_to(product).values("pk"))
        )

    def procurement_rules_for(self, product, region):
        """Public policies of the product's province or city that govern its
        procurement status for its type of product."""
        return self._public_in_order(
            models.Q(
                pk__in=self.in_region(region)
                .filter(
                    product_types__contains=f",{product.product_type},",
                    procurement_statuses__contains=f",{product.procurement_status},",
                )
                .values("pk")
            )
        )

    def applying_to_catalog(self, catalog):
        """Public policies that name `catalog`, or concern its kind of catalog
        where its issuing body is."""
        area = locate_in_text(catalog.issuing_body)
        by_kind = self.in_area(*area).filter(catalog_kinds__contains=f",{catalog.kind},")
        return self._public_in_order(
            models.Q(pk__in=by_kind.values("pk"))
            | models.Q(pk__in=self.linked_to(catalog).values("pk"))
        )

    def _public_in_order(self, condition):
        return (
            self.for_public()
            .filter(condition)
            .prefetch_related("issuing_bodies")
            .order_by(models.F("issued_on").desc(nulls_last=True), "title")
        )


class PolicyPage(RuleRestrictionsMixin, ProvenanceMixin, ExampleMixin, Page):
    """A policy document (政策文件): who issued it, when it applies, and to what."""

    document_number = models.CharField(
        "文号",
        max_length=60,
        blank=True,
        validators=[validate_document_number],
        help_text="如“中工信〔2020〕214号”；原文未载明文号时留空。",
    )
    issued_on = models.DateField("发布日期", null=True, blank=True, help_text="未载明时留空。")
    issued_precision = models.CharField(
        "发布日期精度",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="原文只写“2020年6月”时选“只载明年月”，日期填当月1日。",
    )
    in_force_from = models.DateField("施行日期", null=True, blank=True, help_text="未载明时留空。")
    in_force_until = models.DateField("有效期至", null=True, blank=True, help_text="未载明时留空。")
    summary = models.TextField(
        "要点（通俗说明）", help_text="用平实的话说明这份文件对采购方和企业意味着什么。"
    )
    body = RichTextField("正文", blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"])
    original_url = models.URLField("原文链接", blank=True)
    product_types = ChoiceListField(
        "适用产品类别",
        item_choices=ProductType.choices,
        help_text="本地区这些类别的产品页会列出本文件；不选则只在下方关联的页面上列出。",
    )
    procurement_statuses = ChoiceListField(
        "适用采购状态", item_choices=ProcurementStatus.choices, help_text="不选表示任何采购状态。"
    )
    first_set_only = models.BooleanField(
        "仅适用于首台（套）/创新产品", default=False, help_text="勾选后只列在持有认定的产品页上。"
    )
    catalog_kinds = ChoiceListField(
        "适用目录类型",
        item_choices=CatalogKind.choices,
        help_text="本地区发布的这些类型的目录页会列出本文件。",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                InlinePanel("issuing_bodies", label="发文单位", min_num=1),
            ],
            heading="发文信息",
        ),
        MultiFieldPanel(
            [
                FieldPanel("issued_on"),
                FieldPanel("issued_precision"),
                FieldPanel("in_force_from"),
                FieldPanel("in_force_until"),
            ],
            heading="日期",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("areas", label="适用地区"),
        MultiFieldPanel(
            [
                FieldPanel("product_types"),
                FieldPanel("procurement_statuses"),
                FieldPanel("first_set_only"),
                FieldPanel("catalog_kinds"),
            ],
            heading="适用对象",
        ),
        InlinePanel("related_pages", label="相关目录、产品与活动"),
        MultiFieldPanel(
            [
                FieldPanel("original_url"),
                InlinePanel("attachments", label="附件"),
            ],
            heading="原文",
        ),
        *ProvenanceMixin.provenance_panels(),
    ]
    settings_panels = Page.settings_panels + ExampleMixin.settings_panels
    base_form_class = PolicyPageForm
    objects = PublicPageManager.from_queryset(PolicyQuerySet)()
    search_fields = Page.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("summary"),
    ]
    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "政策文件"

    def clean(self):
        super().clean()
        self.document_number = normalize_document_number(self.document_number)
        errors = {}
        if self.in_force_from and self.in_force_until and self.in_force_until < self.in_force_from:
            errors["in_force_until"] = "有效期截止日期不能早于施行日期。"
        elif self.issued_on and self.in_force_until and self.in_force_until < self.issued_on:
            errors["in_force_until"] = "有效期截止日期不能早于发布日期。"
        year = document_number_year(self.document_number)
        # A number may carry next year's 〔year〕 (中市监函〔2022〕1号 was issued on 2021-12-31).
        if year and self.issued_on and not 0 <= year - self.issued_on.year <= 1:
            errors["issued_on"] = f"发布日期与文号中的年份（{year}年）不符。"
        if errors:
            raise ValidationError(errors)

    @property
    def issued_display(self):
        return self._date_display(self.issued_on, self.issued_precision)

    @staticmethod
    def _date_display(day, precision=DatePrecision.DAY):
        if day is None:
            return gettext(UNSTATED)
        if precision == DatePrecision.YEAR:
            return gettext("%(year)s年") % {"year": day.year}
        return date_format(day, DATE_FORMATS[DatePrecision(precision)])

    @property
    def in_force_from_display(self):
        return self._date_display(self.in_force_from)

    @property
    def in_force_until_display(self):
        return self._date_display(self.in_force_until)

    @property
    def has_expired(self):
        return bool(self.in_force_until and self.in_force_until < timezone.localdate())

    def issuing_body_names(self):
        return "、".join(body.name for body in self.issuing_bodies.all())

    def product_type_labels(self):
        return self._meta.get_field("product_types").labels(self.product_types)

    def procurement_status_labels(self):
        return self._meta.get_field("procurement_statuses").labels(self.procurement_statuses)

    def catalog_kind_labels(self):
        return self._meta.get_field("catalog_kinds").labels(self.catalog_kinds)

    def get_related_pages(self):
        """The catalogs, products and events this policy concerns that the public may see."""
        ids = self.related_pages.values("target_id")
        return public_pages(Page.objects.filter(pk__in=ids)).specific().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = self.get_related_pages()
        context["attachments"] = self.attachments.select_related("document")
        return context


class PolicyIssuingBody(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="issuing_bodies")
    name = models.CharField("发文单位", max_length=100)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = "发文单位"

    def __str__(self):
        return self.name


class PolicyArea(Orderable):
    """A province, or one city in it, where the policy applies."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="areas")
    province = models.CharField("省份", max_length=20, choices=PROVINCE_CHOICES)
    city = models.CharField("城市", max_length=40, blank=True, help_text="留空表示全省。")

    panels = [FieldPanel("province"), FieldPanel("city")]

    class Meta(Orderable.Meta):
        verbose_name = "适用地区"

    def __str__(self):
        return f"{self.province}{self.city}"

    def clean(self):
        self.city = self.city.strip()
        known = CITY_PROVINCE.get(self.city)
        if known and known != self.province:
            raise ValidationError({"city": f"{self.city}属于{known}，不属于{self.province}。"})


class PolicyRelatedPage(Orderable):
    """A catalog, product or event the policy concerns."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="related_pages")
    target = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="页面",
        on_delete=models.CASCADE,
        related_name="policy_links",
    )

    panels = [
        PageChooserPanel(
            "target", ["directory.CatalogPage", "directory.ProductPage", "events.EventPage"]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "相关页面"


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]
