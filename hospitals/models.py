from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_noop
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import ExampleMixin, RuleRestrictionsMixin, SectionIndexPage
from core.visibility import PublicPageManager, PublicPageQuerySet, public_page_ids
from directory.models import FirstUseRecord, ProvenanceMixin
from directory.models.catalog import attach_enterprises


class HospitalLevel(models.TextChoices):
    GRADE_3A = "3a", gettext_noop("三甲")
    GRADE_3B = "3b", gettext_noop("三乙")
    GRADE_3 = "3", gettext_noop("三级")
    GRADE_2A = "2a", gettext_noop("二甲")
    GRADE_2B = "2b", gettext_noop("二乙")
    GRADE_2 = "2", gettext_noop("二级")
    GRADE_1 = "1", gettext_noop("一级")
    TOWNSHIP = "township", gettext_noop("卫生院")
    COMMUNITY = "community", gettext_noop("社区卫生服务中心")
    UNSTATED = "unstated", gettext_noop("未载明")


class Ownership(models.TextChoices):
    PUBLIC = "public", gettext_noop("公立")
    PRIVATE = "private", gettext_noop("民营")
    UNSTATED = "unstated", gettext_noop("未载明")


class HospitalIndexPage(SectionIndexPage):
    subpage_types = ["hospitals.HospitalPage"]

    class Meta:
        verbose_name = "医疗机构索引"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hospitals = (
            HospitalPage.objects.child_of(self)
            .for_public()
            .with_public_trial_counts()
            .order_by("region", "title")
        )
        context["hospitals"] = Paginator(hospitals, 50).get_page(request.GET.get("page"))
        return context


class HospitalQuerySet(PublicPageQuerySet):
    def with_public_trial_counts(self):
        """Annotate `trial_count`: the public products trialled there."""
        public_trials = models.Q(first_use_records__page_id__in=public_page_ids())
        return self.annotate(
            trial_count=models.Count("first_use_records__page", filter=public_trials, distinct=True)
        )


class HospitalPage(RuleRestrictionsMixin, ProvenanceMixin, ExampleMixin, Page):
    """A hospital or health centre where local products were trialled or adopted."""

    level = models.CharField(
        "级别", max_length=20, choices=HospitalLevel.choices, default=HospitalLevel.UNSTATED
    )
    ownership = models.CharField(
        "性质", max_length=20, choices=Ownership.choices, default=Ownership.UNSTATED
    )
    region = models.CharField(
        "所在地区", max_length=40, blank=True, help_text="地级市或县级市，如“慈溪市”；不详可留空。"
    )
    district = models.CharField("区/县/镇", max_length=40, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    description = RichTextField("简介", blank=True, features=["bold", "italic", "ol", "ul", "link"])

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("level"), FieldPanel("ownership")], heading="级别与性质"),
        MultiFieldPanel(
            [FieldPanel("region"), FieldPanel("district"), FieldPanel("address")],
            heading="所在地",
        ),
        FieldPanel("description"),
        *ProvenanceMixin.provenance_panels(),
    ]
    settings_panels = Page.settings_panels + ExampleMixin.settings_panels
    objects = PublicPageManager.from_queryset(HospitalQuerySet)()
    search_fields = Page.search_fields + [index.FilterField("region")]
    parent_page_types = ["hospitals.HospitalIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "医疗机构"

    def get_trials(self):
        """首试首用 records here whose product the public may see, oldest first."""
        return (
            FirstUseRecord.objects.filter(hospital=self, page_id__in=public_page_ids())
            .select_related("page")
            .order_by("started_on", "page__title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        trials = list(self.get_trials())
        attach_enterprises([trial.page for trial in trials])
        context["trials"] = trials
        return context
