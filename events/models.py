from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import ExampleMixin, SectionIndexPage
from core.visibility import PublicPageManager

from .blocks import AgendaItemBlock


class EventType(models.TextChoices):
    MATCHMAKING = "matchmaking", "对接会"
    SUMMIT = "summit", "高峰会"
    TRAINING = "training", "培训"
    EXHIBITION = "exhibition", "展会"
    MEETING = "meeting", "工作会议"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "如期举行"
    POSTPONED = "postponed", "延期"
    CANCELLED = "cancelled", "取消"


class EventIndexPage(SectionIndexPage):
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = "活动索引"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).for_public()
        now = timezone.now()
        context["upcoming_events"] = events.filter(ends_at__gte=now).order_by("starts_at")
        past = events.filter(ends_at__lt=now).order_by("-starts_at")
        context["past_events"] = Paginator(past, 20).get_page(request.GET.get("page"))
        return context


class EventPage(ExampleMixin, Page):
    """A notice for a matchmaking meeting, summit, training or exhibition."""

    event_type = models.CharField("活动类型", max_length=20, choices=EventType.choices)
    status = models.CharField(
        "状态", max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    venue = models.CharField("会场", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    organisers = models.CharField("主办单位", max_length=300, blank=True)
    co_organisers = models.CharField("协办单位", max_length=300, blank=True)
    hosts = models.CharField("承办单位", max_length=300, blank=True)
    audience = models.CharField("参加对象", max_length=300, blank=True)
    summary = models.TextField("简介", blank=True)
    body = RichTextField("正文", blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"])
    agenda = StreamField([("item", AgendaItemBlock())], verbose_name="议程", blank=True)
    registration_deadline = models.DateTimeField("报名截止", null=True, blank=True)
    capacity = models.PositiveIntegerField("名额", null=True, blank=True)
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("event_type"),
                FieldPanel("status"),
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
            ],
            heading="时间与状态",
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("address")], heading="地点"),
        MultiFieldPanel(
            [
                FieldPanel("organisers"),
                FieldPanel("co_organisers"),
                FieldPanel("hosts"),
                FieldPanel("audience"),
            ],
            heading="主办与参加对象",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("registration_deadline"), FieldPanel("capacity")], heading="报名"
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone")], heading="联系方式"
        ),
        InlinePanel("attachments", label="附件"),
    ]
    settings_panels = Page.settings_panels + ExampleMixin.settings_panels
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("venue")]
    parent_page_types = ["events.EventIndexPage"]
    objects = PublicPageManager()
    subpage_types = []

    class Meta:
        verbose_name = "活动"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "结束时间不能早于开始时间。"
        if (
            self.registration_deadline
            and self.ends_at
            and self.registration_deadline > self.ends_at
        ):
            errors["registration_deadline"] = "报名截止时间不能晚于活动结束时间。"
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        return context

    @property
    def is_past(self):
        return self.ends_at < timezone.now()


class EventAttachment(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]
