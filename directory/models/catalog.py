import functools

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import ExampleMixin, RuleRestrictionsMixin, SectionIndexPage
from core.visibility import PublicPageManager, public_page_ids
from directory.choices import CatalogKind, EntryReview, Validity
from directory.models.provenance import ProvenanceMixin
from directory.panels import ProposedEntriesPanel


def attach_enterprises(products):
    """Fill each product's `enterprise` from one query instead of one per product."""
    from .enterprise import EnterprisePage

    if not products:
        return
    makers = EnterprisePage.objects.makers_of(products)
    for product in products:
        product.__dict__["enterprise"] = makers[product.pk]


class CatalogIndexPage(SectionIndexPage):
    subpage_types = ["directory.CatalogPage"]

    class Meta:
        verbose_name = "目录索引"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogs"] = (
            CatalogPage.objects.child_of(self).for_public().order_by("-published_on")
        )
        return context


class CatalogPage(RuleRestrictionsMixin, ProvenanceMixin, ExampleMixin, RoutablePageMixin, Page):
    """An official list (目录) as issued: its document number, dates and entries.

    Entries are rows of CatalogEntry rather than an inline panel: official
    catalogs run to a thousand rows and arrive by spreadsheet import.
    """

    kind = models.CharField("目录类型", max_length=30, choices=CatalogKind.choices)
    issuing_body = models.CharField("发布单位", max_length=100)
    document_number = models.CharField("文号", max_length=60, blank=True)
    published_on = models.DateField("发布日期")
    valid_from = models.DateField(
        "生效日期", null=True, blank=True, help_text="留空则自发布日期起生效。"
    )
    valid_until = models.DateField(
        "有效期至", null=True, blank=True, help_text="留空表示原文未载明有效期。"
    )
    declared_count = models.PositiveIntegerField(
        "原文收录数量", null=True, blank=True, help_text="原文件所载的品种或企业数量。"
    )
    declared_count_note = models.CharField("收录数量说明", max_length=200, blank=True)
    declared_count_combined_with = models.ForeignKey(
        "self",
        verbose_name="与之合计的目录",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="原文只给出本目录与另一期目录的合计数量时，选择那一期（如第一期与第二期）。",
    )
    introduction = RichTextField(
        "说明", blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    source_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="原文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("issuing_body"),
                FieldPanel("document_number"),
                FieldPanel("source_document"),
            ],
            heading="发文信息",
        ),
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("valid_from"), FieldPanel("valid_until")],
            heading="有效期",
        ),
        MultiFieldPanel(
            [
                FieldPanel("declared_count"),
                FieldPanel("declared_count_note"),
                FieldPanel("declared_count_combined_with"),
            ],
            heading="收录数量",
        ),
        FieldPanel("introduction"),
        ProposedEntriesPanel(heading="待审核的目录条目"),
        *ProvenanceMixin.provenance_panels(),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("issuing_body"),
    ]
    settings_panels = Page.settings_panels + ExampleMixin.settings_panels
    parent_page_types = ["directory.CatalogIndexPage"]
    subpage_types = []
    objects = PublicPageManager()

    class Meta:
        verbose_name = "目录"

    def clean(self):
        super().clean()
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)

    def date_errors(self):
        """How the dates must agree (the admin form and the import): {field: message}."""
        errors = {}
        if self.published_on and self.valid_until and self.valid_until < self.published_on:
            errors["valid_until"] = "有效期截止日期不能早于发布日期。"
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = "有效期截止日期不能早于生效日期。"
        return errors

    @property
    def combined_count_catalog(self):
        """The other issue whose total this catalog's declared count shares, if any."""
        other = self.declared_count_combined_with
        return other if other is not None and other.live else None

    @property
    def effective_from(self):
        return self.valid_from or self.published_on

    def validity_on(self, day):
        if day < self.effective_from:
            return Validity.PENDING
        if self.valid_until and day > self.valid_until:
            return Validity.EXPIRED
        return Validity.CURRENT

    @property
    def validity(self):
        return Validity(self.validity_on(timezone.localdate()))

    def get_entries(self):
        """The entries the public may see, in the catalog's order."""
        return (
            self.entries.for_public()
            .select_related("enterprise", "product")
            .order_by("sort_order", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when the page fragment is not cached.
        context["entries"] = functools.cache(lambda: self.entries_page(request.GET.get("page")))
        return context

    def entries_page(self, number):
        entries = Paginator(self.get_entries(), 100).get_page(number)
        attach_enterprises([entry.product for entry in entries if entry.product_id])
        return entries

    @path("download/<str:file_format>/")
    def download(self, request, file_format):
        from directory.downloads import catalog_download

        return catalog_download(request, self, file_format)


class CatalogEntryQuerySet(models.QuerySet):
    def in_force(self):
        """Entries the catalog lists now: not additions still awaiting review
        (an entry proposed for removal stays until the review approves)."""
        return self.exclude(review=EntryReview.ADDITION)

    def awaiting_review(self):
        """Additions and removals a moderated import proposed, for the catalog's review."""
        return self.exclude(review=EntryReview.IN_FORCE)

    def for_public(self):
        """Entries in force whose enterprise or product the public may see."""
        public = public_page_ids()
        return self.in_force().filter(
            models.Q(product_id__in=public) | models.Q(enterprise_id__in=public)
        )


class CatalogEntry(models.Model):
    """One line of a catalog: an enterprise, or one of its products."""

    catalog = models.ForeignKey(
        CatalogPage, verbose_name="目录", on_delete=models.CASCADE, related_name="entries"
    )
    enterprise = models.ForeignKey(
        "directory.EnterprisePage",
        verbose_name="企业",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="catalog_entries",
    )
    product = models.ForeignKey(
        "directory.ProductPage",
        verbose_name="产品",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="catalog_entries",
    )
    sort_order = models.PositiveIntegerField("序号", default=0)
    note = models.CharField("备注", max_length=200, blank=True)
    # A change by someone who may not publish takes effect when the catalog page
    # is published (its review approved) and is dropped when the review is
    # rejected or cancelled. A proposed addition is never shown to the public.
    review = models.CharField(
        "审核状态",
        max_length=10,
        choices=EntryReview.choices,
        default=EntryReview.IN_FORCE,
        help_text="待审核的加入或移除在目录页面发布后生效。",
    )

    objects = CatalogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "目录条目"
        verbose_name_plural = "目录条目"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enterprise__isnull=False, product__isnull=True)
                | models.Q(enterprise__isnull=True, product__isnull=False),
                name="catalog_entry_enterprise_xor_product",
            ),
            models.UniqueConstraint(
                fields=["catalog", "product"],
                condition=models.Q(product__isnull=False),
                name="unique_catalog_product",
            ),
            models.UniqueConstraint(
                fields=["catalog", "enterprise"],
                condition=models.Q(enterprise__isnull=False),
                name="unique_catalog_enterprise",
            ),
        ]

    def __str__(self):
        return f"{self.catalog.title}：{self.product or self.enterprise}"

    def clean(self):
        if bool(self.enterprise_id) == bool(self.product_id):
            raise ValidationError("目录条目须且只能指向一个企业或一个产品。")
