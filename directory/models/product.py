import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import ExampleMixin, RuleRestrictionsMixin
from core.panels import (
    STAFF_OWNED_PERMISSION,
    StaffOwnedFieldPanel,
    StaffOwnedFormsetsForm,
    StaffOwnedInlinePanel,
)
from core.visibility import PublicPageManager, PublicPageQuerySet, public_pages
from directory.choices import (
    DEVICE_TYPES,
    PROCUREMENT_PLAIN_WORDS,
    DeviceClass,
    MedicalInsurance,
    ProcurementStatus,
    ProductType,
    RecognitionKind,
    RecognitionLevel,
)
from directory.models.provenance import ProvenanceMixin
from directory.validators import (
    is_drug_regulated_reagent,
    normalize_registration_no,
    registration_device_class,
    registration_kind,
    validate_registration_no,
)

EXPIRY_WARNING_DAYS = 90


def days_left(valid_until, today=None):
    """Days until `valid_until` (negative once past), or None without a date."""
    if valid_until is None:
        return None
    return (valid_until - (today or timezone.localdate())).days


def validity_note(valid_until, today=None):
    """'已过期', '还剩 N 天' within EXPIRY_WARNING_DAYS, else '' (in the active language)."""
    days = days_left(valid_until, today)
    if days is None or days > EXPIRY_WARNING_DAYS:
        return ""
    if days < 0:
        return gettext("已过期")
    return ngettext("还剩 %(days)s 天", "还剩 %(days)s 天", days) % {"days": days}


class ProductPageForm(StaffOwnedFormsetsForm):
    staff_owned_formsets = {
        "recognitions": STAFF_OWNED_PERMISSION,
        "first_use_records": STAFF_OWNED_PERMISSION,
    }


class ProductQuerySet(PublicPageQuerySet):
    def first_set(self):
        """Products holding a 首台（套） recognition (not other recognitions)."""
        recognised = FirstSetRecognition.objects.filter(kind=RecognitionKind.FIRST_SET)
        return self.filter(pk__in=recognised.values("page_id"))


class ProductPage(RuleRestrictionsMixin, ProvenanceMixin, ExampleMixin, Page):
    """A drug, device or service, always a child of the enterprise that makes it."""

    product_type = models.CharField("产品类别", max_length=20, choices=ProductType.choices)
    device_class = models.CharField(
        "管理类别", max_length=1, choices=DeviceClass.choices, blank=True
    )
    registration_no = models.CharField(
        "注册证/备案编号",
        max_length=40,
        blank=True,
        validators=[validate_registration_no],
        help_text="如“国械注准20173221234”“粤械注准20182010123”“国药准字H20000001”。",
    )
    certificate_valid_until = models.DateField("注册证有效期至", null=True, blank=True)
    model_spec = models.CharField("规格型号", max_length=200, blank=True)
    intended_use = models.TextField("适用范围", blank=True)
    description = RichTextField(
        "产品介绍", blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    procurement_status = models.CharField(
        "采购状态",
        max_length=20,
        choices=ProcurementStatus.choices,
        default=ProcurementStatus.UNKNOWN,
    )
    medical_insurance = models.CharField(
        "医保",
        max_length=20,
        choices=MedicalInsurance.choices,
        default=MedicalInsurance.UNKNOWN,
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("product_type"),
                FieldPanel("device_class"),
                FieldPanel("registration_no"),
                FieldPanel("certificate_valid_until"),
                FieldPanel("model_spec"),
            ],
            heading="注册信息",
        ),
        FieldPanel("intended_use"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                StaffOwnedFieldPanel("procurement_status"),
                StaffOwnedFieldPanel("medical_insurance"),
            ],
            heading="采购与医保",
        ),
        InlinePanel("images", label="产品图片"),
        InlinePanel("documents", label="产品资料"),
        StaffOwnedInlinePanel("recognitions", label="首台（套）/创新产品认定"),
        StaffOwnedInlinePanel("first_use_records", label="首试首用记录"),
        *ProvenanceMixin.provenance_panels(staff_owned=True),
    ]
    settings_panels = Page.settings_panels + [StaffOwnedFieldPanel("is_example")]
    base_form_class = ProductPageForm
    objects = PublicPageManager.from_queryset(ProductQuerySet)()
    search_fields = Page.search_fields + [
        index.SearchField("registration_no"),
        index.SearchField("model_spec"),
        index.FilterField("product_type"),
    ]
    parent_page_types = ["directory.EnterprisePage"]
    subpage_types = []

    class Meta:
        verbose_name = "产品"
        constraints = [
            models.UniqueConstraint(
                fields=["registration_no"],
                condition=~models.Q(registration_no=""),
                name="unique_product_registration_no",
            )
        ]

    def clean(self):
        super().clean()
        self.registration_no = normalize_registration_no(self.registration_no)
        errors = product_rule_errors(self.product_type, self.device_class, self.registration_no)
        if errors:
            raise ValidationError(errors)

    @cached_property
    def enterprise(self):
        from .enterprise import EnterprisePage

        return EnterprisePage.objects.of_products([self]).first()

    @property
    def procurement_plain_words(self):
        return PROCUREMENT_PLAIN_WORDS[self.procurement_status]

    def get_catalogs(self):
        from .catalog import CatalogPage

        listing = self.catalog_entries.in_force().values("catalog_id")
        return CatalogPage.objects.for_public().filter(pk__in=listing).order_by("-published_on")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Callables and querysets: the template asks for them only when the
        # page fragment is not cached already (core/templatetags/page_fragments.py).
        # One query serves the breadcrumbs and the link to the enterprise; the
        # page is served only when all of them are public (see HomePage.route).
        ancestors = functools.cache(lambda: list(self.get_ancestors()))
        context["ancestors"] = ancestors
        context["enterprise"] = lambda: ancestors()[-1] if ancestors() else None
        context["catalogs"] = functools.cache(self.get_catalogs)
        context["recognitions"] = self.recognitions.select_related("catalog")
        context["first_use_records"] = functools.cache(self.public_first_use_records)
        context["images"] = self.images.select_related("image")
        context["documents"] = self.documents.select_related("document")
        return context

    def public_first_use_records(self):
        """Records whose hospital's page is public, each linked to that page.
        (Filtered in Python: a preview holds the records in memory, not in the database.)"""
        records = list(self.first_use_records.all())
        hospitals = public_pages(Page.objects.filter(pk__in={r.hospital_id for r in records}))
        shown = {hospital.pk: hospital for hospital in hospitals.specific()}
        records = [r for r in records if r.hospital_id in shown]
        for record in records:
            record.hospital = shown[record.hospital_id]
        return records


def product_rule_errors(product_type, device_class, registration_no):
    """How type, class and number must agree: {field: message}, empty when they do.

    The one rule for the admin form (ProductPage.clean) and the import.
    """
    errors = {}
    is_device = product_type in DEVICE_TYPES
    kind = registration_kind(registration_no) if registration_no else None
    # An IVD reagent regulated as a medicine carries 国药准字S and no device class.
    drug_reagent = product_type == ProductType.IVD and is_drug_regulated_reagent(registration_no)
    if is_device and not device_class and not drug_reagent:
        errors["device_class"] = "医疗器械、医用耗材和体外诊断试剂须填写管理类别。"
    if not is_device and device_class:
        errors["device_class"] = "只有医疗器械、医用耗材和体外诊断试剂有管理类别。"
    if drug_reagent:
        if device_class:
            errors["device_class"] = "按药品管理的体外诊断试剂（国药准字S）没有医疗器械管理类别。"
    elif kind == "drug" and product_type != ProductType.DRUG:
        errors["registration_no"] = (
            "药品批准文号/进口药品注册证号只适用于药品"
            "（国药准字S 也可用于按药品管理的体外诊断试剂）。"
        )
    elif kind and kind != "drug" and not is_device:
        errors["registration_no"] = "医疗器械注册证/备案编号只适用于器械、耗材和体外诊断试剂。"
    elif kind == "device_filing" and device_class not in ("", DeviceClass.CLASS_1):
        errors["registration_no"] = "备案编号只适用于第一类医疗器械。"
    elif kind == "device_registration":
        encoded = registration_device_class(registration_no)
        if device_class and encoded != device_class:
            errors["registration_no"] = (
                f"注册证编号表示{DeviceClass(encoded).label}医疗器械，与所选管理类别不符。"
            )
    return errors


class ProductImage(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="图片", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ProductDocument(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]


class FirstSetRecognition(Orderable):
    """首台（套）/ 创新药 / “三首” recognition of a product."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="recognitions")
    kind = models.CharField("认定类型", max_length=20, choices=RecognitionKind.choices)
    level = models.CharField("认定级别", max_length=20, choices=RecognitionLevel.choices)
    catalog = models.ForeignKey(
        "directory.CatalogPage",
        verbose_name="所属目录",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recognitions",
    )
    recognised_on = models.DateField("认定日期", null=True, blank=True)
    highlights = models.TextField("产品亮点", blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("level"),
        FieldPanel("catalog"),
        FieldPanel("recognised_on"),
        FieldPanel("highlights"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "首台（套）认定"


def first_set_product_ids(product_ids):
    """Which of these products hold a 首台（套） recognition (one query)."""
    if not product_ids:
        return set()
    return set(
        ProductPage.objects.filter(pk__in=product_ids).first_set().values_list("pk", flat=True)
    )


class FirstUseRecord(Orderable):
    """首试首用: the product was trialled first in a named public hospital."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="first_use_records")
    # A string reference: the hospitals app builds on the directory, not the reverse.
    hospital = models.ForeignKey(
        "hospitals.HospitalPage",
        verbose_name="医疗机构",
        on_delete=models.PROTECT,
        related_name="first_use_records",
    )
    started_on = models.DateField("开始日期", null=True, blank=True)
    scope = models.TextField("试用范围", blank=True)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name="促成活动",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="first_use_records",
        help_text="促成这次首试首用的对接活动（如有）。",
    )

    panels = [
        FieldPanel("hospital"),
        FieldPanel("started_on"),
        FieldPanel("scope"),
        FieldPanel("event"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "首试首用记录"
